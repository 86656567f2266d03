/**
 * A body the service sends many times unchanged (the embed bundle, a pre-rendered bar): its
 * gzip and brotli variants made once, off the main thread, each with its own ETag, and the
 * one answer for a request, negotiated by Accept-Encoding with 304s for any current variant.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesEtag, negotiateEncoding, type Encoding } from './public-cache.ts';

export type Compressed = Record<Encoding, { bytes: Buffer; etag: string }>;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * `bytes` in each encoding. `tag` names this body in its ETags (default: its SHA-256);
 * `brotliQuality` trades the time to compress once for the bytes of every answer.
 */
export async function compress(bytes: Buffer, { tag, brotliQuality = 11 }: { tag?: string; brotliQuality?: number } = {}): Promise<Compressed> {
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(bytes, { level: 9 }),
    brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  ]);
  const name = tag ?? createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
  return {
    identity: { bytes, etag: `"${name}"` },
    gzip: { bytes: gzipped, etag: `"${name}-gzip"` },
    br: { bytes: brotli, etag: `"${name}-br"` },
  };
}

/** Sends the variant the request accepts, or 304 when it holds any current one; the caller has set the other headers. */
export function sendCompressed(request: FastifyRequest, reply: FastifyReply, variants: Compressed): FastifyReply {
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  const { bytes, etag } = variants[encoding];
  reply.header('Vary', 'Accept-Encoding').header('ETag', etag);
  const condition = request.headers['if-none-match'];
  if (condition && Object.values(variants).some((variant) => matchesEtag(condition, variant.etag))) return reply.code(304).send();
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  return reply.send(bytes);
}
