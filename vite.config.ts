import { defineConfig } from 'vite';

/** The preview app (partner editor, reviewer console, demo landing) lives in preview/. */
export default defineConfig({
  root: 'preview',
  build: { outDir: '../dist/preview', emptyOutDir: true },
});
