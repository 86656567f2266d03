// Reads uploaded images (server/images.ts: type, size, the SVG allow-list) in a worker
// thread, so that parsing and re-serialising a 500 KB SVG never stalls the landings the
// main thread serves. Plain JavaScript, since a worker gets no TypeScript loader from its
// parent: the pool (server/image-pool.ts) names the image reader to load, the compiled
// dist/service/images.js in an installed package, or images.ts in this repository, for
// which the worker registers tsx itself (tsx is a devDependency: only here).
import { parentPort, workerData } from 'node:worker_threads';

const images = workerData?.images ?? new URL('./images.ts', import.meta.url).href;
if (images.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { readImage, ImageError } = await import(images);

parentPort.on('message', async ({ id, bytes }) => {
  try {
    const image = await readImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    parentPort.postMessage({ id, image: { ...image, bytes: new Uint8Array(image.bytes) } });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), code: error instanceof ImageError ? error.code : undefined } });
  }
});
parentPort.postMessage({ ready: true });
