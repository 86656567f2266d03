/**
 * Webhooks: endpoints registered by reviewers (secret shown once, http(s) only), every
 * transition's event delivered signed from the outbox, retried with backoff and given up after
 * the last attempt, `submission.overdue` sent once, and a delivery log for reviewers.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { configFromEnv } from '../../server/config.ts';
import { openDatabase } from '../../server/store/database.ts';
import { backoffDelay } from '../../server/webhooks/delivery.ts';
import { sign, verify } from '../../server/webhooks/signature.ts';
import { BACKENDS, documentFor, freshPartner, publish, startHarness, submitDocument, testDatabase, type Harness } from './harness.ts';
import { startReceiver, type Receiver } from './webhook-receiver.ts';

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 and verifies within the tolerance only', () => {
    const header = sign('whsec_test', '{"a":1}', 1_700_000_000);
    assert.match(header, /^t=1700000000,v1=[0-9a-f]{64}$/);
    assert.ok(verify('whsec_test', '{"a":1}', header, { now: 1_700_000_100_000 }));
    assert.ok(!verify('whsec_test', '{"a":2}', header, { now: 1_700_000_100_000 }), 'another body');
    assert.ok(!verify('whsec_other', '{"a":1}', header, { now: 1_700_000_100_000 }), 'another secret');
    assert.ok(!verify('whsec_test', '{"a":1}', header, { now: 1_700_001_000_000 }), 'too old');
  });

  it('backs off exponentially with jitter, up to the cap', () => {
    const settings = { backoffMs: 1000, maxBackoffMs: 10_000 };
    assert.equal(backoffDelay(1, settings, 0.5), 1000);
    assert.equal(backoffDelay(3, settings, 0.5), 4000);
    assert.equal(backoffDelay(10, settings, 0.5), 10_000);
    assert.equal(backoffDelay(1, settings, 0), 750);
    assert.equal(backoffDelay(1, settings, 1), 1250);
  });
});

describe('webhook settings', () => {
  it('takes the deployment endpoint from the environment, and refuses one that is not http(s) or has no secret', () => {
    const config = configFromEnv({ COBRAND_WEBHOOK_URL: 'https://hooks.example.com/cobrand', COBRAND_WEBHOOK_SECRET: 'a-secret-of-16-chars', COBRAND_WEBHOOK_MAX_ATTEMPTS: '3' });
    assert.deepEqual(config.webhooks.target, { url: 'https://hooks.example.com/cobrand', secret: 'a-secret-of-16-chars' });
    assert.equal(config.webhooks.delivery.maxAttempts, 3);
    assert.equal(configFromEnv({}).webhooks.target, undefined);
    assert.throws(() => configFromEnv({ COBRAND_WEBHOOK_URL: 'ftp://hooks.example.com/', COBRAND_WEBHOOK_SECRET: 'a-secret-of-16-chars' }), /COBRAND_WEBHOOK_URL must be an http: or https: URL/);
    assert.throws(() => configFromEnv({ COBRAND_WEBHOOK_URL: 'https://hooks.example.com/' }), /COBRAND_WEBHOOK_SECRET must be set/);
    assert.throws(() => configFromEnv({ COBRAND_WEBHOOK_TIMEOUT: 'soon' }), /COBRAND_WEBHOOK_TIMEOUT must be a number/);
  });
});

if (BACKENDS.includes('postgres')) {
  describe('webhooks from two instances (postgres)', () => {
    it('sends each delivery once when two instances share the outbox', async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const dbB = await testDatabase('postgres', schema);
      const dbA = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, schema });
      const fast = { webhooks: { delivery: { pollMs: 50, backoffMs: 100 } } };
      const a = await startHarness('postgres', dbA, fast);
      const b = await startHarness('postgres', dbB, fast);
      const receiver = await startReceiver();
      try {
        const created = await a.request({ method: 'POST', url: '/v1/review/webhooks', token: a.reviewer, payload: { url: receiver.url } });
        receiver.secret = created.json().secret;
        const partners = Array.from({ length: 8 }, () => freshPartner());
        await Promise.all(partners.map((pid, index) => submitDocument(index % 2 ? a : b, pid, documentFor(pid))));
        await waitFor('every event', () => (receiver.events().size >= partners.length ? true : undefined));
        await sleep(500);
        assert.equal(receiver.received.length, partners.length, 'no event sent twice');
        assert.ok(receiver.received.every((item) => item.verified));
      } finally {
        await a.close();
        await b.close();
        await receiver.close();
        await dbA.close();
        await dbB.close();
      }
    });
  });
}

for (const backend of BACKENDS) {
  describe(`webhooks (${backend})`, () => {
    let h: Harness;
    let receiver: Receiver;
    let endpointId: string;
    before(async () => {
      h = await startHarness(backend, undefined, { webhooks: { delivery: { backoffMs: 100, maxBackoffMs: 200, maxAttempts: 3, timeoutMs: 1000, pollMs: 100 } } });
      receiver = await startReceiver();
      const created = await h.request({ method: 'POST', url: '/v1/review/webhooks', token: h.reviewer, payload: { url: receiver.url, description: 'ops' } });
      assert.equal(created.statusCode, 201, created.body);
      endpointId = created.json().id;
      receiver.secret = created.json().secret;
    });
    after(async () => {
      await h.close();
      await receiver.close();
    });
    beforeEach(() => { receiver.respond = () => 200; });

    const forPartner = (pid: string) => [...receiver.events().values()].filter((item) => item.event.partnerId === pid);

    it('registers endpoints: http(s) only, bounded, the secret shown once, reviewers only', async () => {
      assert.match(receiver.secret, /^whsec_/);
      for (const url of ['ftp://example.com/x', 'not a url', 'javascript:alert(1)', 'https://user:pw@example.com/', `https://example.com/${'a'.repeat(2001)}`]) {
        const refused = await h.request({ method: 'POST', url: '/v1/review/webhooks', token: h.reviewer, payload: { url } });
        assert.equal(refused.statusCode, 400, url);
        assert.equal(refused.json().errors[0].path.replace(/^\/body/, ''), '/url');
      }
      const listed = await h.request({ method: 'GET', url: '/v1/review/webhooks', token: h.reviewer });
      const mine = listed.json().items.find((item: { id: string }) => item.id === endpointId);
      assert.deepEqual({ url: mine.url, description: mine.description, source: mine.source }, { url: receiver.url, description: 'ops', source: 'reviewer' });
      assert.ok(!('secret' in mine), 'the secret is not shown again');
      const pid = freshPartner();
      assert.equal((await h.request({ method: 'GET', url: '/v1/review/webhooks', token: await h.partner(pid) })).statusCode, 403);
      assert.equal((await h.request({ method: 'POST', url: '/v1/review/webhooks', token: await h.partner(pid), payload: { url: receiver.url } })).statusCode, 403);
      const other = await h.request({ method: 'POST', url: '/v1/review/webhooks', token: h.reviewer, payload: { url: 'https://example.invalid/x' } });
      assert.equal((await h.request({ method: 'DELETE', url: `/v1/review/webhooks/${other.json().id}`, token: h.reviewer })).statusCode, 204);
      const again = await h.request({ method: 'DELETE', url: `/v1/review/webhooks/${other.json().id}`, token: h.reviewer });
      assert.equal(again.statusCode, 404);
      assert.equal(again.json().message, `Webhook endpoint ${other.json().id} was not found (or was deleted already): GET /v1/review/webhooks lists them.`);
      // The deployment's own endpoint is the environment's to change, not the API's.
      await h.db.query(`INSERT INTO webhook_endpoints (id, url, secret, description, source, created_by) VALUES ('env', 'https://example.invalid/env', 'whsec_x', 'COBRAND_WEBHOOK_URL', 'environment', 'environment')
        ON CONFLICT (id) DO UPDATE SET deleted_at = NULL`);
      const own = await h.request({ method: 'DELETE', url: '/v1/review/webhooks/env', token: h.reviewer });
      assert.equal(own.statusCode, 409);
      assert.deepEqual(own.json(), { code: 'environment_webhook', message: 'Webhook endpoint env is the deployment\'s own (COBRAND_WEBHOOK_URL): change or unset that setting and restart the service to change or remove it.' });
      await h.db.query("UPDATE webhook_endpoints SET deleted_at = now() WHERE id = 'env'");
    });

    it('checks a description as free text (as a reason), naming /description and the code; registers nothing refused', async () => {
      const listed = async () => (await h.request({ method: 'GET', url: '/v1/review/webhooks', token: h.reviewer })).json().items.map((item: { id: string }) => item.id);
      const before = await listed();
      for (const [description, code, message] of [
        ['ops\u0007team', 'text.control', /U\+0007 at character 4\b/],
        [' \u001B[31mred', 'text.control', /U\+001B at character 2\b/],
        ['team\u0085', 'text.control', /U\+0085 at character 5\b/],
        ['del\u007F', 'text.control', /U\+007F at character 4\b/],
        ['\u202Egnillib', 'text.bidi-control', /text-direction control/],
        ['\u200B\u200D', 'text.invisible', /only spaces or invisible characters/],
        ['a\u0000b', 'text.nul', /NUL/],
        ['a\ud800b', 'text.lone-surrogate', /surrogate/],
        ['x'.repeat(201), undefined, /at most 200 characters/],
      ] as const) {
        const refused = await h.request({ method: 'POST', url: '/v1/review/webhooks', token: h.reviewer, payload: { url: receiver.url, description } });
        assert.equal(refused.statusCode, 400, `${JSON.stringify(description)}: ${refused.body}`);
        const body = refused.json();
        assert.equal(body.code, 'invalid_request');
        assert.deepEqual(body.errors.map((error: { path: string; code?: string }) => [error.path, error.code]), [['/description', code]], JSON.stringify(description));
        assert.match(body.errors[0].message, message, JSON.stringify(description));
        assert.ok(body.message.includes('/description'), body.message);
      }
      assert.deepEqual(await listed(), before, 'nothing was registered');
      // Tabs and line breaks are kept; a blank description is none.
      for (const [description, stored] of [['Ops team\r\n\tpager #42', 'Ops team\r\n\tpager #42'], [' \n ', null]] as const) {
        const created = await h.request({ method: 'POST', url: '/v1/review/webhooks', token: h.reviewer, payload: { url: 'https://example.invalid/x', description } });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal(created.json().description, stored);
        assert.equal((await h.request({ method: 'DELETE', url: `/v1/review/webhooks/${created.json().id}`, token: h.reviewer })).statusCode, 204);
      }
    });

    it('still lists an endpoint whose description was stored before descriptions were checked', async () => {
      const created = await h.request({ method: 'POST', url: '/v1/review/webhooks', token: h.reviewer, payload: { url: 'https://example.invalid/old' } });
      assert.equal(created.statusCode, 201, created.body);
      await h.db.query('UPDATE webhook_endpoints SET description = $2 WHERE id = $1', [created.json().id, 'old\u0007one']);
      const listed = await h.request({ method: 'GET', url: '/v1/review/webhooks', token: h.reviewer });
      assert.equal(listed.statusCode, 200, listed.body);
      assert.equal(listed.json().items.find((item: { id: string }) => item.id === created.json().id).description, 'old\u0007one');
      assert.equal((await h.request({ method: 'DELETE', url: `/v1/review/webhooks/${created.json().id}`, token: h.reviewer })).statusCode, 204);
    });

    it('sends each transition once, signed: created, approved, version.live, rejected', async () => {
      const pid = freshPartner();
      const first = await publish(h, pid, documentFor(pid));
      const second = await submitDocument(h, pid, { ...documentFor(pid), promotionMenu: [] });
      assert.equal((await h.request({ method: 'POST', url: `/v1/review/submissions/${second}/reject`, token: h.reviewer, payload: { reason: 'No menu?' } })).statusCode, 200);
      const events = await waitFor('five events', () => (forPartner(pid).length >= 5 ? forPartner(pid) : undefined));
      await sleep(300);
      assert.equal(receiver.received.filter((item) => item.event.partnerId === pid).length, 5, 'no duplicates when every answer is 200');
      assert.deepEqual(events.map((item) => [item.event.type, item.event.data.submissionId]), [
        ['submission.created', first], ['submission.approved', first], ['version.live', first], ['submission.created', second], ['submission.rejected', second],
      ]);
      for (const item of events) {
        assert.ok(item.verified, `signature of ${item.event.type}`);
        assert.equal(item.headers['cobrand-event-id'], item.event.id);
        assert.equal(item.headers['content-type'], 'application/json');
        assert.ok(!Number.isNaN(Date.parse(item.event.createdAt)));
      }
      assert.equal(events[4]!.event.data.reason, 'No menu?');
      assert.ok(events[2]!.event.data.versionId);
    });

    it('retries a failing endpoint with backoff, then gives up and marks the delivery failed', async () => {
      const pid = freshPartner();
      receiver.respond = (item, attempt) => (item.event.partnerId !== pid ? 200 : attempt === 1 ? 503 : 200);
      await submitDocument(h, pid, documentFor(pid));
      const retried = await waitFor('the retry', () => receiver.received.filter((item) => item.event.partnerId === pid).length >= 2 || undefined);
      assert.ok(retried);
      const log = await waitFor('the log to say delivered', async () => {
        const items = (await h.request({ method: 'GET', url: '/v1/review/webhook-deliveries', token: h.reviewer })).json().items.filter((item: { partnerId: string }) => item.partnerId === pid);
        return items[0]?.state === 'delivered' ? items : undefined;
      });
      assert.equal(log[0].attempts, 2);
      assert.equal(log[0].lastStatus, 200);
      assert.equal(log[0].eventType, 'submission.created');
      assert.equal(log[0].url, receiver.url);

      const failing = freshPartner();
      receiver.respond = (item) => (item.event.partnerId === failing ? 500 : 200);
      await submitDocument(h, failing, documentFor(failing));
      const failed = await waitFor('the give-up', async () => {
        const items = (await h.request({ method: 'GET', url: '/v1/review/webhook-deliveries?state=failed', token: h.reviewer })).json().items.filter((item: { partnerId: string }) => item.partnerId === failing);
        return items[0];
      });
      assert.equal(failed.attempts, 3);
      assert.equal(failed.lastStatus, 500);
      assert.equal(failed.nextAttemptAt, null);
      assert.equal(receiver.received.filter((item) => item.event.partnerId === failing).length, 3);
    });

    it('times out an endpoint that does not answer, and tries again', async () => {
      const pid = freshPartner();
      receiver.respond = (item, attempt) => (item.event.partnerId === pid && attempt === 1 ? 'hang' : 200);
      await submitDocument(h, pid, documentFor(pid));
      const items = await waitFor('the delivery after a timeout', async () => {
        const found = (await h.request({ method: 'GET', url: '/v1/review/webhook-deliveries?state=delivered', token: h.reviewer })).json().items.filter((item: { partnerId: string }) => item.partnerId === pid);
        return found[0] ? found : undefined;
      });
      assert.equal(items[0].attempts, 2);
    });

    it('sends submission.overdue once when the due date passes, however often the scheduler sweeps', async () => {
      const pid = freshPartner();
      const sid = await submitDocument(h, pid, documentFor(pid));
      await h.db.query("UPDATE submissions SET due_at = now() - interval '1 minute' WHERE id = $1", [sid]);
      h.app.scheduler.wake();
      await waitFor('the overdue event', () => forPartner(pid).find((item) => item.event.type === 'submission.overdue'));
      h.app.scheduler.wake();
      await sleep(200);
      h.app.scheduler.wake();
      await sleep(300);
      assert.equal(receiver.received.filter((item) => item.event.partnerId === pid && item.event.type === 'submission.overdue').length, 1);
      assert.equal(forPartner(pid).find((item) => item.event.type === 'submission.overdue')!.event.data.submissionId, sid);
    });

    it('sends version.live on a rollback and on a scheduled go-live', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const next = await submitDocument(h, pid, { ...documentFor(pid), promotionMenu: [] });
      await h.request({ method: 'POST', url: `/v1/review/submissions/${next}/approve`, token: h.reviewer, payload: { effectiveAt: new Date(Date.now() + 800).toISOString() } });
      const live = await waitFor('the scheduled version.live', () => forPartner(pid).find((item) => item.event.type === 'version.live' && item.event.data.cause === 'schedule'));
      assert.equal(live.event.data.submissionId, next);
      const approved = forPartner(pid).find((item) => item.event.type === 'submission.approved' && item.event.data.submissionId === next)!;
      assert.ok(approved.event.data.effectiveAt);
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      await h.request({ method: 'POST', url: `/v1/review/partners/${pid}/rollback`, token: h.reviewer, payload: { versionId: versions[1].id, reason: 'back' } });
      const rolled = await waitFor('the rollback version.live', () => forPartner(pid).find((item) => item.event.type === 'version.live' && item.event.data.cause === 'rollback'));
      assert.equal(rolled.event.data.versionId, versions[1].id);
    });
  });
}
