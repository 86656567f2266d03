// Reads uploaded images (server/images.ts: type, size, the SVG allow-list) in a worker
// thread, so that parsing and re-serialising a 500 KB SVG never stalls the landings the
// main thread serves. Plain JavaScript that registers tsx itself, since a worker gets no
// TypeScript loader from its parent.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readImage, ImageError } = await import('./images.ts');

parentPort.on('message', ({ id, bytes }) => {
  try {
    const image = readImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    parentPort.postMessage({ id, image: { ...image, bytes: new Uint8Array(image.bytes) } });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), code: error instanceof ImageError ? error.code : undefined } });
  }
});
parentPort.postMessage({ ready: true });
