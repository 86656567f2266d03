/**
 * `readImage` off the main thread: one worker (server/image-worker.mjs), started at the
 * first upload, reads images one after another; the main thread only waits. An image that
 * takes longer than the read limit is refused and its worker replaced, so that no upload can
 * hold up the ones queued behind it. If the worker cannot start, or COBRAND_IMAGE_WORKER=0,
 * images are read here, as before.
 */
import { Worker } from 'node:worker_threads';
import { ImageError, readImage, type Image } from './images.ts';
import { IMAGE_WORKER, IMAGES_MODULE } from './paths.ts';

/** The longest one image may take to read: a logo of the largest size allowed takes well under a second. */
export const DEFAULT_READ_LIMIT_MS = 10_000;

interface Job {
  id: number;
  bytes: Buffer;
  resolve: (image: Image) => void;
  reject: (error: Error) => void;
}

type Answer = { id: number; image?: Image & { bytes: Uint8Array }; error?: { message: string; code?: string } };

export class ImageReader {
  private worker: Worker | undefined;
  private starting: Promise<Worker | undefined> | undefined;
  /** The jobs sent to the current worker, in the order it reads them: the first is being read. */
  private readonly queue = new Map<number, Job>();
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private next = 0;

  constructor(private readonly readLimitMs = DEFAULT_READ_LIMIT_MS) {}

  async read(bytes: Buffer): Promise<Image> {
    if (process.env.COBRAND_IMAGE_WORKER === '0') return readImage(bytes);
    const worker = await (this.starting ??= this.start());
    if (!worker) return readImage(bytes);
    return new Promise((resolve, reject) => this.send(worker, { id: ++this.next, bytes, resolve, reject }));
  }

  async close(): Promise<void> {
    clearTimeout(this.deadline);
    const worker = await this.starting;
    this.starting = undefined;
    await worker?.terminate();
  }

  private send(worker: Worker, job: Job): void {
    this.queue.set(job.id, job);
    if (this.queue.size === 1) {
      worker.ref();
      this.watchFirst();
    }
    worker.postMessage({ id: job.id, bytes: job.bytes });
  }

  /** The job being read gets the read limit from now. */
  private watchFirst(): void {
    clearTimeout(this.deadline);
    const first = this.queue.keys().next().value;
    if (first !== undefined) this.deadline = setTimeout(() => void this.tooSlow(first), this.readLimitMs);
  }

  /** Refuses the job being read, replaces the worker, and sends the jobs behind it to the new one. */
  private async tooSlow(id: number): Promise<void> {
    const job = this.queue.get(id);
    if (!job) return;
    this.queue.delete(id);
    job.reject(new ImageError('image.too-complex', `This image took over ${this.readLimitMs / 1000} s to read, more than any logo needs: simplify it, or upload a PNG.`));
    const waiting = [...this.queue.values()];
    this.queue.clear();
    const worker = this.worker;
    this.worker = undefined;
    this.starting = undefined;
    await worker?.terminate();
    for (const next of waiting) this.read(next.bytes).then(next.resolve, next.reject);
  }

  private start(): Promise<Worker | undefined> {
    return new Promise((resolve) => {
      const worker = new Worker(IMAGE_WORKER, { workerData: { images: IMAGES_MODULE.href } });
      worker.once('message', () => {
        worker.on('message', (answer: Answer) => this.settle(answer));
        worker.unref();
        this.worker = worker;
        resolve(worker);
      });
      worker.once('error', () => resolve(undefined));
      worker.on('exit', () => {
        // A worker replaced for a slow image has handed its queue on already.
        if (this.worker !== worker) return;
        clearTimeout(this.deadline);
        for (const { reject } of this.queue.values()) reject(new Error('the image worker stopped'));
        this.queue.clear();
        this.worker = undefined;
        this.starting = undefined;
      });
    });
  }

  private settle({ id, image, error }: Answer): void {
    const job = this.queue.get(id);
    if (!job) return;
    this.queue.delete(id);
    this.watchFirst();
    if (this.queue.size === 0) this.worker?.unref();
    if (error) job.reject(error.code ? new ImageError(error.code, error.message) : new Error(error.message));
    else job.resolve({ ...image!, bytes: Buffer.from(image!.bytes.buffer, image!.bytes.byteOffset, image!.bytes.byteLength) });
  }
}
