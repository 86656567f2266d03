/**
 * The outbox of notifications: an event is written in the same transaction as the transition
 * it reports, with one delivery row per live endpoint, so that a transition that commits is
 * always notified (at least once) and one that rolls back never is, whatever happens to the
 * process between the commit and the send.
 */
import type { Sql } from '../store/database.ts';

/** NOTIFY channel that wakes the delivery loop of every instance when an event is written. */
export const OUTBOX_CHANNEL = 'cobrand_outbox';

export const EVENT_TYPES = ['submission.created', 'submission.approved', 'submission.rejected', 'submission.overdue', 'version.live'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventData {
  submissionId?: string;
  versionId?: string;
  [field: string]: string | null | undefined;
}

/** The JSON every endpoint receives. */
export interface WebhookEvent {
  id: string;
  type: EventType;
  createdAt: string;
  partnerId: string;
  data: EventData;
}

/**
 * Writes the event and its deliveries within `tx`. Returns the event, or null when `once` is set
 * and the event was written before (`submission.overdue`, noticed by several instances).
 */
export async function enqueueEvent(tx: Sql, type: EventType, partnerId: string, data: EventData, { once = false } = {}): Promise<WebhookEvent | null> {
  const [row] = await tx.query<{ id: string; created_at: Date }>('SELECT gen_random_uuid() AS id, clock_timestamp() AS created_at');
  const event: WebhookEvent = { id: row!.id, type, createdAt: row!.created_at.toISOString(), partnerId, data: withoutUndefined(data) };
  const inserted = await tx.query(`INSERT INTO webhook_events (id, type, partner_id, submission_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)
    ${once ? "ON CONFLICT (submission_id) WHERE type = 'submission.overdue' DO NOTHING" : ''} RETURNING id`,
  [event.id, type, partnerId, data.submissionId ?? null, JSON.stringify(event), row!.created_at]);
  if (inserted.length === 0) return null;
  await tx.query('INSERT INTO webhook_deliveries (event_id, endpoint_id) SELECT $1, id FROM webhook_endpoints WHERE deleted_at IS NULL', [event.id]);
  await tx.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, event.id]);
  return event;
}

function withoutUndefined(data: EventData): EventData {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}
