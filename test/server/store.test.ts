import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase, StoreLockedError } from '../../server/store/database.ts';
import { migrate, migrations } from '../../server/store/migrate.ts';
import { documentFor, publish, saveDraft, startHarness, submitDocument } from './harness.ts';

const CLI = fileURLToPath(new URL('../../server/bin/cobrand.js', import.meta.url));

describe('embedded store (PGlite data directory)', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'cobrand-store-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('loses nothing across a restart on the same data directory', async () => {
    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    const h = await startHarness('pglite', first);
    const token = await h.partner('acme');
    await publish(h, 'acme', documentFor('acme'));
    const pendingId = await submitDocument(h, 'acme', { ...documentFor('acme'), brand: { navBackground: '#7A1F1F' } });
    await saveDraft(h, 'acme', { ...documentFor('acme'), brand: { navBackground: '#123456' } });
    const snapshot = async (harness: typeof h) => ({
      draft: (await harness.request({ method: 'GET', url: '/v1/partners/acme/draft', token })).json(),
      live: (await harness.request({ method: 'GET', url: '/v1/partners/acme/customization' })).json(),
      submissions: (await harness.request({ method: 'GET', url: '/v1/partners/acme/submissions', token })).json(),
      history: (await harness.request({ method: 'GET', url: '/v1/partners/acme/history', token })).json(),
    });
    const before = await snapshot(h);
    await h.app.close();
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    assert.deepEqual(await migrate(second), [], 'nothing left to migrate');
    const again = await startHarness('pglite', second);
    Object.assign(again, { partner: async () => token });
    assert.deepEqual(await snapshot(again), before);
    assert.equal(before.draft.config.brand.navBackground, '#123456');
    const approved = await again.request({ method: 'POST', url: `/v1/review/submissions/${pendingId}/approve`, token: again.reviewer });
    assert.equal(approved.statusCode, 200, 'the pending submission survived and can be decided');
    await again.app.close();
    await second.close();
  });

  it('keeps a second process off an open data directory, with a message that says what to do', async () => {
    const db = await openDatabase({ dataDir: dir });
    try {
      const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(process.execPath, [CLI, 'migrate'], { env: { ...process.env, COBRAND_DATA: dir, DATABASE_URL: '' } },
          (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
      });
      assert.equal(code, 1);
      assert.match(stderr, new RegExp(`in use by another cobrand process \\(pid ${process.pid}\\)`));
      assert.match(stderr, /DATABASE_URL/);
      await assert.rejects(openDatabase({ dataDir: dir }).then(async (other) => { await other.close(); }), (error) => error instanceof StoreLockedError || /in use/.test(String(error)));
    } finally {
      await db.close();
    }
    const reopened = await openDatabase({ dataDir: dir });
    await reopened.close();
  });

  it('numbers its migrations without gaps', () => {
    assert.deepEqual(migrations().map((migration) => migration.version), migrations().map((_, index) => index + 1));
  });
});
