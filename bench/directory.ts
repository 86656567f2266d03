/**
 * The reviewers' partner directory at scale (GET /v1/review/partners): a page, a search that
 * many ids match and one that none does, against the whole list in one query (what the route
 * answered before it was paged) as the same-run baseline. `BENCH_PARTNERS` (default 100,000)
 * live partners in an embedded store.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../server/store/database.ts';
import { migrate } from '../server/store/migrate.ts';
import { Workflow } from '../server/workflow.ts';
import { report } from './measure.ts';

const EXAMPLE = readFileSync(new URL('../schema/examples/acme-cloud.json', import.meta.url), 'utf8');
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 100_000);
const PAGE = 50;

/** The route's query before it was paged: every partner, with what is live and pending. */
const WHOLE_LIST = `
  WITH partners AS (SELECT partner_id FROM drafts UNION SELECT partner_id FROM submissions UNION SELECT partner_id FROM versions)
  SELECT p.partner_id, l.version_id, l.updated_at, s.id, s.submitted_at, s.due_at,
    (SELECT max(at) FROM audit_events a WHERE a.partner_id = p.partner_id), sc.effective_at
  FROM partners p
  LEFT JOIN schedules sc ON sc.partner_id = p.partner_id AND sc.state = 'scheduled'
  LEFT JOIN live l ON l.partner_id = p.partner_id
  LEFT JOIN submissions s ON s.partner_id = p.partner_id AND s.status = 'pending'
  ORDER BY p.partner_id`;

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cobrand-bench-directory-'));
  const db = await openDatabase({ dataDir });
  try {
    await migrate(db);
    await seed(db);
    const workflow = new Workflow(db, 'UTC');
    const page = (query: string, after = '') => () => workflow.directory({ query, after, limit: PAGE + 1 });
    const whole = await medianMs(() => db.query(WHOLE_LIST));
    const first = await medianMs(page(''));
    const last = await medianMs(page('', `bench-${String(PARTNERS - PAGE).padStart(6, '0')}`));
    const many = await medianMs(page('bench-01'));
    const none = await medianMs(page('no-such-partner'));
    report(`directory: ${PARTNERS.toLocaleString('en')} partners, a page of ${PAGE} (median of 5, ms)`, {
      'baseline: the whole list at once': whole.toFixed(0),
      'first page': first.toFixed(1),
      'a page near the end (cursor)': last.toFixed(1),
      'search many ids match': many.toFixed(1),
      'search no id matches': none.toFixed(1),
      'first page / whole list': (first / whole).toFixed(3),
    });
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function seed(db: Database): Promise<void> {
  const id = `'bench-' || lpad(i::text, 6, '0')`;
  await db.query(`INSERT INTO submissions (id, partner_id, document, draft_revision, status, submitted_by, due_at, decided_at, decided_by)
    SELECT md5('s' || i)::uuid, ${id}, '{}'::jsonb, 1, 'approved', 'bench', now(), now(), 'bench' FROM generate_series(1, $1::int) AS i`, [PARTNERS]);
  await db.query(`INSERT INTO versions (id, partner_id, submission_id, document, approved_by)
    SELECT md5('v' || i)::uuid, ${id}, md5('s' || i)::uuid, jsonb_set($2::jsonb, '{partnerId}', to_jsonb(${id})), 'bench'
    FROM generate_series(1, $1::int) AS i`, [PARTNERS, EXAMPLE]);
  await db.query(`INSERT INTO live (partner_id, version_id) SELECT ${id}, md5('v' || i)::uuid FROM generate_series(1, $1::int) AS i`, [PARTNERS]);
  await db.query(`INSERT INTO audit_events (partner_id, submission_id, actor, action, from_status, to_status)
    SELECT ${id}, md5('s' || i)::uuid, 'bench', 'approve', 'pending', 'approved' FROM generate_series(1, $1::int) AS i`, [PARTNERS]);
  await db.query('ANALYZE');
}

async function medianMs(work: () => Promise<unknown>, rounds = 5): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}
