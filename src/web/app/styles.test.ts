import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(__dirname, '..');

function cssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return cssFiles(full);
    return e.name.endsWith('.css') ? [full] : [];
  });
}

describe('style sheets', () => {
  it('use the scheme variables of global.css, never light-dark()', () => {
    // The production build's CSS minifier rewrites light-dark() into variables that only a `color-scheme`
    // declaration defines, and Mantine declares none: the colour then silently becomes transparent.
    const offenders = cssFiles(WEB)
      .filter((file) => /light-dark\(/.test(fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')))
      .map((file) => path.relative(WEB, file));
    expect(offenders).toEqual([]);
  });
});
