/**
 * The hot path: every landing reads one partner's approved document. Answers come from
 * memory (the serialized body and its ETag), filled once per partner from the store and
 * dropped when the partner's live version changes, here or, through NOTIFY, elsewhere.
 * Each copy also expires after `maxAgeMs` (the safety net should a notification be
 * missed), and while the store's notifications cannot be heard (`suspend`), nothing new is kept.
 *
 * Partners with no live version (a typo, or someone reading random ids) are remembered
 * apart, in a bounded negative cache, so that they never push real partners out; and the
 * reads that miss are looked up together, many partners in one query, so that a flood
 * of unknown ids costs the store a few queries rather than one each.
 */
import { createHash } from 'node:crypto';
import { windowBoundaries } from '../schema/windows.ts';

export interface PublicDocument {
  /** The JSON, encoded once: no serialization or encoding per request. */
  body: Buffer;
  etag: string;
  /** The instants at which what the document shows changes (its time windows' bounds), in order; usually none. */
  boundaries: number[];
}

export interface PublicCacheOptions {
  maxEntries?: number;
  /** Partners remembered as having no live version. */
  maxMisses?: number;
  /** How long a copy (or a miss) is served before it is read again from the store. */
  maxAgeMs?: number;
  /** Partners looked up in one query at most. */
  batchSize?: number;
  /** Lookups in flight at once at most. */
  concurrency?: number;
  now?: () => number;
}

export const DEFAULT_MAX_AGE_MS = 60_000;

/** The live documents of those of `partnerIds` that have one. */
export type LoadMany = (partnerIds: string[]) => Promise<Map<string, unknown>>;

interface Entry {
  document: PublicDocument;
  expires: number;
}

interface Waiting {
  resolve: (document: unknown) => void;
  reject: (error: unknown) => void;
}

export class PublicCache {
  private readonly entries = new Map<string, Entry>();
  private readonly misses = new Map<string, number>();
  private readonly loading = new Map<string, Promise<PublicDocument | null>>();
  private readonly queued = new Map<string, Waiting[]>();
  private readonly maxEntries: number;
  private readonly maxMisses: number;
  private readonly maxAgeMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly now: () => number;
  private suspended = false;
  private running = 0;
  private scheduled = false;

  constructor(private readonly loadMany: LoadMany, { maxEntries = 100_000, maxMisses = 100_000, maxAgeMs = DEFAULT_MAX_AGE_MS, batchSize = 256, concurrency = 4, now = Date.now }: PublicCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.maxMisses = maxMisses;
    this.maxAgeMs = maxAgeMs;
    this.batchSize = batchSize;
    this.concurrency = concurrency;
    this.now = now;
  }

  get(partnerId: string): PublicDocument | null | Promise<PublicDocument | null> {
    const cached = this.entries.get(partnerId);
    if (cached !== undefined) {
      if (cached.expires > this.now()) return cached.document;
      this.entries.delete(partnerId);
    }
    const missed = this.misses.get(partnerId);
    if (missed !== undefined) {
      if (missed > this.now()) return null;
      this.misses.delete(partnerId);
    }
    return this.loading.get(partnerId) ?? this.fill(partnerId);
  }

  invalidate(partnerId: string): void {
    this.entries.delete(partnerId);
    this.misses.delete(partnerId);
    this.loading.delete(partnerId);
  }

  /** Drops every copy and every remembered miss (notifications may have been missed). */
  clear(): void {
    this.entries.clear();
    this.misses.clear();
    this.loading.clear();
  }

  /**
   * While suspended (notifications cannot be heard), what is in memory is still served
   * until it expires, so landings go on while the store restarts, but nothing newly read
   * is kept; resuming drops everything, since notifications may have been missed.
   */
  suspend(suspended: boolean): void {
    this.suspended = suspended;
    this.loading.clear();
    if (!suspended) this.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private fill(partnerId: string): Promise<PublicDocument | null> {
    const pending = this.lookup(partnerId).then((document) => {
      const entry = document === undefined ? null : serialize(document);
      // An invalidation while loading means this answer may be stale: serve it once, keep nothing.
      if (this.loading.get(partnerId) === pending) {
        this.loading.delete(partnerId);
        if (!this.suspended) this.keep(partnerId, entry);
      }
      return entry;
    }, (error: unknown) => {
      if (this.loading.get(partnerId) === pending) this.loading.delete(partnerId);
      throw error;
    });
    this.loading.set(partnerId, pending);
    return pending;
  }

  private keep(partnerId: string, entry: PublicDocument | null): void {
    const expires = this.now() + this.maxAgeMs;
    if (entry) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(partnerId, { document: entry, expires });
    } else {
      if (this.misses.size >= this.maxMisses) this.misses.delete(this.misses.keys().next().value!);
      this.misses.set(partnerId, expires);
    }
  }

  /** Queues the partner for the next batched query. */
  private lookup(partnerId: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiting = this.queued.get(partnerId);
      if (waiting) waiting.push({ resolve, reject });
      else this.queued.set(partnerId, [{ resolve, reject }]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency || this.queued.size === 0) return;
    this.scheduled = true;
    // Let the reads that arrived in this turn of the event loop join the same query.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.running < this.concurrency && this.queued.size > 0) {
      const batch = new Map<string, Waiting[]>();
      for (const [partnerId, waiting] of this.queued) {
        batch.set(partnerId, waiting);
        this.queued.delete(partnerId);
        if (batch.size >= this.batchSize) break;
      }
      this.running++;
      this.loadMany([...batch.keys()]).then((found) => {
        for (const [partnerId, waiting] of batch) for (const { resolve } of waiting) resolve(found.get(partnerId));
      }, (error: unknown) => {
        for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
      }).finally(() => {
        this.running--;
        this.schedule();
      });
    }
  }
}

function serialize(document: unknown): PublicDocument {
  const body = Buffer.from(JSON.stringify(document));
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`, boundaries: windowBoundaries(document) };
}

export const MAX_AGE_SECONDS = 30;
export const STALE_SECONDS = 60;
export const PUBLIC_CACHE_CONTROL = `public, max-age=${MAX_AGE_SECONDS}, stale-while-revalidate=${STALE_SECONDS}`;

/**
 * The ETag and Cache-Control of `document` read at `now`. With time windows, the ETag
 * names how many boundaries have passed (a new one at each), and no cache may keep the
 * answer, fresh or stale, past the next boundary: a CDN never serves an ended promotion
 * for longer than its max-age said, nor hides one that has started.
 */
export function freshness(document: PublicDocument, now: number): { etag: string; cacheControl: string } {
  const { boundaries } = document;
  if (boundaries.length === 0) return { etag: document.etag, cacheControl: PUBLIC_CACHE_CONTROL };
  let passed = 0;
  while (passed < boundaries.length && boundaries[passed]! <= now) passed++;
  const etag = `${document.etag.slice(0, -1)}.${passed}"`;
  const next = boundaries[passed];
  if (next === undefined) return { etag, cacheControl: PUBLIC_CACHE_CONTROL };
  const remaining = Math.floor((next - now) / 1000);
  const maxAge = Math.min(MAX_AGE_SECONDS, remaining);
  const stale = Math.min(STALE_SECONDS, remaining - maxAge);
  return { etag, cacheControl: `public, max-age=${maxAge}${stale > 0 ? `, stale-while-revalidate=${stale}` : ''}` };
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, lists and `*` included). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
