import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app: index.html at the repo root, sources in src/web, output in dist/web (the server serves it).
// ACCORD_WEB_DIR moves the output (parallel browser-test runs each build their own copy).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env.ACCORD_WEB_DIR ?? 'dist/web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: `http://localhost:${process.env.ACCORD_API_PORT ?? '3100'}` } },
  },
});
