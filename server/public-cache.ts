/**
 * The hot path: every landing reads one partner's approved document. Answers come from
 * memory (the serialized body and its ETag), filled once per partner from the store and
 * dropped when the partner's live version changes, here or, through NOTIFY, elsewhere.
 * Each copy also expires after `maxAgeMs` (the safety net should a notification be
 * missed), and while the store's notifications cannot be heard (`suspend`), nothing is kept.
 */
import { createHash } from 'node:crypto';

export interface PublicDocument {
  /** The JSON, encoded once: no serialization or encoding per request. */
  body: Buffer;
  etag: string;
}

export interface PublicCacheOptions {
  maxEntries?: number;
  /** How long a copy is served before it is read again from the store. */
  maxAgeMs?: number;
  now?: () => number;
}

export const DEFAULT_MAX_AGE_MS = 60_000;

interface Entry {
  document: PublicDocument | null;
  expires: number;
}

export class PublicCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<PublicDocument | null>>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private suspended = false;

  constructor(private readonly load: (partnerId: string) => Promise<unknown>, { maxEntries = 100_000, maxAgeMs = DEFAULT_MAX_AGE_MS, now = Date.now }: PublicCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.maxAgeMs = maxAgeMs;
    this.now = now;
  }

  get(partnerId: string): PublicDocument | null | Promise<PublicDocument | null> {
    const cached = this.entries.get(partnerId);
    if (cached !== undefined) {
      if (cached.expires > this.now()) return cached.document;
      this.entries.delete(partnerId);
    }
    return this.loading.get(partnerId) ?? this.fill(partnerId);
  }

  invalidate(partnerId: string): void {
    this.entries.delete(partnerId);
    this.loading.delete(partnerId);
  }

  /** Drops every copy (notifications may have been missed). */
  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }

  /** While suspended, reads go to the store and nothing is kept; both edges drop every copy. */
  suspend(suspended: boolean): void {
    this.suspended = suspended;
    this.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private fill(partnerId: string): Promise<PublicDocument | null> {
    const pending = this.load(partnerId).then((document) => {
      const entry = document === undefined ? null : serialize(document);
      // An invalidation while loading means this answer may be stale: serve it once, keep nothing.
      if (this.loading.get(partnerId) === pending) {
        this.loading.delete(partnerId);
        if (!this.suspended) {
          if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(partnerId, { document: entry, expires: this.now() + this.maxAgeMs });
        }
      }
      return entry;
    }, (error: unknown) => {
      if (this.loading.get(partnerId) === pending) this.loading.delete(partnerId);
      throw error;
    });
    this.loading.set(partnerId, pending);
    return pending;
  }
}

function serialize(document: unknown): PublicDocument {
  const body = Buffer.from(JSON.stringify(document));
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, lists and `*` included). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
