/**
 * The hot path: every landing reads one partner's approved document. Answers come from
 * memory (the serialized body and its ETag), filled once per partner from the store and
 * dropped when the partner's live version changes, here or, through NOTIFY, elsewhere.
 */
import { createHash } from 'node:crypto';

export interface PublicDocument {
  /** The JSON, encoded once: no serialization or encoding per request. */
  body: Buffer;
  etag: string;
}

export class PublicCache {
  private readonly entries = new Map<string, PublicDocument | null>();
  private readonly loading = new Map<string, Promise<PublicDocument | null>>();

  constructor(private readonly load: (partnerId: string) => Promise<unknown>, private readonly maxEntries = 100_000) {}

  get(partnerId: string): PublicDocument | null | Promise<PublicDocument | null> {
    const cached = this.entries.get(partnerId);
    if (cached !== undefined) return cached;
    return this.loading.get(partnerId) ?? this.fill(partnerId);
  }

  invalidate(partnerId: string): void {
    this.entries.delete(partnerId);
    this.loading.delete(partnerId);
  }

  private fill(partnerId: string): Promise<PublicDocument | null> {
    const pending = this.load(partnerId).then((document) => {
      const entry = document === undefined ? null : serialize(document);
      // An invalidation while loading means this answer may be stale: serve it once, keep nothing.
      if (this.loading.get(partnerId) === pending) {
        this.loading.delete(partnerId);
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(partnerId, entry);
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
