/**
 * Static publication: every live document as files under `COBRAND_PUBLISH_DIR`, so that
 * nginx, any static host or a CDN origin can answer landings without the service
 * (docs/nginx-publish.conf serves them with the service's headers and ETags).
 *
 *   <dir>/v1/partners/<pid>/customization           the JSON, byte for byte what the service sends
 *   <dir>/v1/partners/<pid>/customization.gz|.br    its compressed variants, the same bytes too
 *   <dir>/windowed/v1/partners/<pid>/customization  instead, for a document with time windows
 *
 * Each file is written to a temporary name and renamed into place (a reader sees the old
 * file or the new, never half of one). Its mtime is the number the service's ETag is made
 * of (server/public-cache.ts), so nginx's own ETag, "<mtime>-<size>", is the service's. A
 * document with time windows is kept apart because its answer changes at each boundary:
 * it is published again at the next one (its ETag names the boundaries passed) and served
 * with a Cache-Control that makes every cache revalidate.
 */
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { boundariesPassed, encodeDocument, validatorSeconds, type PublicDocument } from './public-cache.ts';
import { liveDocumentPages } from './live-documents.ts';
import type { Database } from './store/database.ts';

const WINDOWED = 'windowed';
/** setTimeout's longest delay; a timer that fires before the boundary just publishes the same again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function publishedPath(dir: string, partnerId: string, windowed = false): string {
  return join(partnersDir(dir, windowed), partnerId, 'customization');
}

const partnersDir = (dir: string, windowed: boolean) => join(dir, ...(windowed ? [WINDOWED] : []), 'v1', 'partners');

/** Writes (or, with no live document, removes) a partner's published files as of `now`. */
export async function writePublished(dir: string, partnerId: string, document: PublicDocument | null, now: number): Promise<void> {
  const windowed = document !== null && document.boundaries.length > 0;
  // Only one of the two places holds the partner's document.
  await removeFiles(publishedPath(dir, partnerId, !windowed));
  if (!document) return removeFiles(publishedPath(dir, partnerId, windowed));
  const path = publishedPath(dir, partnerId, windowed);
  await mkdir(join(path, '..'), { recursive: true });
  const seconds = validatorSeconds(document.digest, boundariesPassed(document, now));
  // The variants first: nginx's gzip_static serves `.gz` whenever it exists beside the file.
  for (const [suffix, bytes] of [['.gz', document.gzip], ['.br', document.br], ['', document.body]] as const) {
    const temporary = `${path}${suffix}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await utimes(temporary, seconds, seconds);
    await rename(temporary, `${path}${suffix}`);
  }
}

async function removeFiles(path: string): Promise<void> {
  await Promise.all(['', '.gz', '.br'].map((suffix) => rm(`${path}${suffix}`, { force: true })));
}

/** Checked at start: a directory that cannot be written would lose every publication in silence (nginx serving old landings). */
export async function assertWritable(dir: string): Promise<void> {
  // Not made here: a mistyped path would be published to where no web server looks.
  const stats = await stat(dir).catch(() => undefined);
  if (!stats?.isDirectory()) {
    throw new Error(`COBRAND_PUBLISH_DIR ${dir} ${stats ? 'is not a directory' : 'does not exist'}: run \`cobrand publish\` once (it makes the directory and writes what is live), and serve that directory with nginx or a CDN.`);
  }
  const probe = join(dir, `.cobrand-probe-${process.pid}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new Error(`COBRAND_PUBLISH_DIR ${dir} cannot be written (${(error as Error).message}): the service publishes every approval there.`);
  }
}

export interface PublisherOptions {
  dir: string;
  db: Database;
  now: () => number;
  onError: (partnerId: string, error: Error) => void;
  /** After a failed write, the first retry's delay (doubling to 5 minutes): a full disk or a lost mount must not lose an approval. */
  retryMs?: number;
}

const MAX_RETRY_MS = 5 * 60_000;

/**
 * Keeps the published files of one store up to date: `publishPartner` on every change of
 * what is live (the service calls it where it hears of one, server/app.ts), and again at
 * each time-window boundary. Changes of one partner are published one after the other,
 * the last one last.
 */
export class Publisher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();

  constructor(private readonly options: PublisherOptions) {}

  publishPartner(partnerId: string): Promise<void> {
    const running = this.running.get(partnerId);
    if (running) {
      this.again.add(partnerId);
      return running;
    }
    const next = this.publishNow(partnerId).catch((error: Error) => {
      this.options.onError(partnerId, error);
      const failures = (this.failures.get(partnerId) ?? 0) + 1;
      this.failures.set(partnerId, failures);
      this.publishLater(partnerId, Math.min(MAX_RETRY_MS, (this.options.retryMs ?? 5000) * 2 ** (failures - 1)));
    }).finally(() => {
      this.running.delete(partnerId);
      if (this.again.delete(partnerId)) void this.publishPartner(partnerId);
    });
    this.running.set(partnerId, next);
    return next;
  }

  /** Waits for what is being published. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all(this.running.values());
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async publishNow(partnerId: string): Promise<void> {
    const { db, dir, now } = this.options;
    const [row] = await db.query<{ document: unknown }>('SELECT v.document FROM live l JOIN versions v ON v.id = l.version_id WHERE l.partner_id = $1', [partnerId]);
    const document = row ? encodeDocument(row.document) : null;
    const at = now();
    await writePublished(dir, partnerId, document, at);
    this.failures.delete(partnerId);
    const next = document?.boundaries[boundariesPassed(document, at)];
    if (next === undefined) this.cancelLater(partnerId);
    else this.publishLater(partnerId, next - at + 1);
  }

  /** One timer per partner: its next time-window boundary, or the retry of a failed write. */
  private publishLater(partnerId: string, delayMs: number): void {
    this.cancelLater(partnerId);
    const timer = setTimeout(() => { this.timers.delete(partnerId); void this.publishPartner(partnerId); }, Math.min(MAX_TIMER_MS, delayMs));
    timer.unref();
    this.timers.set(partnerId, timer);
  }

  private cancelLater(partnerId: string): void {
    clearTimeout(this.timers.get(partnerId));
    this.timers.delete(partnerId);
  }
}

/**
 * `cobrand publish`: the whole directory again from the store (after a restore, or to start
 * one): every live document written, and the files of partners not live removed, since after a
 * restore an old file must not answer. Returns how many partners are live.
 */
export async function publishAll(db: Database, dir: string, now = Date.now()): Promise<number> {
  const live = new Set<string>();
  for await (const page of liveDocumentPages(db)) {
    for (const [partnerId, document] of page) {
      await writePublished(dir, partnerId, encodeDocument(document), now);
      live.add(partnerId);
    }
  }
  for (const windowed of [false, true]) {
    const partners = partnersDir(dir, windowed);
    const stale = (await readdir(partners).catch(() => [] as string[])).filter((name) => !live.has(name));
    if (stale.length === 0) continue;
    // A running service may have published one of them since the pages were read: ask again.
    const since = new Set((await db.query<{ partner_id: string }>('SELECT partner_id FROM live WHERE partner_id = ANY($1::text[])', [stale])).map((row) => row.partner_id));
    for (const partnerId of stale.filter((name) => !since.has(name))) await rm(join(partners, partnerId), { recursive: true, force: true });
  }
  return live.size;
}
