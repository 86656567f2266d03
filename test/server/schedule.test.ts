/**
 * Scheduled go-live: an approval "effective at" a future time becomes live then, with no
 * request to trigger it, on every instance (one makes the switch; NOTIFY drops the public copy
 * everywhere); it can be cancelled before, and a later approval or rollback supersedes it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { openDatabase } from '../../server/store/database.ts';
import { BACKENDS, documentFor, freshPartner, publish, startHarness, submitDocument, testDatabase, type Harness } from './harness.ts';

const soon = (ms = 1500) => new Date(Date.now() + ms).toISOString();

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The live version's submission, read from the store itself (no request to any app). */
async function liveSubmission(h: Harness, partnerId: string): Promise<string | undefined> {
  const [row] = await h.db.query<{ submission_id: string }>('SELECT v.submission_id FROM live l JOIN versions v ON v.id = l.version_id WHERE l.partner_id = $1', [partnerId]);
  return row?.submission_id;
}

for (const backend of BACKENDS) {
  describe(`scheduled go-live (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    const approve = (sid: string, payload?: object) => h.request({ method: 'POST', url: `/v1/review/submissions/${sid}/approve`, token: h.reviewer, ...(payload ? { payload } : {}) });

    it('refuses a time that is past, without an offset, too far ahead or not a time, with a 400 naming /effectiveAt', async () => {
      const pid = freshPartner();
      const sid = await submitDocument(h, pid, documentFor(pid));
      for (const effectiveAt of [new Date(Date.now() - 60_000).toISOString(), '2031-01-01T09:00:00', new Date(Date.now() + 400 * 86_400_000).toISOString(), 'tomorrow', '2030-02-30T09:00:00Z']) {
        const refused = await approve(sid, { effectiveAt });
        assert.equal(refused.statusCode, 400, `${effectiveAt}: ${refused.body}`);
        assert.equal(refused.json().code, 'invalid_request');
        assert.equal(refused.json().errors[0].path, '/effectiveAt');
        assert.match(refused.json().message, /effectiveAt/);
      }
      const status = await h.request({ method: 'GET', url: `/v1/partners/${pid}/status`, token: await h.partner(pid) });
      assert.equal(status.json().pending.id, sid, 'still pending: nothing was decided');
    });

    it('goes live at the time by itself, shows as scheduled before, and audits both', async () => {
      const pid = freshPartner();
      const first = await publish(h, pid, documentFor(pid));
      const next = { ...documentFor(pid), brand: { ...documentFor(pid).brand, navBackground: '#123456' } };
      const sid = await submitDocument(h, pid, next);
      const effectiveAt = soon();
      const approved = await approve(sid, { effectiveAt });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().status, 'approved');
      assert.equal(approved.json().schedule.state, 'scheduled');
      assert.equal(new Date(approved.json().schedule.effectiveAt).toISOString(), effectiveAt);

      const publicBefore = await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` });
      assert.deepEqual(publicBefore.json(), documentFor(pid), 'the earlier version stays live until then');
      const status = await h.request({ method: 'GET', url: `/v1/partners/${pid}/status`, token: await h.partner(pid) });
      assert.equal(status.json().scheduled.submissionId, sid);
      assert.equal(new Date(status.json().scheduled.effectiveAt).toISOString(), effectiveAt);
      const schedules = await h.request({ method: 'GET', url: '/v1/review/schedules', token: h.reviewer });
      assert.ok(schedules.json().items.some((item: { submissionId: string }) => item.submissionId === sid));
      const directory = await h.request({ method: 'GET', url: `/v1/review/partners/${pid}`, token: h.reviewer });
      assert.equal(new Date(directory.json().scheduledAt).toISOString(), effectiveAt);
      assert.equal(await liveSubmission(h, pid), first);

      await waitFor('the go-live', async () => (await liveSubmission(h, pid)) === sid || undefined);
      assert.ok(Date.now() >= new Date(effectiveAt).getTime() - 50, 'not before its time');
      const publicAfter = await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` });
      assert.deepEqual(publicAfter.json(), next);
      const review = await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer });
      assert.equal(review.json().schedule.state, 'live');
      assert.deepEqual(review.json().history.map((event: { action: string }) => event.action), ['submit', 'schedule', 'go-live']);
      assert.equal(new Date(review.json().history[1].effectiveAt).toISOString(), effectiveAt);
      assert.equal(review.json().history[2].actor, 'system');
      const after = await h.request({ method: 'GET', url: `/v1/partners/${pid}/status`, token: await h.partner(pid) });
      assert.equal(after.json().scheduled, null);
    });

    it('can be cancelled before its time: nothing goes live, and the cancel is audited', async () => {
      const pid = freshPartner();
      const sid = await submitDocument(h, pid, documentFor(pid));
      const approved = await approve(sid, { effectiveAt: soon(1000) });
      const scheduleId = approved.json().schedule.id;
      const cancelled = await h.request({ method: 'POST', url: `/v1/review/schedules/${scheduleId}/cancel`, token: h.reviewer, payload: { reason: 'Launch moved' } });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json().state, 'cancelled');
      const again = await h.request({ method: 'POST', url: `/v1/review/schedules/${scheduleId}/cancel`, token: h.reviewer });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'not_scheduled');
      assert.equal((await h.request({ method: 'POST', url: `/v1/review/schedules/${scheduleId}/cancel`, token: await h.partner(pid) })).statusCode, 403);
      await sleep(1500);
      assert.equal(await liveSubmission(h, pid), undefined, 'never went live');
      const history = await h.request({ method: 'GET', url: `/v1/partners/${pid}/history`, token: await h.partner(pid) });
      assert.deepEqual(history.json().items.map((event: { action: string; reason: string | null }) => [event.action, event.reason]), [['submit', null], ['schedule', null], ['cancel-schedule', 'Launch moved']]);
      // The partner is told: its approved change will not go live, and why.
      const status = (await h.request({ method: 'GET', url: `/v1/partners/${pid}/status`, token: await h.partner(pid) })).json();
      assert.equal(status.scheduled, null);
      assert.deepEqual({ ...status.cancelledSchedule, cancelledAt: typeof status.cancelledSchedule?.cancelledAt },
        { submissionId: sid, effectiveAt: approved.json().schedule.effectiveAt, reason: 'Launch moved', cancelledAt: 'string' });
    });

    it('is superseded by a later approval and by a rollback: one pending schedule per partner, the newest decision wins', async () => {
      const pid = freshPartner();
      const first = await publish(h, pid, documentFor(pid));
      const second = await submitDocument(h, pid, { ...documentFor(pid), promotionMenu: [] });
      assert.equal((await approve(second, { effectiveAt: soon(60_000) })).statusCode, 200);
      const third = await submitDocument(h, pid, { ...documentFor(pid), operations: {} });
      assert.equal((await approve(third, { effectiveAt: soon(120_000) })).statusCode, 200);
      const schedules = (await h.request({ method: 'GET', url: '/v1/review/schedules', token: h.reviewer })).json().items.filter((item: { partnerId: string }) => item.partnerId === pid);
      assert.deepEqual(schedules.map((item: { submissionId: string }) => item.submissionId), [third]);

      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      const firstVersion = versions.find((version: { submissionId: string }) => version.submissionId === first);
      const secondVersion = versions.find((version: { submissionId: string }) => version.submissionId === second);
      const thirdSchedule = (await h.request({ method: 'GET', url: `/v1/review/submissions/${third}`, token: h.reviewer })).json().schedule;
      const rolled = await h.request({ method: 'POST', url: `/v1/review/partners/${pid}/rollback`, token: h.reviewer, payload: { versionId: secondVersion.id, reason: 'Go now' } });
      assert.equal(rolled.statusCode, 200, rolled.body);
      assert.deepEqual(rolled.json().cancelledSchedule, { submissionId: third, effectiveAt: thirdSchedule.effectiveAt }, 'the rollback says which go-live it cancelled');
      // A reviewer whose screen still shows that go-live as scheduled is told why it no longer is.
      const stale = await h.request({ method: 'POST', url: `/v1/review/schedules/${thirdSchedule.id}/cancel`, token: h.reviewer, payload: { reason: 'Not yet' } });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'not_scheduled');
      assert.match(stale.json().message, /^The schedule is already cancelled: on \d{4}-\d\d-\d\dT[\d:.]+Z by the service \(Superseded by a rollback\.\)\.$/);
      assert.equal(stale.json().reason, 'Superseded by a rollback.');
      const status = (await h.request({ method: 'GET', url: `/v1/partners/${pid}/status`, token: await h.partner(pid) })).json();
      assert.equal(status.scheduled, null);
      assert.equal(status.cancelledSchedule, null, 'a schedule superseded by a newer decision is no news for the partner');
      const history = (await h.request({ method: 'GET', url: `/v1/partners/${pid}/history`, token: await h.partner(pid) })).json().items;
      assert.deepEqual(history.filter((event: { action: string }) => event.action === 'cancel-schedule').map((event: { reason: string }) => event.reason),
        ['Superseded by a later scheduled approval.', 'Superseded by a rollback.']);
      assert.ok(firstVersion);
    });
  });
}

if (BACKENDS.includes('postgres')) {
  describe('scheduled go-live on a second instance (postgres)', () => {
    it('goes live on an instance that was never asked: the first instance is gone, the second switches and serves it', async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const dbB = await testDatabase('postgres', schema);
      // A's store only closes its connections; B's drops the schema at the end.
      const dbA = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, schema });
      const a = await startHarness('postgres', dbA);
      const b = await startHarness('postgres', dbB, { cacheMaxAgeMs: 600_000 });
      try {
        const pid = freshPartner();
        await publish(a, pid, documentFor(pid));
        const next = { ...documentFor(pid), promotionMenu: [] };
        const sid = await submitDocument(a, pid, next);
        // B holds the live document in memory, for ten minutes unless told otherwise.
        assert.deepEqual((await b.request({ method: 'GET', url: `/v1/partners/${pid}/customization` })).json(), documentFor(pid));
        const approved = await a.request({ method: 'POST', url: `/v1/review/submissions/${sid}/approve`, token: a.reviewer, payload: { effectiveAt: soon() } });
        assert.equal(approved.statusCode, 200, approved.body);
        await a.close();
        await dbA.close();
        await waitFor('the go-live on B', async () => (await liveSubmission(b, pid)) === sid || undefined);
        const [event] = await dbB.query<{ actor: string }>("SELECT actor FROM audit_events WHERE partner_id = $1 AND action = 'go-live'", [pid]);
        assert.equal(event?.actor, 'system');
        await waitFor('B to serve it', async () => {
          const served = await b.request({ method: 'GET', url: `/v1/partners/${pid}/customization` });
          return isDeepStrictEqual(served.json(), next) || undefined;
        }, 2000);
      } finally {
        await b.close();
        await dbB.close();
      }
    });

    it('two instances that wake together switch once', async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const dbB = await testDatabase('postgres', schema);
      const dbA = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, schema });
      const a = await startHarness('postgres', dbA);
      const b = await startHarness('postgres', dbB);
      try {
        const pid = freshPartner();
        const sid = await submitDocument(a, pid, documentFor(pid));
        await a.request({ method: 'POST', url: `/v1/review/submissions/${sid}/approve`, token: a.reviewer, payload: { effectiveAt: soon(800) } });
        await waitFor('the go-live', async () => (await liveSubmission(a, pid)) === sid || undefined);
        await sleep(300);
        const events = await dbA.query("SELECT 1 FROM audit_events WHERE partner_id = $1 AND action = 'go-live'", [pid]);
        assert.equal(events.length, 1);
        const live = await dbA.query("SELECT 1 FROM webhook_events WHERE partner_id = $1 AND type = 'version.live'", [pid]);
        assert.equal(live.length, 1);
      } finally {
        await a.close();
        await b.close();
        await dbA.close();
        await dbB.close();
      }
    });
  });
}
