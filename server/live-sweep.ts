/**
 * The safety net behind NOTIFY: every `intervalMs`, one query for the partners whose live
 * version changed since the last sweep (`live.updated_at`, set by every approval, rollback
 * and scheduled go-live), and `onChanged` for each of those only. A change whose NOTIFY was
 * missed (the listening connection dropped) is served within one interval, and an
 * unchanged partner is never read again: the cache holds its copy until told otherwise.
 *
 * `updated_at` is the changing transaction's start, which may commit after a sweep has
 * looked; so each sweep looks `MARGIN_MS` further back than the last one began, and skips
 * rows it has already passed on. It never looks back before the start: LISTEN was already
 * up when the cache was filled, so what changed before is in it (and a bulk import just
 * before a start is not a wave of re-reads a minute after).
 */
import type { Database } from './store/database.ts';

export const MARGIN_MS = 60_000;
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

export class LiveSweep {
  private timer: NodeJS.Timeout | undefined;
  /** The store's clock at the start: no sweep looks further back. */
  private started = new Date(0);
  /** The store's clock when the last successful sweep began: what the next one looks back from. */
  private since = new Date(0);
  /** Rows passed on by the last sweep (partner → updated_at), not passed on twice. */
  private passed = new Map<string, number>();
  private running: Promise<number> | undefined;

  constructor(private readonly db: Database, private readonly onChanged: (partnerId: string) => void, private readonly intervalMs: number) {}

  /** Starts from the store's clock now: what is live before then is what the cache reads. */
  async start(): Promise<void> {
    this.started = this.since = await this.storeNow();
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.run().catch(() => { /* the store may be restarting: the next interval tries again */ }), this.intervalMs);
    this.timer.unref();
  }

  /** One sweep now (or the one under way); resolves to how many partners were passed on. */
  run(): Promise<number> {
    this.running ??= this.sweep().finally(() => { this.running = undefined; });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async sweep(): Promise<number> {
    const began = await this.storeNow();
    const since = new Date(Math.max(this.started.getTime(), this.since.getTime() - MARGIN_MS));
    const rows = await this.db.query<{ partner_id: string; updated_at: Date }>('SELECT partner_id, updated_at FROM live WHERE updated_at > $1', [since]);
    const passed = new Map(rows.map((row) => [row.partner_id, new Date(row.updated_at).getTime()]));
    let changed = 0;
    for (const [partnerId, updatedAt] of passed) {
      if (this.passed.get(partnerId) === updatedAt) continue;
      this.onChanged(partnerId);
      changed++;
    }
    this.passed = passed;
    this.since = began;
    return changed;
  }

  private async storeNow(): Promise<Date> {
    const [row] = await this.db.query<{ now: Date }>('SELECT now() AS now');
    return new Date(row!.now);
  }
}
