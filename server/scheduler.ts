/**
 * The background work of every service process, with no request needed to trigger it:
 * scheduled approvals go live when their time comes (a timer to the next due time, re-armed
 * when any instance makes or cancels a schedule, plus a periodic sweep as the safety net),
 * and submissions past their due date are noticed once (`submission.overdue`).
 *
 * Every instance runs one; the switch itself is guarded in the store (Workflow.goLiveDue), so
 * that two instances that wake together cannot both make a schedule live.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from './store/database.ts';
import { SCHEDULE_CHANNEL, type Schedule, type Workflow } from './workflow.ts';

export interface SchedulerOptions {
  /** How often to sweep for due schedules and overdue submissions regardless of timers. */
  sweepMs?: number;
  /** Called for each schedule this instance made live (to drop the public copy at once). */
  onLive?: (schedule: Schedule) => void;
}

export const DEFAULT_SWEEP_MS = 30_000;
/** A timer set to a time the store's clock has not quite reached yet tries again this soon. */
const EARLY_RETRY_MS = 100;
/** setTimeout's longest delay; a schedule further away is re-armed by the sweep. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;
  private stopped = false;
  private stopListening: (() => Promise<void>) | undefined;

  constructor(private readonly db: Database, private readonly workflow: Workflow, private readonly log: FastifyBaseLogger, private readonly options: SchedulerOptions = {}) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(SCHEDULE_CHANNEL, () => this.wake(), { onRestored: () => this.wake() });
    this.sweeper = setInterval(() => this.wake(), this.options.sweepMs ?? DEFAULT_SWEEP_MS);
    this.sweeper.unref();
    this.wake();
  }

  /** Runs a sweep now (or right after the one under way) and re-arms the timer. */
  wake(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = this.sweep().finally(() => {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.sweeper);
    await this.stopListening?.();
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      for (const schedule of await this.workflow.goLiveDue()) {
        this.log.info(`scheduled approval of submission ${schedule.submissionId} (partner ${schedule.partnerId}) is live`);
        this.options.onLive?.(schedule);
      }
      const overdue = await this.workflow.noticeOverdue();
      if (overdue) this.log.info(`${overdue} submission(s) passed their due date`);
      this.arm(await this.workflow.nextScheduleAt());
    } catch (error) {
      // The store may be restarting: the sweep interval tries again.
      if (!this.stopped) this.log.warn(`scheduler sweep failed: ${(error as Error).message}`);
    }
  }

  private arm(next: Date | null): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped || !next) return;
    const delay = next.getTime() - Date.now();
    this.timer = setTimeout(() => this.wake(), Math.min(MAX_TIMER_MS, Math.max(EARLY_RETRY_MS, delay)));
    this.timer.unref();
  }
}
