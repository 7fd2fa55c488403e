/**
 * Serves /early.js (src/web/early.js, run by index.html before the app) with, for each page it knows, the
 * build files that page's code needs beyond the app shell, so the browser fetches them while the shell's
 * own code downloads and runs instead of after. The list is read from the bundle when it is written (the
 * file names carry content hashes); in development, where there is no bundle, it is empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** Page address → the module whose chunk (and its imports) that page loads. */
const PAGES: Record<string, string> = {
  '/partnerships/overview': 'src/web/modules/overview/pages/OverviewPage.tsx',
};

const TEMPLATE = 'src/web/early.js';
const MARK = '/* PRELOADS */ {}';

function render(root: string, preloads: Record<string, string[]>): string {
  const source = fs.readFileSync(path.resolve(root, TEMPLATE), 'utf8');
  if (!source.includes(MARK)) throw new Error(`${TEMPLATE} lost its ${MARK} placeholder`);
  return source.replace(MARK, JSON.stringify(preloads));
}

interface Chunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

export function earlyScript(): Plugin {
  let base = '/';
  let root = process.cwd();
  return {
    name: 'accord-early-script',
    configResolved(config) {
      base = config.base;
      root = config.root;
    },
    configureServer(server) {
      server.middlewares.use('/early.js', (_req, res) => {
        res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.end(render(root, {}));
      });
    },
    generateBundle(_options, bundle) {
      const chunks = new Map<string, Chunk>();
      for (const item of Object.values(bundle))
        if (item.type === 'chunk') chunks.set(item.fileName, item as unknown as Chunk);
      /** A chunk's file, its static imports' files (recursively) and their CSS. */
      const closure = (start: Chunk): Set<string> => {
        const files = new Set<string>();
        const visit = (c: Chunk) => {
          if (files.has(c.fileName)) return;
          files.add(c.fileName);
          for (const css of c.viteMetadata?.importedCss ?? []) files.add(css);
          for (const f of c.imports) visit(chunks.get(f)!);
        };
        visit(start);
        return files;
      };
      const all = [...chunks.values()];
      const shell = closure(all.find((c) => c.isEntry)!);
      const preloads: Record<string, string[]> = {};
      for (const [page, module] of Object.entries(PAGES)) {
        const chunk = all.find((c) => c.facadeModuleId?.endsWith(module));
        if (!chunk) throw new Error(`early.js: no chunk for ${module}`);
        preloads[page] = [...closure(chunk)].filter((f) => !shell.has(f)).map((f) => `${base}${f}`);
      }
      this.emitFile({ type: 'asset', fileName: 'early.js', source: render(root, preloads) });
    },
  };
}
