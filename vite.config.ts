import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The preview app (partner editor, reviewer console, demo landing) lives in preview/.
 * `npm run dev` serves it with hot reload and sends API calls to the service on :8080.
 */
const service = process.env.COBRAND_API ?? 'http://127.0.0.1:8080';
/** Paths from this file, so the build works from any working directory; it writes into the cobrand package (server/). */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./preview'),
  build: {
    outDir: here('./server/dist/preview'),
    emptyOutDir: true,
    assetsDir: 'app',
    rollupOptions: { input: { editor: here('./preview/index.html'), review: here('./preview/review.html'), demo: here('./preview/demo.html') } },
  },
  server: {
    proxy: Object.fromEntries(['/v1', '/assets', '/docs', '/healthz', '/cobrand.js'].map((path) => [path, service])),
  },
});
