/** Every live document of the store, read a page (one query) at a time, in partner order. */
import type { Database } from './store/database.ts';

export const LIVE_PAGE_SIZE = 1000;

export async function* liveDocumentPages(db: Database, pageSize = LIVE_PAGE_SIZE): AsyncGenerator<Map<string, unknown>> {
  let after = '';
  for (;;) {
    const rows = await db.query<{ partner_id: string; document: unknown }>(
      'SELECT l.partner_id, v.document FROM live l JOIN versions v ON v.id = l.version_id WHERE l.partner_id > $1 ORDER BY l.partner_id LIMIT $2', [after, pageSize]);
    if (rows.length === 0) return;
    yield new Map(rows.map((row) => [row.partner_id, row.document]));
    after = rows.at(-1)!.partner_id;
    if (rows.length < pageSize) return;
  }
}
