/**
 * The delivery loop: sends the outbox's deliveries, signed, with a timeout, retrying failures
 * with exponential backoff and jitter until `maxAttempts`, then marks them failed. At least
 * once: a row is marked delivered only after a 2xx answer, so a process killed mid-send leaves
 * it to be sent again (receivers de-duplicate by the event id).
 *
 * Several instances share the work by claiming rows: a claim sets a lease (`lease_until`) with
 * a token of its own (FOR UPDATE SKIP LOCKED, so two instances never claim the same row); when
 * a sender dies, its lease expires and another instance claims the row again.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../store/database.ts';
import { OUTBOX_CHANNEL } from './outbox.ts';
import { SIGNATURE_HEADER, sign } from './signature.ts';

export interface DeliverySettings {
  /** The longest an endpoint may take to answer, in ms. */
  timeoutMs: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts: number;
  /** The first retry's delay, in ms; it doubles with every attempt (with ±25 % jitter), up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How often to look for due deliveries besides the wake-ups on NOTIFY. */
  pollMs: number;
  /** Deliveries claimed at once. */
  batchSize: number;
}

export const DEFAULT_DELIVERY: DeliverySettings = { timeoutMs: 10_000, maxAttempts: 8, backoffMs: 30_000, maxBackoffMs: 3_600_000, pollMs: 5_000, batchSize: 10 };

/** The longest a claimed delivery stays claimed: the send's timeout and a margin for the store. */
export const leaseMs = (settings: DeliverySettings): number => settings.timeoutMs + 5_000;

/** Delay before attempt `attempts + 1`, after `attempts` failures. */
export function backoffDelay(attempts: number, settings: Pick<DeliverySettings, 'backoffMs' | 'maxBackoffMs'>, random = Math.random()): number {
  return Math.round(Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** Math.max(0, attempts - 1)) * (0.75 + random * 0.5));
}

interface Claimed {
  id: string;
  lease_token: string;
  attempts: number;
  url: string;
  secret: string;
  event_id: string;
  type: string;
  body: string;
}

export class DeliveryLoop {
  private poller: NodeJS.Timeout | undefined;
  private busy = false;
  private again = false;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<AbortController>();
  private stopListening: (() => Promise<void>) | undefined;

  constructor(private readonly db: Database, private readonly log: FastifyBaseLogger, private readonly settings: DeliverySettings = DEFAULT_DELIVERY) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(OUTBOX_CHANNEL, () => this.wake(), { onRestored: () => this.wake() });
    this.poller = setInterval(() => this.wake(), this.settings.pollMs);
    this.poller.unref();
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = this.drain().finally(() => {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops claiming; sends under way are aborted (their rows are retried after the lease, here or elsewhere). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    for (const controller of this.inFlight) controller.abort();
    await this.stopListening?.();
    await this.running;
  }

  /** Claims and sends until nothing is due. */
  private async drain(): Promise<void> {
    try {
      while (!this.stopped) {
        const claimed = await this.claim();
        if (claimed.length === 0) return;
        await Promise.all(claimed.map((row) => this.send(row)));
      }
    } catch (error) {
      if (!this.stopped) this.log.warn(`webhook delivery failed to reach the store: ${(error as Error).message}`);
    }
  }

  private claim(): Promise<Claimed[]> {
    return this.db.transaction((tx) => tx.query<Claimed>(`
      WITH due AS (
        SELECT d.id FROM webhook_deliveries d
        WHERE d.state = 'pending' AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
        ORDER BY d.next_attempt_at, d.id LIMIT $1 FOR UPDATE SKIP LOCKED)
      UPDATE webhook_deliveries d SET lease_until = now() + $2::double precision * interval '1 millisecond', lease_token = $3,
        attempts = d.attempts + 1, last_attempt_at = now()
      FROM due, webhook_endpoints e, webhook_events ev
      WHERE d.id = due.id AND e.id = d.endpoint_id AND ev.id = d.event_id
      RETURNING d.id, d.lease_token, d.attempts, e.url, e.secret, ev.id AS event_id, ev.type, ev.body`,
    [this.settings.batchSize, leaseMs(this.settings), randomUUID()]));
  }

  private async send(row: Claimed): Promise<void> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(new Error(`no answer within ${this.settings.timeoutMs} ms`)), this.settings.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(row.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Cobrand-Webhooks/1', 'cobrand-event-id': row.event_id, 'cobrand-event-type': row.type, [SIGNATURE_HEADER]: sign(row.secret, row.body) },
        body: row.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) error = `answered ${status}`;
    } catch (cause) {
      error = controller.signal.aborted ? String((controller.signal.reason as Error | undefined)?.message ?? 'aborted') : describe(cause);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (this.stopped && error) return; // aborted by stop(): left to the lease, not counted as the endpoint's failure
    await this.record(row, status, error).catch((cause: Error) => this.log.warn(`could not record webhook delivery ${row.id}: ${cause.message}`));
  }

  /** Records the outcome, if the claim is still ours (a lease that expired may have been claimed again). */
  private async record(row: Claimed, status: number | null, error: string | null): Promise<void> {
    if (!error) {
      await this.db.query(`UPDATE webhook_deliveries SET state = 'delivered', delivered_at = now(), last_status = $3, last_error = NULL, lease_until = NULL
        WHERE id = $1 AND lease_token = $2`, [row.id, row.lease_token, status]);
      return;
    }
    const giveUp = row.attempts >= this.settings.maxAttempts;
    await this.db.query(`UPDATE webhook_deliveries SET state = $3, last_status = $4, last_error = $5, lease_until = NULL,
        next_attempt_at = now() + $6::double precision * interval '1 millisecond' WHERE id = $1 AND lease_token = $2 AND state = 'pending'`,
    [row.id, row.lease_token, giveUp ? 'failed' : 'pending', status, error.slice(0, 500), giveUp ? 0 : backoffDelay(row.attempts, this.settings)]);
    this.log.warn(`webhook ${row.type} (event ${row.event_id}) to ${new URL(row.url).origin}: ${error}; ${giveUp ? `gave up after ${row.attempts} attempts` : `attempt ${row.attempts} of ${this.settings.maxAttempts}, retried later`}`);
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
