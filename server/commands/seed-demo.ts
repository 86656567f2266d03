/** The demo partner: the complete example approved and live, and fresh demo tokens to try the workflow with. */
import { readFileSync } from 'node:fs';
import type { Database } from '../store/database.ts';
import { createToken } from '../tokens.ts';
import { Workflow } from '../workflow.ts';

export const DEMO_PARTNER = 'acme-cloud';

export interface DemoSeed {
  partnerToken: string;
  reviewerToken: string;
  /** Whether this run approved the example (false when the partner already had a live version). */
  seeded: boolean;
}

export async function seedDemo(db: Database, timeZone: string): Promise<DemoSeed> {
  const workflow = new Workflow(db, timeZone);
  const example: unknown = JSON.parse(readFileSync(new URL('../../schema/examples/acme-cloud.json', import.meta.url), 'utf8'));
  const seeded = (await workflow.liveDocument(db, DEMO_PARTNER)) === undefined;
  if (seeded) {
    const draft = await workflow.draft(DEMO_PARTNER);
    await workflow.saveDraft(DEMO_PARTNER, example, draft.revision, 'seed-demo');
    const submission = await workflow.submit(DEMO_PARTNER, 'seed-demo');
    await workflow.approve(submission.id, 'seed-demo');
  }
  const partner = await createToken(db, { role: 'partner', partnerId: DEMO_PARTNER, label: 'demo' });
  const reviewer = await createToken(db, { role: 'reviewer', label: 'demo' });
  return { partnerToken: partner.token, reviewerToken: reviewer.token, seeded };
}
