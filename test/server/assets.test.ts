import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { BACKENDS, documentFor, freshPartner, saveDraft, startHarness, submitDocument, type Harness } from './harness.ts';
import { chunk, gif, interlacedPng, jpeg, png, PNG_SIGNATURE, pngChunks, svg, webp } from './images.ts';

for (const backend of BACKENDS) {
  describe(`assets (${backend})`, () => {
    let h: Harness;
    let pid: string;
    let token: string;
    before(async () => {
      h = await startHarness(backend);
      pid = freshPartner();
      token = await h.partner(pid);
    });
    after(async () => { await h.close(); });

    const upload = (bytes: Buffer, contentType: string) =>
      h.request({ method: 'POST', url: `/v1/partners/${pid}/assets`, token, headers: { 'content-type': contentType }, payload: bytes });

    for (const [name, bytes, type, declared] of [
      ['PNG', png(240, 56), 'image/png', 'image/png'],
      ['JPEG', jpeg(300, 80), 'image/jpeg', 'image/jpeg'],
      ['WebP', webp(200, 50), 'image/webp', 'image/webp'],
      ['SVG', svg(), 'image/svg+xml', 'image/svg+xml'],
      ['PNG declared as SVG', png(64, 64), 'image/png', 'image/svg+xml'],
      ['PNG, interlaced (Adam7)', interlacedPng(61, 29), 'image/png', 'image/png'],
      ['JPEG sent as octet-stream', jpeg(64, 64), 'image/jpeg', 'application/octet-stream'],
    ] as const) {
      it(`stores a ${name} by its content and serves it immutable`, async () => {
        const answer = await upload(bytes, declared);
        assert.equal(answer.statusCode, 201, answer.body);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        assert.deepEqual(answer.json(), { sha256, src: `/assets/${sha256}`, contentType: type, width: answer.json().width, height: answer.json().height, bytes: bytes.length });
        const served = await h.request({ method: 'GET', url: `/assets/${sha256}` });
        assert.equal(served.statusCode, 200);
        assert.equal(served.headers['content-type'], type);
        assert.deepEqual(served.rawPayload, bytes);
        assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.equal(served.headers['x-content-type-options'], 'nosniff');
        assert.match(String(served.headers['content-security-policy']), /default-src 'none'.*sandbox/);
        assert.equal((await h.request({ method: 'GET', url: `/assets/${sha256}`, headers: { 'if-none-match': `"${sha256}"` } })).statusCode, 304);
      });
    }

    it('takes logos from 1:2 to 8:1', async () => {
      for (const [width, height] of [[320, 40], [16, 32], [56, 56]] as const) assert.equal((await upload(png(width, height), 'image/png')).statusCode, 201, `${width}×${height}`);
    });

    it('reads the pixel size from the bytes', async () => {
      assert.deepEqual([(await upload(png(240, 56), 'image/png')).json().width, (await upload(webp(200, 50), 'image/webp')).json().height], [240, 50]);
    });

    for (const [name, bytes, declared, code] of [
      ['HTML declared as PNG', Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/png', 'image.unsupported'],
      ['a GIF', gif(64, 64), 'image/gif', 'image.unsupported'],
      ['an SVG with a script', svg('<script>alert(1)</script>'), 'image/svg+xml', 'image.active-svg'],
      ['an SVG whose nested <use> draw 10⁸ shapes', svg(`<defs><rect id="l0" width="1" height="1"/>${Array.from({ length: 8 }, (_, level) => `<g id="l${level + 1}">${`<use href="#l${level}"/>`.repeat(10)}</g>`).join('')}</defs><use href="#l8"/>`), 'image/svg+xml', 'image.too-complex'],
      ['an SVG with an event handler', svg('<rect width="10" height="10" onload="alert(1)"/>'), 'image/svg+xml', 'image.active-svg'],
      ['an SVG with an external link', svg('<a href="https://evil.example/"><rect width="10" height="10"/></a>'), 'image/svg+xml', 'image.active-svg'],
      ['an SVG with foreignObject', svg('<foreignObject><div>x</div></foreignObject>'), 'image/svg+xml', 'image.active-svg'],
      ['an SVG with no size (no width and height, no viewBox)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>'), 'image/svg+xml', 'image.svg-no-size'],
      ['an SVG sized only in percent', Buffer.from(svg('<rect width="10" height="10"/>', 'width="50%"').toString().replace(' viewBox="0 0 120 28"', '')), 'image/svg+xml', 'image.svg-no-size'],
      ['a PNG of 5000×100 pixels', png(5000, 100), 'image/png', 'image.too-many-pixels'],
      ['a PNG of 8×8 pixels', png(8, 8), 'image/png', 'image.too-small'],
      ['a PNG of 4096×16 pixels (256:1, a hairline in a 160 × 28 px logo box)', png(4096, 16), 'image/png', 'image.aspect-ratio'],
      ['a PNG of 17×40 pixels (taller than 2:1)', png(17, 40), 'image/png', 'image.aspect-ratio'],
    ] as const) {
      it(`refuses ${name} (422, ${code}) and stores nothing`, async () => {
        const before = await h.db.query('SELECT count(*)::int AS n FROM assets');
        const answer = await upload(bytes, declared);
        assert.equal(answer.statusCode, 422, answer.body);
        assert.equal(answer.json().code, code);
        assert.ok(answer.json().message.length > 20);
        if (code === 'image.svg-no-size') assert.match(answer.json().message, /width and height.*viewBox/);
        assert.deepEqual(await h.db.query('SELECT count(*)::int AS n FROM assets'), before);
      });
    }

    /** PNGs broken after their header, which image-size alone would take: a logo no browser can draw. */
    const { IHDR, IDAT, IEND, pixels } = pngChunks(240, 56);
    const badCrc = Buffer.from(IDAT);
    badCrc[badCrc.length - 1]! ^= 0xff;
    const flipped = Buffer.from(IDAT);
    flipped[12]! ^= 0x01; // a bit of the pixel data: its CRC no longer matches
    for (const [name, bytes, message] of [
      ['a PNG whose IDAT CRC is wrong', Buffer.concat([PNG_SIGNATURE, IHDR, badCrc, IEND]), /IDAT chunk.*CRC/],
      ['a PNG with a bit flipped in its pixel data', Buffer.concat([PNG_SIGNATURE, IHDR, flipped, IEND]), /IDAT chunk.*CRC/],
      ['a PNG without IEND', Buffer.concat([PNG_SIGNATURE, IHDR, IDAT]), /IEND/],
      ['a PNG cut off in its IDAT', Buffer.concat([PNG_SIGNATURE, IHDR, IDAT]).subarray(0, 33 + 20), /cut off|ends/],
      ['a PNG with only its header', Buffer.concat([PNG_SIGNATURE, IHDR]), /IDAT|IEND|cut off/],
      ['a PNG whose IDAT does not inflate', Buffer.concat([PNG_SIGNATURE, IHDR, chunk('IDAT', Buffer.from('this is not zlib data at all')), IEND]), /pixel data.*(compressed|inflate|zlib)/i],
      ['a PNG whose compressed pixel data is cut short', Buffer.concat([PNG_SIGNATURE, IHDR, chunk('IDAT', pixels.subarray(0, pixels.length - 8)), IEND]), /pixel data/i],
      ['a PNG with too few rows of pixels', Buffer.concat([PNG_SIGNATURE, pngChunks(240, 56).IHDR, pngChunks(240, 20).IDAT, IEND]), /pixel data.*(short|fewer|bytes)/i],
      ['a PNG whose pixel data inflates to more than its size needs (a 4 KB file of 60 MB)', Buffer.concat([PNG_SIGNATURE, pngChunks(2000, 2000).IHDR, chunk('IDAT', deflateSync(Buffer.alloc(60 * 1024 * 1024), { level: 9 })), IEND]), /pixel data holds more than/],
      ['a PNG with bytes after IEND', Buffer.concat([PNG_SIGNATURE, IHDR, IDAT, IEND, Buffer.from('<html><script>alert(1)</script>')]), /after.*IEND/],
      ['a JPEG without its end marker (truncated)', jpeg(300, 80).subarray(0, -2), /JPEG.*(end|EOI|cut off)/],
      ['a WebP shorter than its RIFF header says', webp(200, 50).subarray(0, -4), /WebP.*(cut off|RIFF)/],
    ] as const) {
      it(`refuses ${name} (422, image.corrupt, saying what is wrong) and stores nothing`, async () => {
        const before = await h.db.query('SELECT count(*)::int AS n FROM assets');
        const answer = await upload(bytes, 'image/png');
        assert.equal(answer.statusCode, 422, answer.body);
        assert.equal(answer.json().code, 'image.corrupt');
        assert.match(answer.json().message, message);
        assert.deepEqual(await h.db.query('SELECT count(*)::int AS n FROM assets'), before);
      });
    }

    it('refuses an image over 512 KB (413) and a body that is not an image type (415)', async () => {
      const big = Buffer.concat([png(64, 64), Buffer.alloc(600 * 1024)]);
      const tooBig = await upload(big, 'image/png');
      assert.equal(tooBig.statusCode, 413);
      assert.equal(tooBig.json().code, 'payload_too_large');
      assert.match(tooBig.json().message, /at most 512 KB/, 'the message says the limit');
      assert.equal((await upload(Buffer.from('{}'), 'application/json')).statusCode, 415);
      // The usual slips: the image's bytes sent as JSON, or as a form (curl -F): said as such, not as broken JSON.
      const asJson = await upload(png(240, 56), 'application/json');
      assert.equal(asJson.statusCode, 415);
      assert.equal(asJson.json().message, 'Send the image\'s bytes as the body with Content-Type image/png, image/jpeg, image/webp, image/svg+xml or application/octet-stream, not application/json.');
      const form = Buffer.concat([Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="logo.png"\r\nContent-Type: image/png\r\n\r\n'), png(240, 56), Buffer.from('\r\n--x--\r\n')]);
      const asForm = await upload(form, 'multipart/form-data; boundary=x');
      assert.equal(asForm.statusCode, 415);
      assert.equal(asForm.json().message, 'Send the image\'s bytes as the body (curl --data-binary @logo.png -H "Content-Type: image/png"), not a multipart form (curl -F).');
    });

    it('measures a JPEG the way its Exif orientation turns it, as browsers show it', async () => {
      const upright = await upload(jpeg(100, 160, 6), 'image/jpeg'); // stored 100 wide, shown turned: 160 × 100
      assert.equal(upright.statusCode, 201, upright.body);
      assert.deepEqual([upright.json().width, upright.json().height], [160, 100]);
      const unturned = await upload(jpeg(100, 160, 3), 'image/jpeg'); // upside down: the same shape
      assert.deepEqual([unturned.json().width, unturned.json().height], [100, 160]);
      const tall = await upload(jpeg(400, 100, 8), 'image/jpeg'); // wide as stored, four times as high as wide as shown
      assert.equal(tall.statusCode, 422, tall.body);
      assert.equal(tall.json().code, 'image.aspect-ratio');
      assert.match(tall.json().message, /100×400 pixels/);
    });

    it('refuses to submit a logo that was never uploaded (it would show broken on every landing), and takes one that was', async () => {
      const partner = freshPartner();
      const doc = documentFor(partner);
      doc.brand.logos['en-US'].src = `/assets/${'0'.repeat(64)}`;
      assert.equal((await saveDraft(h, partner, doc)).statusCode, 200, 'a draft may hold it meanwhile');
      const refused = await h.request({ method: 'POST', url: `/v1/partners/${partner}/submissions`, token: await h.partner(partner) });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.deepEqual(refused.json().errors.map((error: { path: string; code: string }) => [error.path, error.code]), [['/brand/logos/en-US/src', 'asset.missing']]);
      assert.match(refused.json().errors[0].message, /not among the uploaded images.*upload it again/);
      const uploaded = (await h.request({ method: 'POST', url: `/v1/partners/${partner}/assets`, token: await h.partner(partner), headers: { 'content-type': 'image/png' }, payload: png(240, 56) })).json();
      doc.brand.logos['en-US'].src = uploaded.src;
      await submitDocument(h, partner, doc);
    });

    it('refuses to submit an uploaded logo whose stated size is not its own, saying the size it is', async () => {
      const partner = freshPartner();
      const partnerToken = await h.partner(partner);
      const uploaded = (await h.request({ method: 'POST', url: `/v1/partners/${partner}/assets`, token: partnerToken, headers: { 'content-type': 'image/png' }, payload: png(240, 56) })).json();
      const doc = documentFor(partner);
      doc.brand.logos['en-US'] = { ...doc.brand.logos['en-US'], src: uploaded.src, width: 200, height: 56 };
      assert.equal((await saveDraft(h, partner, doc)).statusCode, 200);
      const refused = await h.request({ method: 'POST', url: `/v1/partners/${partner}/submissions`, token: partnerToken });
      assert.equal(refused.statusCode, 422, refused.body);
      assert.deepEqual(refused.json().errors.map((error: { path: string; code: string }) => [error.path, error.code]), [['/brand/logos/en-US/width', 'asset.size-mismatch']]);
      assert.match(refused.json().errors[0].message, /240×56 pixels.*width 240 and height 56/);
      doc.brand.logos['en-US'] = { ...doc.brand.logos['en-US'], width: uploaded.width, height: uploaded.height };
      await submitDocument(h, partner, doc);
    });

    it('answers 404 for an unknown asset and 400 for a malformed name', async () => {
      assert.equal((await h.request({ method: 'GET', url: `/assets/${'0'.repeat(64)}` })).statusCode, 404);
      assert.equal((await h.request({ method: 'GET', url: '/assets/../../etc/passwd' })).statusCode, 404);
      assert.equal((await h.request({ method: 'GET', url: '/assets/abc' })).statusCode, 400);
    });
  });
}

describe('an image that takes too long to read holds up no one', () => {
  it('refuses it (422 image.too-complex) past the limit, and reads the uploads queued behind it in a new worker', async () => {
    const h = await startHarness('pglite', undefined, { imageReadLimitMs: 100 });
    try {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const upload = (bytes: Buffer | string, contentType: string) =>
        h.request({ method: 'POST', url: `/v1/partners/${pid}/assets`, token, headers: { 'content-type': contentType }, payload: bytes });
      // 18,000 shapes: about 0.3 s of parsing and re-serialising, past this limit; a PNG takes a few ms.
      const heavy = svg('<rect width="1" height="1"/>'.repeat(18_000));
      const [slow, queued] = await Promise.all([upload(heavy, 'image/svg+xml'), upload(png(240, 56), 'image/png')]);
      assert.equal(slow.statusCode, 422, slow.body);
      assert.equal(slow.json().code, 'image.too-complex');
      assert.match(slow.json().message, /took over 0\.1 s to read/);
      assert.equal(queued.statusCode, 201, `the upload queued behind it: ${queued.body}`);
      assert.equal((await upload(png(240, 56), 'image/png')).statusCode, 201, 'and the next one');
    } finally {
      await h.close();
    }
  });
});
