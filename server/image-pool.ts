/**
 * `readImage` off the main thread: one worker (server/image-worker.mjs), started at the
 * first upload, reads images one after another; the main thread only waits. If the worker
 * cannot start, or COBRAND_IMAGE_WORKER=0, images are read here, as before.
 */
import { Worker } from 'node:worker_threads';
import { ImageError, readImage, type Image } from './images.ts';
import { IMAGE_WORKER, IMAGES_MODULE } from './paths.ts';

export class ImageReader {
  private worker: Worker | undefined;
  private starting: Promise<Worker | undefined> | undefined;
  private readonly pending = new Map<number, { resolve: (image: Image) => void; reject: (error: Error) => void }>();
  private next = 0;

  async read(bytes: Buffer): Promise<Image> {
    if (process.env.COBRAND_IMAGE_WORKER === '0') return readImage(bytes);
    const worker = await (this.starting ??= this.start());
    if (!worker) return readImage(bytes);
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, bytes });
    });
  }

  async close(): Promise<void> {
    const worker = await this.starting;
    this.starting = undefined;
    await worker?.terminate();
  }

  private start(): Promise<Worker | undefined> {
    return new Promise((resolve) => {
      const worker = new Worker(IMAGE_WORKER, { workerData: { images: IMAGES_MODULE.href } });
      worker.once('message', () => {
        worker.on('message', (message: { id: number; image?: Image & { bytes: Uint8Array }; error?: { message: string; code?: string } }) => this.settle(message));
        worker.unref();
        this.worker = worker;
        resolve(worker);
      });
      worker.once('error', () => resolve(undefined));
      worker.on('exit', () => {
        for (const { reject } of this.pending.values()) reject(new Error('the image worker stopped'));
        this.pending.clear();
        if (this.worker === worker) {
          this.worker = undefined;
          this.starting = undefined;
        }
      });
    });
  }

  private settle({ id, image, error }: { id: number; image?: Image & { bytes: Uint8Array }; error?: { message: string; code?: string } }): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    if (error) waiting.reject(error.code ? new ImageError(error.code, error.message) : new Error(error.message));
    else waiting.resolve({ ...image!, bytes: Buffer.from(image!.bytes.buffer, image!.bytes.byteOffset, image!.bytes.byteLength) });
  }
}
