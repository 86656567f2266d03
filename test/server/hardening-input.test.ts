/**
 * Ordinary bad input gets a 400 that says what and where, never a 500, and changes
 * nothing stored; a body under the limit cannot make validation unbounded; tokens in a
 * query string do not reach the logs. (Issue 13, items 1, 2, 7 and 10.)
 */
import assert from 'node:assert/strict';
import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../server/app.ts';
import { BACKENDS, documentFor, freshPartner, publish, saveDraft, startHarness, submitDocument, testDatabase, type Harness } from './harness.ts';

const nest = (depth: number, open: string, close: string, inner = '') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

for (const backend of BACKENDS) {
  describe(`bad input is refused with 400 and changes nothing (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    /** Saves a good draft, PUTs `raw` JSON text over it, and checks the 400 and that the draft is as before. */
    /** A partner with a live version and a pending submission that changes it. */
    async function pendingChange(name: string): Promise<{ pid: string; sid: string }> {
      const pid = freshPartner(name);
      await publish(h, pid, documentFor(pid));
      const second = documentFor(pid);
      second.brand.navBackground = '#000000';
      return { pid, sid: await submitDocument(h, pid, second) };
    }

    async function refusedDraft(raw: string, path: RegExp, code: string) {
      const pid = freshPartner('bad');
      const token = await h.partner(pid);
      const saved = await saveDraft(h, pid, documentFor(pid));
      assert.equal(saved.statusCode, 200, saved.body);
      const answer = await h.request({
        method: 'PUT', url: `/v1/partners/${pid}/draft`, token,
        headers: { 'if-match': saved.headers.etag as string, 'content-type': 'application/json' },
        payload: raw.replaceAll('PID', pid),
      });
      assert.equal(answer.statusCode, 400, answer.body.slice(0, 500));
      const body = answer.json();
      assert.equal(body.code, 'invalid_document');
      assert.ok(body.errors.length >= 1 && body.errors.length <= 101);
      assert.match(body.errors[0].path, path);
      assert.equal(body.errors[0].code, code);
      assert.ok(body.message.includes(body.errors[0].path), `the message says where: ${body.message}`);
      const after = await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token });
      assert.equal(after.headers.etag, saved.headers.etag, 'nothing stored changed');
      assert.deepEqual(after.json().config, documentFor(pid));
      return body;
    }

    const base = (promotionMenu: string) => `{"schemaVersion":1,"partnerId":"PID","promotionMenu":${promotionMenu}}`;

    it('refuses NUL in a text, in a key and in an unknown field (jsonb cannot store it)', async () => {
      await refusedDraft(base('[{"id":"a","label":{"zh-CN":"a\\u0000","en-US":"a"},"href":"https://a.example"}]'), /^\/promotionMenu\/0\/label\/zh-CN$/, 'text.nul');
      await refusedDraft('{"schemaVersion":1,"partnerId":"PID","x\\u0000y":1}', /^\/x\u0000y$/, 'text.nul');
      await refusedDraft('{"schemaVersion":1,"partnerId":"PID","extra":["ok","\\u0000"]}', /^\/extra\/1$/, 'text.nul');
    });

    it('refuses unpaired surrogates, in values and keys', async () => {
      await refusedDraft(base('[{"id":"a","label":{"zh-CN":"\\ud800","en-US":"a"},"href":"https://a.example"}]'), /^\/promotionMenu\/0\/label\/zh-CN$/, 'text.lone-surrogate');
      await refusedDraft('{"schemaVersion":1,"partnerId":"PID","\\udc00":1}', /^\/\udc00$/, 'text.lone-surrogate');
    });

    it('refuses arrays nested 6,000 deep and objects 5,000 deep', async () => {
      await refusedDraft(base(nest(6000, '[', ']')), /^\/promotionMenu(\/0)+$/, 'limit.depth');
      await refusedDraft(`{"schemaVersion":1,"partnerId":"PID","operations":${nest(5000, '{"a":', '}', '1')}}`, /^\/operations(\/a)+$/, 'limit.depth');
    });

    it('refuses a list far over every limit quickly, with one error naming the limit, and stores nothing', async () => {
      const body = await refusedDraft(base(`[${Array.from({ length: 20_000 }, (_, i) => i).join(',')}]`), /^\/promotionMenu$/, 'limit.list-length');
      assert.equal(body.errors.length, 1);
      assert.match(body.errors[0].message, /20000/);
    });

    it('caps the stored error list of a draft within the limits', async () => {
      const pid = freshPartner('many');
      const doc = documentFor(pid);
      doc.promotionMenu = Array.from({ length: 60 }, (_, i) => ({ id: `E${i}`, label: { 'zh-CN': '', 'en-US': '' }, href: 'javascript:x' }));
      const saved = await saveDraft(h, pid, doc);
      assert.equal(saved.statusCode, 200, saved.body);
      const { errors } = saved.json().validation;
      assert.equal(errors.length, 101);
      assert.equal(errors.at(-1).code, 'errors.more');
      const [row] = await h.db.query<{ n: number }>('SELECT jsonb_array_length(errors) AS n FROM drafts WHERE partner_id = $1', [pid]);
      assert.equal(Number(row!.n), 101);
      const submitted = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token: await h.partner(pid) });
      assert.equal(submitted.statusCode, 422);
      assert.equal(submitted.json().errors.length, 101);
    });

    it('refuses a malformed review-queue cursor (400, not a database error)', async () => {
      const cursor = (text: string) => Buffer.from(text).toString('base64url');
      for (const bad of [
        cursor(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`),
        cursor('-271821-04-20T00:00:00.000Z|0b3d9100-0000-4000-8000-000000000000'),
        cursor('+275760-09-13T00:00:00.000Z|0b3d9100-0000-4000-8000-000000000000'),
        cursor('2026-01-01|0b3d9100-0000-4000-8000-000000000000|x'),
        'not base64 at all!',
      ]) {
        const answer = await h.request({ method: 'GET', url: `/v1/review/queue?cursor=${encodeURIComponent(bad)}`, token: h.reviewer });
        assert.equal(answer.statusCode, 400, `${bad}: ${answer.body}`);
        assert.equal(answer.json().code, 'invalid_request');
        assert.match(answer.json().message, /cursor/);
      }
    });

    it('refuses a draft that is not a document at all (null, a list, a text, a number), keeping the one stored', async () => {
      for (const [raw, sent] of [['null', 'null'], ['[]', 'a list'], ['"hi"', 'a text'], ['42', 'a number'], ['1e999', 'a number']] as const) {
        const body = await refusedDraft(raw, /^$/, 'type');
        assert.match(body.message, new RegExp(`a JSON object .*, not ${sent}\\b`), raw);
      }
    });

    it('refuses a field a decision does not take (a misspelt effectiveAt), deciding nothing', async () => {
      const { pid, sid } = await pendingChange('typo');
      const cases = [
        ['approve', { effective_at: '2027-01-06T00:00:00+00:00' }, /"effective_at".*effectiveAt/],
        ['reject', { reason: 'x', comment: [{ pointer: '', text: 't' }] }, /"comment".*comments/],
      ] as const;
      for (const [decision, payload, named] of cases) {
        const answer = await h.request({ method: 'POST', url: `/v1/review/submissions/${sid}/${decision}`, token: h.reviewer, payload });
        assert.equal(answer.statusCode, 400, answer.body);
        assert.equal(answer.json().code, 'invalid_request');
        assert.match(answer.json().message, named);
      }
      const pending = await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer });
      assert.equal(pending.json().submission.status, 'pending', 'nothing was decided');
      const submitted = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions/${sid}/withdraw`, token: await h.partner(pid) });
      assert.equal(submitted.statusCode, 200, submitted.body);
      const resubmit = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token: await h.partner(pid), payload: { resolvedComment: [] } });
      assert.equal(resubmit.statusCode, 400, resubmit.body);
      assert.match(resubmit.json().message, /"resolvedComment".*resolvedComments/);
    });

    it('refuses a go-live time that is not a real moment (30 February), scheduling nothing', async () => {
      const { pid, sid } = await pendingChange('feb');
      for (const effectiveAt of ['2027-02-30T00:00:00+08:00', '2027-01-01 00:00:00+08:00', '2027-04-31T10:00:00Z']) {
        const answer = await h.request({ method: 'POST', url: `/v1/review/submissions/${sid}/approve`, token: h.reviewer, payload: { effectiveAt } });
        assert.equal(answer.statusCode, 400, `${effectiveAt}: ${answer.body}`);
        assert.equal(answer.json().errors[0].path, '/effectiveAt');
      }
      const pending = await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer });
      assert.equal(pending.json().submission.status, 'pending', 'nothing was decided');
    });

    it('refuses NUL and unpaired surrogates in reject and rollback reasons', async () => {
      const { pid, sid } = await pendingChange('why');
      for (const reason of ['bad\u0000reason', 'bad \ud800 reason']) {
        const rejected = await h.request({ method: 'POST', url: `/v1/review/submissions/${sid}/reject`, token: h.reviewer, payload: { reason } });
        assert.equal(rejected.statusCode, 400, rejected.body);
        assert.match(rejected.json().message, /\/reason/);
      }
      const pending = await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer });
      assert.equal(pending.json().submission.status, 'pending', 'nothing stored changed');
      await h.request({ method: 'POST', url: `/v1/review/submissions/${sid}/approve`, token: h.reviewer });
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      const rolled = await h.request({ method: 'POST', url: `/v1/review/partners/${pid}/rollback`, token: h.reviewer, payload: { versionId: versions[1].id, reason: 'x\u0000' } });
      assert.equal(rolled.statusCode, 400, rolled.body);
      assert.match(rolled.json().message, /\/reason/);
      const live = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      assert.deepEqual(live.map((v: { live: boolean }) => v.live), [true, false]);
    });

    it('refuses text-direction controls and invisible-only text in reasons and comments, naming the field', async () => {
      const { pid, sid } = await pendingChange('spoof');
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      const schedule = '00000000-0000-4000-8000-000000000000';
      const direction = /text-direction control.*U\+202E/;
      const invisible = /only spaces or invisible characters/;
      for (const [what, url, payload, path, message] of [
        ['a reject reason with U+202E', `/v1/review/submissions/${sid}/reject`, { reason: '\u202Egnillib' }, '/reason', direction],
        ['a reject reason with an isolate', `/v1/review/submissions/${sid}/reject`, { reason: 'see \u2066this\u2069' }, '/reason', direction],
        ['a reject reason of zero-width characters', `/v1/review/submissions/${sid}/reject`, { reason: '\u200B\u200C\u200D' }, '/reason', invisible],
        ['a reject reason of a BOM and zero-width spaces', `/v1/review/submissions/${sid}/reject`, { reason: '\uFEFF\u200B \u200B' }, '/reason', invisible],
        ['a reject reason of spaces and line breaks', `/v1/review/submissions/${sid}/reject`, { reason: ' \n\t ' }, '/reason', /say why/],
        ['a comment with U+202D', `/v1/review/submissions/${sid}/reject`, { reason: 'See the comment.', comments: [{ pointer: '', text: 'ok' }, { pointer: '/brand', text: '\u202Dx' }] }, '/comments/1/text', direction],
        ['a comment of zero-width characters', `/v1/review/submissions/${sid}/approve`, { comments: [{ pointer: '', text: '\u200B' }] }, '/comments/0/text', invisible],
        ['a rollback reason with U+202A', `/v1/review/partners/${pid}/rollback`, { versionId: versions[0].id, reason: '\u202Aback' }, '/reason', direction],
        ['a cancel-schedule reason of a zero-width joiner', `/v1/review/schedules/${schedule}/cancel`, { reason: '\u200D' }, '/reason', invisible],
      ] as const) {
        const answer = await h.request({ method: 'POST', url, token: h.reviewer, payload });
        assert.equal(answer.statusCode, 400, `${what}: ${answer.body}`);
        assert.equal(answer.json().code, 'invalid_request', what);
        assert.deepEqual(answer.json().errors.map((error: { path: string }) => error.path), [path], what);
        assert.match(answer.json().errors[0].message, message, what);
        assert.ok(answer.json().message.includes(path), `${what}: the message names ${path}: ${answer.json().message}`);
      }
      const pending = await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer });
      assert.equal(pending.json().submission.status, 'pending', 'nothing was decided');
      // Reasons are free text: several lines, right-to-left text and its marks are kept.
      const reason = 'Two things:\n- the link\n- the logo (גיבוי\u200F)';
      const rejected = await h.request({ method: 'POST', url: `/v1/review/submissions/${sid}/reject`, token: h.reviewer, payload: { reason } });
      assert.equal(rejected.statusCode, 200, rejected.body);
      assert.equal(rejected.json().reason, reason);
    });

    it('refuses control characters in reasons and comments (text.control), naming the character and where it is', async () => {
      const { pid, sid } = await pendingChange('ctrl');
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      const schedule = '00000000-0000-4000-8000-000000000000';
      // [what, url, payload, path, the character and its position (code points from 1, in the text as sent)]
      for (const [what, url, payload, path, named] of [
        ['a reject reason with BEL', `/v1/review/submissions/${sid}/reject`, { reason: 'Fix\u0007 the logo' }, '/reason', /U\+0007 at character 4\b/],
        ['a reject reason with ESC, after spaces', `/v1/review/submissions/${sid}/reject`, { reason: '  \u001B[2Jcleared' }, '/reason', /U\+001B at character 3\b/],
        ['a reject reason with DEL on a second line', `/v1/review/submissions/${sid}/reject`, { reason: 'ok\nno\u007F' }, '/reason', /U\+007F at character 6\b/],
        ['a comment with a C1 control', `/v1/review/submissions/${sid}/reject`, { reason: 'See the comment.', comments: [{ pointer: '', text: 'ok' }, { pointer: '/brand', text: 'x\u0085y' }] }, '/comments/1/text', /U\+0085 at character 2\b/],
        ['an approval comment with U+009F', `/v1/review/submissions/${sid}/approve`, { comments: [{ pointer: '', text: '\u009F' }] }, '/comments/0/text', /U\+009F at character 1\b/],
        ['a rollback reason with a vertical tab', `/v1/review/partners/${pid}/rollback`, { versionId: versions[0].id, reason: 'back\u000B' }, '/reason', /U\+000B at character 5\b/],
        ['a cancel-schedule reason with U+0080', `/v1/review/schedules/${schedule}/cancel`, { reason: '\u0080' }, '/reason', /U\+0080 at character 1\b/],
      ] as const) {
        const answer = await h.request({ method: 'POST', url, token: h.reviewer, payload });
        assert.equal(answer.statusCode, 400, `${what}: ${answer.body}`);
        const body = answer.json();
        assert.equal(body.code, 'invalid_request', what);
        assert.deepEqual(body.errors.map((error: { path: string; code?: string }) => [error.path, error.code]), [[path, 'text.control']], what);
        assert.match(body.errors[0].message, named, what);
        assert.ok(body.message.includes(path) && named.test(body.message), `${what}: the message names ${path} and the character: ${body.message}`);
      }
      const pending = await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer });
      assert.equal(pending.json().submission.status, 'pending', 'nothing was decided');
      assert.deepEqual(pending.json().comments, [], 'no comment was stored');
      // Tabs, line feeds and carriage returns stay allowed, and are kept as sent.
      const reason = 'Two things:\r\n\t- the link\r\n\t- the logo';
      const rejected = await h.request({ method: 'POST', url: `/v1/review/submissions/${sid}/reject`, token: h.reviewer, payload: { reason } });
      assert.equal(rejected.statusCode, 200, rejected.body);
      assert.equal(rejected.json().reason, reason);
    });

    it('still reads reasons and comments stored before control characters were refused', async () => {
      const { pid, sid } = await pendingChange('old-ctrl');
      // Rejected with a comment, as an older service could have stored them.
      await h.db.query(`UPDATE submissions SET status = 'rejected', reason = $2, decided_at = now(), decided_by = 'reviewer/old' WHERE id = $1`, [sid, 'old\u0007reason']);
      await h.db.query(`INSERT INTO review_comments (partner_id, submission_id, pointer, text, author, decision) VALUES ($1, $2, '', $3, 'reviewer/old', 'rejected')`, [pid, sid, 'old\u001Bcomment']);
      const token = await h.partner(pid);
      const submissions = await h.request({ method: 'GET', url: `/v1/partners/${pid}/submissions`, token });
      assert.equal(submissions.statusCode, 200, submissions.body);
      assert.equal(submissions.json().items[0].reason, 'old\u0007reason');
      const comments = await h.request({ method: 'GET', url: `/v1/partners/${pid}/comments`, token });
      assert.equal(comments.statusCode, 200, comments.body);
      assert.equal(comments.json().items[0].text, 'old\u001Bcomment');
      const review = await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer });
      assert.equal(review.statusCode, 200, review.body);
    });

    it('keeps bidi-spoofed and invisible labels from going public (422 on submit)', async () => {
      for (const label of ['\u202Egnillib', '\u200B']) {
        const pid = freshPartner('bidi');
        const doc = documentFor(pid);
        doc.promotionMenu[0].label['en-US'] = label;
        const saved = await saveDraft(h, pid, doc);
        assert.equal(saved.statusCode, 200);
        assert.equal(saved.json().validation.valid, false);
        const submitted = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token: await h.partner(pid) });
        assert.equal(submitted.statusCode, 422);
        assert.equal(submitted.json().errors[0].path, '/promotionMenu/0/label/en-US');
      }
    });
  });
}

describe('URLs and logs', () => {
  let lines: string[];
  let app: Awaited<ReturnType<typeof buildApp>>;
  before(async () => {
    lines = [];
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    app = await buildApp({ db: await testDatabase('pglite'), logger: { level: 'info', stream } });
  });
  after(async () => { await app.close(); await app.db.close(); });

  it('does not log a token sent in the query string', async () => {
    const secret = 'cbt_QUERYSECRET123';
    for (const url of [
      `/v1/partners/acme/customization?token=${secret}`,
      `/v1/partners/acme/customization?a=1&access_token=${secret}&b=2`,
      `/v1/review/queue?limit=5&Authorization=Bearer%20${secret}`,
      `/v1/partners/acme/customization?x=${secret}`,
    ]) {
      await app.inject({ method: 'GET', url });
    }
    const log = lines.join('');
    assert.ok(log.includes('/v1/partners/acme/customization'), 'requests are still logged');
    assert.ok(!log.includes('QUERYSECRET'), `a token reached the log:\n${log}`);
    assert.ok(log.includes('limit=5'), 'other query parameters are still logged');
  });

  it('answers a bad percent-encoding with our error shape', async () => {
    for (const url of ['/v1/partners/%E0%A4%A/draft', '/v1/partners/acme%/customization']) {
      const answer = await app.inject({ method: 'GET', url });
      assert.equal(answer.statusCode, 400);
      const body = answer.json();
      assert.deepEqual(Object.keys(body).sort(), ['code', 'message']);
      assert.equal(body.code, 'bad_url');
    }
    const long = await app.inject({ method: 'GET', url: `/v1/partners/${'a'.repeat(150)}/customization` });
    assert.equal(long.statusCode, 414);
    assert.deepEqual(Object.keys(long.json()).sort(), ['code', 'message']);
  });
});

describe('a request that arrives too slowly is cut off', () => {
  it('answers 408 and closes a connection whose body trickles in, instead of holding it open', async () => {
    const h = await startHarness('pglite', undefined, { requestTimeoutMs: 1000 });
    try {
      const token = await h.partner('slow');
      await h.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = h.app.server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => { answer += chunk.toString(); });
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(`PUT /v1/partners/slow/draft HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nIf-Match: "0"\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n{`);
      // One byte a quarter second: never done within the limit.
      const trickle = setInterval(() => { if (!socket.destroyed) socket.write(' '); }, 250);
      await closed;
      clearInterval(trickle);
      assert.match(answer, /^HTTP\/1\.1 408/);
    } finally {
      await h.close();
    }
  });
});

describe('a request the HTTP parser refuses is answered in the API\'s error shape', () => {
  it('answers 431 with { code, message } to headers over the limit, and 400 to what is not HTTP', async () => {
    const h = await startHarness('pglite');
    try {
      await h.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = h.app.server.address() as AddressInfo;
      const ask = (request: string) => new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk) => { answer += chunk.toString(); });
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
        socket.write(request);
      });
      const huge = await ask(`GET /v1/partners/${'a'.repeat(100_000)}/customization HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.match(huge, /^HTTP\/1\.1 431 /);
      const body = JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4));
      assert.equal(body.code, 'headers_too_large');
      assert.match(body.message, /URL and headers .* at most 16 KB/);
      const garbage = await ask('HELLO THERE\r\n\r\n');
      assert.match(garbage, /^HTTP\/1\.1 400 /);
      assert.equal(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)).code, 'bad_request');
    } finally {
      await h.close();
    }
  });
});
