import { defineConfig } from 'vite';

/**
 * The preview app (partner editor, reviewer console, demo landing) lives in preview/.
 * `npm run dev` serves it with hot reload and sends API calls to the service on :8080.
 */
const service = process.env.COBRAND_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: 'preview',
  build: {
    outDir: '../dist/preview',
    emptyOutDir: true,
    assetsDir: 'app',
    rollupOptions: { input: { editor: 'preview/index.html', review: 'preview/review.html', demo: 'preview/demo.html' } },
  },
  server: {
    proxy: Object.fromEntries(['/v1', '/assets', '/docs', '/healthz', '/cobrand.js'].map((path) => [path, service])),
  },
});
