/**
 * `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) in turn and writes what they
 * printed to bench/results/<date>.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.ACCORD_SCRYPT_N ??= '16384';
const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const sections: string[] = [];
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run(): Promise<string[]> };
  sections.push(...(await mod.run()));
}
const outDir = path.join(here, 'results');
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.md`);
fs.writeFileSync(file, `# Accord benchmarks ${new Date().toISOString()}\n${sections.join('\n')}\n`);
console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
process.exit(0);
