import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { earlyScript } from './scripts/viteEarly.ts';
import { precompress } from './scripts/viteCompress.ts';

// The web app: index.html at the repo root, sources in src/web, output in dist/web (the server serves it).
// ACCORD_WEB_DIR moves the output (parallel browser-test runs each build their own copy).
export default defineConfig({
  plugins: [react(), earlyScript(), precompress()],
  build: {
    outDir: process.env.ACCORD_WEB_DIR ?? 'dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Shared modules under 8 KB (an icon, a hook, a schema file) are copied into the chunks that use
          // them instead of each becoming its own file: the Overview's code was 62 requests, which Chromium
          // fetches six at a time over HTTP/1.1; now it is about half, and the page shows its figures
          // ~200 ms sooner cold (bench/overviewPage.bench.ts).
          experimentalInlineCommonChunks: { maxSize: 8192 },
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: `http://localhost:${process.env.ACCORD_API_PORT ?? '3100'}` } },
  },
});
