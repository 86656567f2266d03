import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { serveEmbed } from '../../server/preview-app.ts';

// GET /cobrand.js, the embed bundle host pages load on every landing: compressed, and revalidated with an ETag.
describe('the embed bundle /cobrand.js', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cobrand-embed-'));
  const file = join(folder, 'cobrand.js');
  const bundle = `export const bar = ${JSON.stringify('the console bar '.repeat(4000))};\n`;
  let app: FastifyInstance;

  before(async () => {
    writeFileSync(file, bundle);
    app = Fastify();
    serveEmbed(app, file);
    await app.ready();
  });
  after(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const get = (headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/cobrand.js', headers });

  for (const [encoding, unpack] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
    it(`sends ${encoding} to a browser that accepts it, the same bytes once unpacked`, async () => {
      const response = await get({ 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip, deflate' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-encoding'], encoding);
      assert.match(String(response.headers.vary), /Accept-Encoding/i);
      assert.match(String(response.headers['content-type']), /^text\/javascript/);
      assert.equal(unpack(response.rawPayload).toString(), bundle);
      assert.ok(response.rawPayload.length < bundle.length / 10, `${response.rawPayload.length} bytes sent for ${bundle.length}`);
    });
  }

  it('sends it as it is to a client that accepts no compression', async () => {
    const response = await get();
    assert.equal(response.headers['content-encoding'], undefined);
    assert.equal(response.body, bundle);
    assert.equal(response.headers['access-control-allow-origin'], '*');
  });

  it('answers 304 to a browser that holds the current copy, and may be used stale while it revalidates', async () => {
    const first = await get({ 'accept-encoding': 'gzip, br' });
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[^"]+"$/);
    assert.match(String(first.headers['cache-control']), /^public, max-age=\d+, stale-while-revalidate=\d+$/);
    const again = await get({ 'accept-encoding': 'gzip, br', 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    assert.equal(again.headers.etag, etag);
    const plain = await get({ 'if-none-match': etag });
    assert.equal(plain.statusCode, 304, 'the same bundle in another encoding is still current');
    const other = await get({ 'accept-encoding': 'gzip', 'if-none-match': '"an-older-bundle"' });
    assert.equal(other.statusCode, 200);
    assert.notEqual(other.headers.etag, etag, 'each encoding has its own ETag');
  });

  it('says how to build it when it is not built', async () => {
    const unbuilt = Fastify();
    serveEmbed(unbuilt, join(folder, 'missing.js'));
    const response = await unbuilt.inject({ method: 'GET', url: '/cobrand.js' });
    await unbuilt.close();
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /npm run build/);
  });
});
