/**
 * The hot path: every landing reads one partner's approved document. Answers come from
 * memory (the serialized body and its ETag), filled once per partner from the store and
 * dropped when the partner's live version changes, here or, through NOTIFY, elsewhere (or,
 * should a notification be missed, through the periodic sweep of server/live-sweep.ts). Nothing
 * expires by age: an unchanged partner is never read twice.
 *
 * Partners with no live version (a typo, or someone reading random ids) are remembered
 * apart, in a bounded negative cache, so that they never push real partners out; and the
 * reads that miss are looked up together, many partners in one query, so that a flood
 * of unknown ids costs the store a few queries rather than one each.
 */
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { brotliCompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { windowBoundaries } from '../schema/windows.ts';

export type Encoding = 'identity' | 'gzip' | 'br';
const ENCODINGS: readonly Encoding[] = ['identity', 'gzip', 'br'];

const DIGEST_BYTES = 32;
const NO_BOUNDARIES: readonly number[] = Object.freeze([]);

/**
 * A document as the public path sends it. Its bytes are one region of a shared slab (see
 * `compact`): the SHA-256 of the JSON, then the JSON gzipped, then brotli'd. Everything else
 * is a few numbers, so each partner held costs the garbage collector two small objects (this
 * and the region's view), not the dozen a record of buffers and ETag strings took: with
 * 100,000 partners, that heap made every request of the process a third slower.
 */
export class PublicDocument {
  constructor(
    private readonly region: Buffer,
    private readonly jsonLength: number,
    private readonly gzipLength: number,
    /** The ETags' "mtime" before any time window's boundary has passed (see `validatorSeconds`). */
    private readonly seconds: number,
    /** The instants at which what the document shows changes (its time windows' bounds), in order; usually none. */
    readonly boundaries: readonly number[],
  ) {}

  /** SHA-256 of `body`: what the ETags are made of. */
  get digest(): Buffer { return this.region.subarray(0, DIGEST_BYTES); }
  /** The JSON compressed once (gzip and brotli): what is kept and sent. */
  get gzip(): Buffer { return this.region.subarray(DIGEST_BYTES, DIGEST_BYTES + this.gzipLength); }
  get br(): Buffer { return this.region.subarray(DIGEST_BYTES + this.gzipLength); }
  /**
   * The JSON. Not kept: unpacked from `gzip` when asked (about 20 µs), since every browser
   * accepts gzip or brotli and keeping it too would double the memory per partner.
   */
  get body(): Buffer { return gunzipSync(this.gzip); }

  /** The bytes to send for `encoding`. */
  variant(encoding: Encoding): Buffer {
    return encoding === 'identity' ? this.body : this[encoding];
  }

  /** The ETag of a variant before any time window's boundary has passed (see `freshness`). */
  etag(encoding: Encoding): string {
    return etagOf(this.size(encoding), this.seconds);
  }

  /** `page` as one message: a view of a slab would send the whole slab, so the bytes are copied into one buffer. */
  static pack(page: Map<string, PublicDocument>): PackedPage {
    const documents = [...page.values()];
    const numbers = documents.flatMap((document) => [document.region.length, document.jsonLength, document.gzipLength, document.seconds]);
    const bytes = Buffer.concat(documents.map((document) => document.region));
    return { partnerIds: [...page.keys()], bytes, numbers, boundaries: documents.map((document) => document.boundaries) };
  }

  /** A packed page's documents, each copied into this process's slab. */
  static unpack({ partnerIds, bytes, numbers, boundaries }: PackedPage): Map<string, PublicDocument> {
    const page = new Map<string, PublicDocument>();
    let at = 0;
    partnerIds.forEach((partnerId, index) => {
      const [length, jsonLength, gzipLength, seconds] = numbers.slice(index * 4, index * 4 + 4) as [number, number, number, number];
      const region = compact(Buffer.from(bytes.buffer, bytes.byteOffset + at, length));
      at += length;
      page.set(partnerId, new PublicDocument(region, jsonLength, gzipLength, seconds, boundaries[index]!.length ? boundaries[index]! : NO_BOUNDARIES));
    });
    return page;
  }

  /** The length of a variant in bytes. */
  size(encoding: Encoding): number {
    if (encoding === 'identity') return this.jsonLength;
    return encoding === 'gzip' ? this.gzipLength : this.region.length - DIGEST_BYTES - this.gzipLength;
  }
}

export interface PublicCacheOptions {
  maxEntries?: number;
  /** Partners remembered as having no live version. */
  maxMisses?: number;
  /** Partners looked up in one query at most. */
  batchSize?: number;
  /** Lookups in flight at once at most. */
  concurrency?: number;
}

/** The live documents of those of `partnerIds` that have one. */
export type LoadMany = (partnerIds: string[]) => Promise<Map<string, unknown>>;

interface Waiting {
  resolve: (document: unknown) => void;
  reject: (error: unknown) => void;
}

export class PublicCache {
  private readonly entries = new Map<string, PublicDocument>();
  private readonly misses = new Set<string>();
  private readonly loading = new Map<string, Promise<PublicDocument | null>>();
  private readonly queued = new Map<string, Waiting[]>();
  private readonly maxEntries: number;
  private readonly maxMisses: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly warming = new Set<Set<string>>();
  private running = 0;
  private scheduled = false;

  constructor(private readonly loadMany: LoadMany, { maxEntries = 100_000, maxMisses = 100_000, batchSize = 256, concurrency = 4 }: PublicCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.maxMisses = maxMisses;
    this.batchSize = batchSize;
    this.concurrency = concurrency;
  }

  get(partnerId: string): PublicDocument | null | Promise<PublicDocument | null> {
    const cached = this.entries.get(partnerId);
    if (cached !== undefined) return cached;
    if (this.misses.has(partnerId)) return null;
    return this.loading.get(partnerId) ?? this.fill(partnerId);
  }

  /** Told of every invalidation, to pass it on (server/cluster.ts relays it to the workers). */
  onInvalidate: ((partnerId: string) => void) | null = null;

  invalidate(partnerId: string): void {
    this.onInvalidate?.(partnerId);
    for (const invalidated of this.warming) invalidated.add(partnerId);
    this.entries.delete(partnerId);
    this.misses.delete(partnerId);
    this.loading.delete(partnerId);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Loads every live document, a page (one query) at a time, so that no landing pays a
   * cold read: `pages` yields each page's documents by partner, encoded ({@link encodedPages}).
   * A partner invalidated while its page was in flight is left to be read on demand.
   */
  async warm(pages: AsyncIterable<Map<string, PublicDocument>>): Promise<number> {
    let kept = 0;
    const invalidated = new Set<string>();
    this.warming.add(invalidated);
    try {
      for await (const page of pages) {
        for (const [partnerId, encoded] of page) {
          if (invalidated.has(partnerId) || this.loading.has(partnerId)) continue;
          const held = this.entries.get(partnerId);
          this.keep(partnerId, held?.digest.equals(encoded.digest) ? held : encoded);
          kept++;
        }
        invalidated.clear();
      }
    } finally {
      this.warming.delete(invalidated);
    }
    return kept;
  }

  private fill(partnerId: string): Promise<PublicDocument | null> {
    const pending = this.lookup(partnerId).then(async (document) => {
      const entry = document === undefined ? null : encodeDocument(document);
      // An invalidation while loading means this answer may be stale: serve it once, keep nothing.
      if (this.loading.get(partnerId) === pending) {
        this.loading.delete(partnerId);
        this.keep(partnerId, entry);
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
    if (entry) {
      this.entries.delete(partnerId);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(partnerId, entry);
    } else {
      if (this.misses.size >= this.maxMisses) this.misses.delete(this.misses.values().next().value!);
      this.misses.add(partnerId);
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

const SLAB_BYTES = 1 << 20;
let slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
let slabUsed = 0;

/**
 * The compact store: `parts` copied one after the other into a shared 1 MB slab, as one
 * view. zlib's output is a view of its 16 KB working buffer, so 100,000 documents' variants
 * kept as they come hold 3.5 GB; copied here, they hold their own size, in a few hundred
 * allocations the garbage collector never walks. A replaced document's bytes stay until
 * every view of its slab is gone: a few MB at worst, since what is live changes rarely.
 */
function compact(...parts: Buffer[]): Buffer {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const region = length > SLAB_BYTES / 8 ? Buffer.allocUnsafeSlow(length) : reserve(length);
  let at = 0;
  for (const part of parts) at += part.copy(region, at);
  return region;
}

function reserve(length: number): Buffer {
  if (slabUsed + length > SLAB_BYTES) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabUsed = 0;
  }
  slabUsed += length;
  return slab.subarray(slabUsed - length, slabUsed);
}

/** Brotli quality 5 is within 2 % of the size of 9 here at a twentieth of the time (and 11 takes 40×), on 2.5 KB of JSON. */
const BROTLI_QUALITY = 5;

/**
 * A document as the public path sends it: its JSON and compressed variants, its digest and
 * its time windows' boundaries. Compressed synchronously (about 0.2 ms for 2.5 KB): zlib's
 * asynchronous calls keep each stream's native state (hundreds of KB for brotli) until
 * the garbage collector finds it, which for a warm-up of 100,000 documents meant 2 GB RSS.
 * The published files (server/publish.ts) are these same bytes. An unchanged body
 * (`previous`, the copy held when warming again; same digest) keeps its compressed variants.
 */
export function encodeDocument(document: unknown, previous?: PublicDocument): PublicDocument {
  const json = Buffer.from(JSON.stringify(document));
  const digest = createHash('sha256').update(json).digest();
  if (previous?.digest.equals(digest)) return previous;
  const boundaries = windowBoundaries(document);
  const gzipped = gzipSync(json, { level: 6 });
  const brotli = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
  return new PublicDocument(compact(digest, gzipped, brotli), json.length, gzipped.length, validatorSeconds(digest, 0), boundaries.length ? boundaries : NO_BOUNDARIES);
}

/**
 * Pages of documents, encoded: a few milliseconds of compression at a time, so that the
 * process goes on answering meanwhile.
 */
export async function* encodedPages(pages: AsyncIterable<Map<string, unknown>>): AsyncGenerator<Map<string, PublicDocument>> {
  for await (const page of pages) {
    const encoded = new Map<string, PublicDocument>();
    for (const [partnerId, document] of page) {
      if (encoded.size % 16 === 15) await nextTurn();
      encoded.set(partnerId, encodeDocument(document));
    }
    yield encoded;
  }
}

/** A page of encoded documents as one message between processes: their bytes in one buffer. */
export interface PackedPage {
  partnerIds: string[];
  bytes: Uint8Array;
  /** Per document: its bytes' length, then the JSON's and the gzip's lengths, then its ETag seconds. */
  numbers: number[];
  boundaries: Array<readonly number[]>;
}

/**
 * ETags in nginx's own form, `"<mtime in hex>-<size in hex>"`, so that nginx serving a
 * published file (whose mtime the publisher sets to this number) answers the very ETag the
 * service does, 304s included, with no module. The "mtime" is 31 bits of the body's
 * SHA-256 (and of the count of time-window boundaries passed): a content hash, not a date.
 */
export function validatorSeconds(digest: Buffer, passed: number): number {
  const source = passed === 0 ? digest : createHash('sha256').update(digest).update(`.${passed}`).digest();
  return source.readUInt32BE(0) & 0x7fffffff;
}

export function etagOf(length: number, seconds: number): string {
  return `"${seconds.toString(16)}-${length.toString(16)}"`;
}

/**
 * The encoding to send for an `Accept-Encoding` header: brotli, else gzip, else none
 * (RFC 9110 §12.5.3: `q=0` refuses, `*` stands for any not named).
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let encoding = negotiated.get(header);
  if (encoding === undefined) {
    encoding = parseAcceptEncoding(header);
    // Browsers send a handful of distinct headers; a client sending endless variants only refills this.
    if (negotiated.size >= 256) negotiated.clear();
    negotiated.set(header, encoding);
  }
  return encoding;
}

const negotiated = new Map<string, Encoding>();

function parseAcceptEncoding(header: string): Encoding {
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const q = params.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(param)?.[1]).find((value) => value !== undefined);
    accepted.set(name.trim().toLowerCase(), q === undefined ? 1 : Number(q));
  }
  const quality = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0 || (accepted.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
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
export function freshness(document: PublicDocument, now: number, encoding: Encoding = 'identity'): { etag: string; cacheControl: string } {
  const { boundaries } = document;
  if (boundaries.length === 0) return { etag: document.etag(encoding), cacheControl: PUBLIC_CACHE_CONTROL };
  const passed = boundariesPassed(document, now);
  const etag = etagOf(document.size(encoding), validatorSeconds(document.digest, passed));
  const next = boundaries[passed];
  if (next === undefined) return { etag, cacheControl: PUBLIC_CACHE_CONTROL };
  const remaining = Math.floor((next - now) / 1000);
  const maxAge = Math.min(MAX_AGE_SECONDS, remaining);
  const stale = Math.min(STALE_SECONDS, remaining - maxAge);
  return { etag, cacheControl: `public, max-age=${maxAge}${stale > 0 ? `, stale-while-revalidate=${stale}` : ''}` };
}

/** How many of the document's time-window boundaries have passed at `now`. */
export function boundariesPassed({ boundaries }: PublicDocument, now: number): number {
  let passed = 0;
  while (passed < boundaries.length && boundaries[passed]! <= now) passed++;
  return passed;
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, lists and `*` included). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

export interface PublicAnswer {
  status: 200 | 304 | 404;
  headers: Record<string, string>;
  /** The bytes to send; for 404 the error to send as JSON; for 304 none. */
  body: Buffer | { code: string; message: string } | null;
}

/** The answer to GET /v1/partners/:pid/customization, the same from the app (server/routes/public.ts) and from a cluster worker (server/cluster.ts). */
export function publicAnswer(partnerId: string, entry: PublicDocument | null, request: { 'if-none-match'?: string; 'accept-encoding'?: string }, now: number): PublicAnswer {
  if (!entry) {
    return { status: 404, headers: answerHeaders('public, max-age=30'), body: { code: 'not_found', message: `Partner ${partnerId} has no approved customization.` } };
  }
  const encoding = negotiateEncoding(request['accept-encoding']);
  // Each encoding has its ETag; with time windows, ETag and max-age change at each boundary.
  const { etag, cacheControl } = freshness(entry, now, encoding);
  const condition = request['if-none-match'];
  const held = condition ? heldEtag(entry, now, condition, encoding) : undefined;
  if (held) return { status: 304, headers: answerHeaders(cacheControl, held), body: null };
  const headers = answerHeaders(cacheControl, etag);
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-type'] = 'application/json; charset=utf-8';
  return { status: 200, headers, body: entry.variant(encoding) };
}

/** Every landing builds these: a literal of one shape is several times faster than a spread. */
function answerHeaders(cacheControl: string, etag?: string): Record<string, string> {
  const headers: Record<string, string> = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag', 'cache-control': cacheControl, vary: 'Accept-Encoding' };
  if (etag) headers.etag = etag;
  return headers;
}

/**
 * The ETag of the copy `condition` names, if it is current. That copy may be another encoding
 * of this same document (bar.html embeds the plain one, then the browser asks with br): it
 * is still current, so 304 with its own ETag.
 */
function heldEtag(entry: PublicDocument, now: number, condition: string, asked: Encoding): string | undefined {
  for (const encoding of [asked, ...ENCODINGS.filter((other) => other !== asked)]) {
    const { etag } = freshness(entry, now, encoding);
    if (matchesEtag(condition, etag)) return etag;
  }
  return undefined;
}
