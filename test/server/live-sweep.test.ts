import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BACKENDS, documentFor, freshPartner, publish, startHarness, testDatabase, type Harness } from './harness.ts';

/** The public read path's safety net (server/live-sweep.ts), against a real store. */
for (const backend of BACKENDS) {
  describe(`live sweep (${backend})`, () => {
    let h: Harness;
    /** Queries that read live documents for the public cache. */
    let documentReads = 0;
    before(async () => {
      h = await startHarness(backend, undefined, { cacheMaxAgeMs: 0 });
      const query = h.db.query.bind(h.db);
      h.db.query = ((sql: string, params?: unknown[]) => {
        if (/FROM live l JOIN versions v/.test(sql)) documentReads++;
        return query(sql, params);
      }) as typeof h.db.query;
    });
    after(async () => { await h.close(); });

    const served = async (pid: string) => (await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` })).json().brand.navBackground as string;
    const liveVersion = async (pid: string) => (await h.db.query<{ version_id: string }>('SELECT version_id FROM live WHERE partner_id = $1', [pid]))[0]!.version_id;
    /** What a rollback does to the store, but with no NOTIFY: the notification was missed. */
    const switchSilently = (pid: string, versionId: string, updatedAt = 'now()') =>
      h.db.query(`UPDATE live SET version_id = $2, updated_at = ${updatedAt} WHERE partner_id = $1`, [pid, versionId]);
    const withColour = (pid: string, navBackground: string) => ({ ...documentFor(pid), brand: { ...documentFor(pid).brand, navBackground } });

    it('serves a change whose NOTIFY was missed after one sweep, and only that partner is read again', async () => {
      const pid = freshPartner('sweep');
      const other = freshPartner('sweep');
      await publish(h, pid, withColour(pid, '#0B3D91'));
      const first = await liveVersion(pid);
      await publish(h, pid, withColour(pid, '#7A1F1F'));
      await publish(h, other, withColour(other, '#1F5F3A'));
      await h.app.liveSweep.run();
      assert.equal(await served(pid), '#7A1F1F');
      assert.equal(await served(other), '#1F5F3A');

      await switchSilently(pid, first);
      assert.equal(await served(pid), '#7A1F1F', 'nothing told the cache yet');
      const reads = documentReads;
      assert.equal(await h.app.liveSweep.run(), 1, 'one partner changed');
      assert.equal(await served(pid), '#0B3D91');
      assert.equal(await served(other), '#1F5F3A');
      assert.equal(documentReads - reads, 1, 'one read, for the changed partner');
    });

    it('reads nothing again when nothing changed', async () => {
      const pid = freshPartner('sweep');
      await publish(h, pid, withColour(pid, '#0B3D91'));
      await h.app.liveSweep.run();
      await served(pid);
      const reads = documentReads;
      assert.equal(await h.app.liveSweep.run(), 0);
      assert.equal(await h.app.liveSweep.run(), 0);
      assert.equal(await served(pid), '#0B3D91');
      assert.equal(documentReads, reads, 'served from memory, no store read');
    });

    it('finds a change that committed after a sweep had looked (its updated_at is before that sweep began)', async () => {
      const pid = freshPartner('sweep');
      await publish(h, pid, withColour(pid, '#0B3D91'));
      const first = await liveVersion(pid);
      await publish(h, pid, withColour(pid, '#7A1F1F'));
      const [{ now: beforeTheSweep }] = await h.db.query<{ now: Date }>('SELECT now()') as [{ now: Date }];
      await h.app.liveSweep.run();
      assert.equal(await served(pid), '#7A1F1F');
      // A transaction that began before that sweep and commits only now.
      await switchSilently(pid, first, `'${new Date(new Date(beforeTheSweep).getTime() - 1).toISOString()}'::timestamptz`);
      assert.equal(await h.app.liveSweep.run(), 1);
      assert.equal(await served(pid), '#0B3D91');
    });

    it('finds a partner that was remembered as having no live version', async () => {
      const pid = freshPartner('sweep');
      const other = freshPartner('sweep');
      await publish(h, other, withColour(other, '#1F5F3A'));
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` })).statusCode, 404);
      await h.db.query('INSERT INTO live (partner_id, version_id) VALUES ($1, $2)', [pid, await liveVersion(other)]);
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` })).statusCode, 404, 'the miss is remembered');
      await h.app.liveSweep.run();
      assert.equal(await served(pid), '#1F5F3A');
    });
  });

  describe(`live sweep after a start (${backend})`, () => {
    it('does not read again what changed just before the service started: the warm-up read it', async () => {
      const db = await testDatabase(backend);
      const before = await startHarness(backend, db);
      const pid = freshPartner('sweep');
      await publish(before, pid, documentFor(pid));
      await before.app.close();
      const after = await startHarness(backend, db, { cacheMaxAgeMs: 0 });
      try {
        assert.equal((await after.request({ method: 'GET', url: `/v1/partners/${pid}/customization` })).statusCode, 200);
        assert.equal(await after.app.liveSweep.run(), 0, 'a bulk change before the start is not a wave of re-reads after it');
      } finally {
        await after.close();
        await db.close();
      }
    });
  });
}
