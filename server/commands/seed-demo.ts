/** The demo partner: the complete example approved and live, and fresh demo tokens to try the workflow with. */
import { readFileSync } from 'node:fs';
import { readImage, storeImage } from '../images.ts';
import { DEMO_EXAMPLE } from '../paths.ts';
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
  const example = JSON.parse(readFileSync(DEMO_EXAMPLE, 'utf8')) as DemoDocument;
  // The demo's logos are uploaded assets, so the demo needs no other host to look right; with
  // their size, as an upload in the editor gives it, so that the bar keeps their room.
  for (const [lang, name] of [['zh-CN', '艾克米云'], ['en-US', 'Acme Cloud']] as const) {
    const image = await readImage(logoSvg(name));
    Object.assign(example.brand.logos[lang], { src: await storeImage(db, image, DEMO_PARTNER), width: image.width, height: image.height });
  }
  const seeded = (await workflow.liveDocument(db, DEMO_PARTNER)) === undefined;
  if (seeded) {
    const draft = await workflow.draft(DEMO_PARTNER);
    await workflow.saveDraft(DEMO_PARTNER, example, draft.revision, 'seed-demo');
    const submission = await workflow.submit(DEMO_PARTNER, 'seed-demo');
    await workflow.approve(submission.id, 'seed-demo');
  }
  // Tokens are stored only as hashes, so each run makes new demo tokens and retires the old ones.
  await db.query("UPDATE tokens SET revoked_at = now() WHERE label = 'demo' AND revoked_at IS NULL");
  const partner = await createToken(db, { role: 'partner', partnerId: DEMO_PARTNER, label: 'demo' });
  const reviewer = await createToken(db, { role: 'reviewer', label: 'demo' });
  return { partnerToken: partner.token, reviewerToken: reviewer.token, seeded };
}

interface DemoDocument { brand: { logos: Record<'zh-CN' | 'en-US', { src: string; width?: number; height?: number }> } }

/** A wordmark: an orange tile with a white mark, and the name in white, for a dark bar. */
function logoSvg(name: string): Buffer {
  const width = 40 + name.length * (/[^\x00-\x7F]/.test(name) ? 18 : 10);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="28" viewBox="0 0 ${width} 28">`
    + '<rect x="0" y="2" width="24" height="24" rx="6" fill="#F5A623"/><path d="M6 21l6-14 6 14h-3l-3-7-3 7z" fill="#0B3D91"/>'
    + `<text x="32" y="20" font-family="system-ui, sans-serif" font-size="16" font-weight="700" fill="#FFFFFF">${name}</text></svg>`);
}
