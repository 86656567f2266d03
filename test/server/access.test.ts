import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { revokeToken } from '../../server/tokens.ts';
import { BACKENDS, documentFor, freshPartner, saveDraft, startHarness, submitDocument, type Harness } from './harness.ts';

for (const backend of BACKENDS) {
  describe(`access and refusals (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    it('lets anonymous callers reach only the public routes (401)', async () => {
      const pid = freshPartner();
      const sid = await submitDocument(h, pid, documentFor(pid));
      for (const [method, url] of [
        ['GET', `/v1/partners/${pid}/draft`], ['PUT', `/v1/partners/${pid}/draft`], ['POST', `/v1/partners/${pid}/submissions`],
        ['GET', `/v1/partners/${pid}/submissions`], ['POST', `/v1/partners/${pid}/submissions/${sid}/withdraw`], ['POST', `/v1/partners/${pid}/assets`],
        ['GET', '/v1/review/queue'], ['GET', `/v1/review/submissions/${sid}`], ['POST', `/v1/review/submissions/${sid}/approve`],
        ['POST', `/v1/review/submissions/${sid}/reject`], ['POST', `/v1/review/partners/${pid}/rollback`], ['GET', `/v1/partners/${pid}/history`],
      ] as const) {
        // Before the body is read: an anonymous caller's body, valid or not, costs the service nothing.
        for (const payload of method === 'GET' ? [undefined] : [{}, `[${'{},'.repeat(80_000)}x]`]) {
          const answer = await h.request({ method, url, payload, headers: typeof payload === 'string' ? { 'content-type': 'application/json' } : {} });
          assert.equal(answer.statusCode, 401, `${method} ${url}: ${answer.body.slice(0, 200)}`);
          assert.equal(answer.json().code, 'unauthorized');
        }
      }
      for (const url of ['/healthz', '/v1/schema', '/docs/openapi.json']) assert.equal((await h.request({ method: 'GET', url })).statusCode, 200, url);
    });

    it('refuses unknown, malformed and revoked tokens (401)', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const url = `/v1/partners/${pid}/draft`;
      assert.equal((await h.request({ method: 'GET', url, token: 'cbt_not-a-real-token' })).statusCode, 401);
      assert.equal((await h.request({ method: 'GET', url, headers: { authorization: 'Basic dXNlcjpwYXNz' } })).statusCode, 401);
      assert.equal((await h.request({ method: 'GET', url, token })).statusCode, 200);
      const [row] = await h.db.query<{ id: string }>('SELECT id FROM tokens WHERE partner_id = $1', [pid]);
      assert.ok(await revokeToken(h.db, row!.id));
      assert.equal((await h.request({ method: 'GET', url, token })).statusCode, 401);
    });

    it("keeps a partner token to its own partner's routes (403)", async () => {
      const mine = freshPartner();
      const theirs = freshPartner();
      const sid = await submitDocument(h, theirs, documentFor(theirs));
      const token = await h.partner(mine);
      // Each request is one the route would take from the right token.
      const doc = documentFor(mine);
      for (const [method, url, payload] of [
        ['GET', `/v1/partners/${theirs}/draft`], ['PUT', `/v1/partners/${theirs}/draft`, doc], ['POST', `/v1/partners/${theirs}/submissions`, {}],
        ['GET', `/v1/partners/${theirs}/submissions`], ['POST', `/v1/partners/${theirs}/submissions/${sid}/withdraw`],
        ['GET', `/v1/partners/${theirs}/history`], ['POST', `/v1/partners/${theirs}/assets`, doc],
        ['GET', '/v1/review/queue'], ['GET', `/v1/review/submissions/${sid}`], ['POST', `/v1/review/submissions/${sid}/approve`, {}],
      ] as const) {
        const answer = await h.request({ method, url, token, headers: { 'if-match': '"0"' }, payload });
        assert.equal(answer.statusCode, 403, `${method} ${url}: ${answer.body}`);
        assert.equal(answer.json().code, 'forbidden');
        // An answer to a token is that token's: no cache keeps it, refusals included.
        assert.equal(answer.headers['cache-control'], 'no-store', `${method} ${url}`);
      }
      const withdrawnByOther = await h.request({ method: 'POST', url: `/v1/partners/${mine}/submissions/${sid}/withdraw`, token });
      assert.equal(withdrawnByOther.statusCode, 404, "another partner's submission is not found under mine");
      const still = await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer });
      assert.equal(still.json().submission.status, 'pending');
    });

    it('lets reviewers read partner routes but not write them', async () => {
      const pid = freshPartner();
      await h.partner(pid);
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token: h.reviewer })).statusCode, 200);
      assert.equal((await h.request({ method: 'PUT', url: `/v1/partners/${pid}/draft`, token: h.reviewer, headers: { 'if-match': '"0"' }, payload: documentFor(pid) })).statusCode, 403);
    });

    it("answers a reviewer 404 for the draft of a partner that does not exist, and revision 0 for one that has not saved yet", async () => {
      const nobody = freshPartner('nobody');
      const unknown = await h.request({ method: 'GET', url: `/v1/partners/${nobody}/draft`, token: h.reviewer });
      assert.equal(unknown.statusCode, 404, unknown.body);
      assert.equal(unknown.json().code, 'not_found');
      assert.match(unknown.json().message, new RegExp(`^No partner "${nobody}": .*token.*draft`));
      // A partner exists once a token is made for it (onboarding), before it saves anything: its draft is revision 0.
      const onboarded = freshPartner('onboarded');
      await h.partner(onboarded);
      const empty = await h.request({ method: 'GET', url: `/v1/partners/${onboarded}/draft`, token: h.reviewer });
      assert.equal(empty.statusCode, 200, empty.body);
      assert.deepEqual([empty.json().revision, empty.json().updatedAt, empty.headers.etag], [0, null, '"0"']);
      // …and after its first save, the draft it saved.
      await saveDraft(h, onboarded, documentFor(onboarded));
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${onboarded}/draft`, token: h.reviewer })).json().revision, 1);
      // A partner reads its own draft before any save (its token is what makes it exist).
      const fresh = freshPartner('fresh');
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${fresh}/draft`, token: await h.partner(fresh) })).json().revision, 0);
    });

    it("answers a reviewer 404 for an unknown partner's status, history, comments and submissions, with the draft's code and message", async () => {
      const nobody = freshPartner('nobody');
      const draft = await h.request({ method: 'GET', url: `/v1/partners/${nobody}/draft`, token: h.reviewer });
      assert.equal(draft.statusCode, 404, draft.body);
      for (const what of ['status', 'history', 'comments', 'submissions', 'shares', 'versions']) {
        const url = what === 'versions' ? `/v1/review/partners/${nobody}/versions` : `/v1/partners/${nobody}/${what}`;
        const answer = await h.request({ method: 'GET', url, token: h.reviewer });
        assert.equal(answer.statusCode, 404, `${what}: ${answer.body}`);
        assert.deepEqual(answer.json(), draft.json(), `${what} says what the draft says`);
        assert.equal(answer.headers['cache-control'], 'no-store', `${what}: not cached`);
      }
      const share = await h.request({ method: 'POST', url: `/v1/partners/${nobody}/shares`, token: h.reviewer, payload: {} });
      assert.equal(share.statusCode, 404, `a share link for no partner: ${share.body}`);
      assert.deepEqual(share.json(), draft.json());
      // A partner that exists (a token was made for it) with nothing stored yet: empty answers, as before.
      const onboarded = freshPartner('onboarded');
      const token = await h.partner(onboarded);
      for (const caller of [h.reviewer, token]) {
        const status = await h.request({ method: 'GET', url: `/v1/partners/${onboarded}/status`, token: caller });
        assert.equal(status.statusCode, 200, status.body);
        assert.deepEqual([status.json().pending, status.json().live, status.json().lastDecision], [null, null, null]);
        for (const what of ['history', 'comments', 'submissions', 'shares']) {
          const answer = await h.request({ method: 'GET', url: `/v1/partners/${onboarded}/${what}`, token: caller });
          assert.equal(answer.statusCode, 200, `${what}: ${answer.body}`);
          assert.deepEqual(answer.json().items, []);
        }
      }
      // A partner that exists by what is stored for it, its token revoked since: still a partner.
      const stored = freshPartner('stored');
      await submitDocument(h, stored, documentFor(stored));
      await h.db.query('UPDATE tokens SET revoked_at = now() WHERE partner_id = $1', [stored]);
      for (const what of ['status', 'history', 'comments', 'submissions', 'shares']) {
        assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${stored}/${what}`, token: h.reviewer })).statusCode, 200, what);
      }
      assert.equal((await h.request({ method: 'GET', url: `/v1/review/partners/${stored}/versions`, token: h.reviewer })).statusCode, 200, 'versions');
      // A partner token learns nothing of other partners, known or not: 403, never 404.
      for (const other of [nobody, stored]) {
        for (const what of ['draft', 'status', 'history', 'comments', 'submissions']) {
          const answer = await h.request({ method: 'GET', url: `/v1/partners/${other}/${what}`, token });
          assert.equal(answer.statusCode, 403, `${what} of ${other}: ${answer.body}`);
          assert.equal(answer.json().code, 'forbidden');
        }
      }
    });

    it('answers 404 for unknown submissions and routes, and 400 for malformed ids', async () => {
      assert.equal((await h.request({ method: 'GET', url: '/v1/review/submissions/00000000-0000-4000-8000-000000000000', token: h.reviewer })).statusCode, 404);
      assert.equal((await h.request({ method: 'POST', url: '/v1/review/submissions/00000000-0000-4000-8000-000000000000/approve', token: h.reviewer })).statusCode, 404);
      const malformed = await h.request({ method: 'GET', url: '/v1/review/submissions/42', token: h.reviewer });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().code, 'invalid_request');
      assert.equal((await h.request({ method: 'GET', url: '/v1/partners/Not_Valid/customization' })).statusCode, 400);
      const unknown = await h.request({ method: 'GET', url: '/v2/anything' });
      assert.equal(unknown.statusCode, 404);
      // Not "no such partner": a wrong address (an element's api with /v1 in it), readable by the host page's script.
      assert.equal(unknown.json().code, 'no_route');
      assert.equal(unknown.headers['access-control-allow-origin'], '*');
    });

    it('answers 405 with Allow, in the usual error shape, for a method an existing address does not take', async () => {
      const sid = '00000000-0000-4000-8000-000000000000';
      for (const [method, url, allow, token] of [
        ['DELETE', '/v1/partners/acme/draft', 'GET, HEAD, PUT', await h.partner('acme')],
        ['PATCH', '/v1/partners/acme/draft/', 'GET, HEAD, PUT', await h.partner('acme')],
        ['POST', '/v1/partners/acme/customization?x=1', 'GET, HEAD, OPTIONS', undefined],
        ['GET', `/v1/review/submissions/${sid}/approve`, 'POST', h.reviewer],
        ['PUT', '/v1/me', 'GET, HEAD', h.reviewer],
      ] as const) {
        const answer = await h.request({ method, url, token });
        assert.equal(answer.statusCode, 405, `${method} ${url}: ${answer.body}`);
        assert.equal(answer.headers.allow, allow, `${method} ${url}`);
        assert.equal(answer.json().code, 'method_not_allowed');
        const path = url.split('?')[0]!;
        assert.equal(answer.json().message, `${method} is not a method of ${path}: it takes ${allow.replace(/, (?=[A-Z]+$)/, ' and ')}.`);
        assert.equal(answer.headers['access-control-allow-origin'], '*');
      }
      // An address that no route has is still 404, whatever the method.
      for (const method of ['GET', 'POST'] as const) assert.equal((await h.request({ method, url: '/v1/partners/acme/nothing-here' })).json().code, 'no_route');
    });

    it('says a body is missing where a route takes one, and what an empty JSON body should be', async () => {
      const pid = freshPartner();
      const sid = await submitDocument(h, pid, documentFor(pid));
      const url = `/v1/review/submissions/${sid}/reject`;
      const none = await h.request({ method: 'POST', url, token: h.reviewer });
      assert.equal(none.statusCode, 400);
      assert.equal(none.json().message, 'Not valid: the body: it is missing: this takes a JSON object (Content-Type: application/json).');
      const empty = await h.request({ method: 'POST', url, token: h.reviewer, headers: { 'content-type': 'application/json' }, payload: '' });
      assert.match(empty.json().message, /^The body is empty: send a JSON document \(where a route takes no body, send none and no Content-Type\)\.$/);
    });

    it('refuses bodies over the size limit (413) and bodies that are not JSON (400, 415)', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const url = `/v1/partners/${pid}/draft`;
      const huge = { ...documentFor(pid), padding: 'x'.repeat(300 * 1024) };
      const tooLarge = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"' }, payload: huge });
      assert.equal(tooLarge.statusCode, 413);
      assert.equal(tooLarge.json().code, 'payload_too_large');
      assert.match(tooLarge.json().message, /at most 256 KB/, 'the message says the limit');
      const broken = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"', 'content-type': 'application/json' }, payload: '{"schemaVersion": 1,' });
      assert.equal(broken.statusCode, 400);
      assert.equal(broken.json().code, 'invalid_json');
      assert.equal(broken.json().message, 'The body is not valid JSON: it ends before the document does (line 1, column 21).');
      const comma = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"', 'content-type': 'application/json' }, payload: '{\n  "schemaVersion": 1,\n}' });
      assert.match(comma.json().message, /^The body is not valid JSON: .* \(line 3, column 1\)\.$/);
      for (const [payload, expected] of [
        ['{\n  "a": 1,\n  "b": \n}', "unexpected token '}' (line 4, column 1)"],
        ['[1,2,]', "unexpected token ']' (line 1, column 6)"],
        ['{"a":1}}', 'unexpected non-whitespace character after JSON (line 1, column 8)'],
      ]) {
        const answer = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"', 'content-type': 'application/json' }, payload });
        assert.equal(answer.json().message, `The body is not valid JSON: ${expected}.`, payload);
      }
      // Bytes that are not UTF-8 are refused where they are, not stored as U+FFFD in the partner's words.
      for (const [bytes, where] of [
        [Buffer.concat([Buffer.from('{"schemaVersion": 1,\n "partnerId": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), 'byte 0xFF at line 2, column 16 (byte offset 36)'],
        [Buffer.concat([Buffer.from('{"a": "caf'), Buffer.from([0xc3]), Buffer.from('"}')]), 'byte 0xC3 at line 1, column 11 (byte offset 10)'],
      ] as const) {
        const answer = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"', 'content-type': 'application/json' }, payload: bytes });
        assert.equal(answer.statusCode, 400);
        assert.deepEqual(answer.json(), { code: 'invalid_json', message: `The body is not UTF-8: ${where} begins no character. Save or send the document as UTF-8.` });
      }
      // A compressed body is said to be one, not read as broken JSON.
      const zipped = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"', 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: gzipSync(JSON.stringify(documentFor(pid))) });
      assert.equal(zipped.statusCode, 415);
      assert.deepEqual(zipped.json(), { code: 'unsupported_media_type', message: 'Send the body uncompressed: Content-Encoding gzip is not taken (the documents are small).' });
      // A byte order mark, as Windows editors write, is no part of the document.
      const marked = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"', 'content-type': 'application/json' }, payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(documentFor(pid)))]) });
      assert.equal(marked.statusCode, 200, marked.body);
      // A large body is not parsed over and over to find the place: JSON.parse's own excerpt says where.
      const large = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"1"', 'content-type': 'application/json' }, payload: `[${'{},'.repeat(80_000)}x]` });
      assert.equal(large.statusCode, 400);
      assert.equal(large.json().message, 'The body is not valid JSON: unexpected token \'x\', ...",{},{},{},x]" is not valid JSON (a body over 64 KB is not searched for the line and column: the excerpt shows the place).');
      const text = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"1"', 'content-type': 'text/plain' }, payload: 'hello' });
      assert.equal(text.statusCode, 415);
      const poisoned = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"', 'content-type': 'application/json' }, payload: '{"__proto__": {"admin": true}}' });
      assert.equal(poisoned.statusCode, 400);
      assert.deepEqual(poisoned.json(), { code: 'invalid_json', message: 'The body has a "__proto__" or "constructor.prototype" key, which is refused: remove it (no customization document has one).' });
      // A number JSON cannot hold would be stored as null: refused, naming where it is.
      const logo = (width: string) => `{"schemaVersion":1,"partnerId":"${pid}","brand":{"logos":{"en-US":{"src":"https://cdn.example/a.png","alt":"A","width":${width},"height":28}}}}`;
      for (const [payload, pointer, shown] of [
        [`{"schemaVersion":1e400,"partnerId":"${pid}"}`, '/schemaVersion', '1e400'],
        [logo('-' + '9'.repeat(400)), '/brand/logos/en-US/width', '-99999999999…'],
      ] as const) {
        const huge = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"1"', 'content-type': 'application/json' }, payload });
        assert.equal(huge.statusCode, 400, pointer);
        assert.deepEqual(huge.json(), { code: 'invalid_json', message: `The body has a number too large for JSON to hold at ${pointer} (${shown}): it would be stored as null. Send a number within ±1.7976931348623157e+308.` });
      }
      assert.equal((await h.request({ method: 'GET', url, token })).json().revision, 1, 'nothing was stored but the document with a byte order mark');
    });

    it('never answers 5xx to hostile input, and never shows a stack', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const bodies = ['null', '[]', '"text"', '123', '{"a":' + '['.repeat(5000), JSON.stringify({ schemaVersion: 1, partnerId: pid, promotionMenu: 'x'.repeat(1000) }), '\u0000\u0001'];
      const headers = [{}, { 'if-match': '"99999999999"' }, { 'if-match': '"-1"' }, { 'if-match': '"0"' }];
      for (const body of bodies) {
        for (const extra of headers) {
          for (const [method, url] of [['PUT', `/v1/partners/${pid}/draft`], ['POST', `/v1/partners/${pid}/submissions`], ['POST', '/v1/review/queue'], ['POST', `/v1/review/partners/${pid}/rollback`]] as const) {
            const answer = await h.request({ method, url, token: url.includes('review') ? h.reviewer : token, headers: { 'content-type': 'application/json', ...extra }, payload: body });
            assert.ok(answer.statusCode < 500, `${method} ${url} ${body.slice(0, 20)}: ${answer.statusCode} ${answer.body}`);
            assert.doesNotMatch(answer.body, /\bat .+\.(ts|js):\d+/);
            if (answer.statusCode >= 400) assert.equal(typeof answer.json().code, 'string');
          }
        }
      }
      for (const query of ['limit=0', 'limit=1000', 'limit=abc', 'cursor=' + 'A'.repeat(300), 'cursor=%00']) {
        const answer = await h.request({ method: 'GET', url: `/v1/review/queue?${query}`, token: h.reviewer });
        assert.equal(answer.statusCode, 400, query);
      }
      const fraction = await h.request({ method: 'GET', url: '/v1/review/queue?limit=1.5', token: h.reviewer });
      assert.match(fraction.json().message, /limit.*: must be a whole number\./);
    });
  });
}
