/**
 * The review workflow, per partner: one draft → submit → approve | reject | withdraw, and
 * rollback to an earlier approved version. Every rule holds inside one transaction (row
 * locks, conditional updates, a unique index on pending), so concurrent callers cannot
 * break it, and every transition appends an audit event.
 */
import { ASSET_PATH } from '../schema/url.ts';
import { validateCustomization, type ValidationResult } from '../schema/validate.ts';
import { diffDocuments, introducedHosts, sameJson, type Change } from './diff.ts';
import { ApiError, notFound } from './errors.ts';
import { reopenComments } from './comments.ts';
import type { Database, Sql } from './store/database.ts';
import { enqueueEvent } from './webhooks/outbox.ts';
import { addWorkingDays, REVIEW_WORKING_DAYS } from './working-days.ts';

export const LIVE_CHANNEL = 'cobrand_live';
/** NOTIFY channel that tells the scheduler of every instance that a schedule was made or cancelled. */
export const SCHEDULE_CHANNEL = 'cobrand_schedule';
/** Who the audit trail names for what the service does by itself (a scheduled go-live, a superseded schedule). */
export const SYSTEM_ACTOR = 'system';

export type SubmissionStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface Draft {
  config: unknown;
  revision: number;
  validation: { valid: boolean; errors: Array<{ path: string; code: string; message: string; messages: Record<string, string> }> };
  updatedAt: Date | null;
}

export interface Submission {
  id: string;
  partnerId: string;
  status: SubmissionStatus;
  submittedAt: Date;
  submittedBy: string;
  dueAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  reason: string | null;
}

export interface AuditEvent {
  partnerId: string;
  submissionId: string | null;
  actor: string;
  action: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  /** For a scheduled approval: when it takes effect. */
  effectiveAt: Date | null;
  at: Date;
}

/** An approval that takes effect at `effectiveAt`; at most one is `scheduled` per partner. */
export interface Schedule {
  id: string;
  partnerId: string;
  submissionId: string;
  versionId: string;
  effectiveAt: Date;
  state: 'scheduled' | 'live' | 'cancelled';
  createdAt: Date;
  createdBy: string;
  endedAt: Date | null;
  endedBy: string | null;
}

export interface Version {
  id: string;
  submissionId: string;
  approvedAt: Date;
  approvedBy: string;
  live: boolean;
}

export interface DirectoryEntry {
  partnerId: string;
  liveVersionId: string | null;
  liveSince: Date | null;
  pendingId: string | null;
  pendingSubmittedAt: Date | null;
  pendingDueAt: Date | null;
  overdue: boolean;
  lastActivity: Date | null;
  /** When a scheduled approval takes effect, if one is pending. */
  scheduledAt: Date | null;
}

export interface PartnerStatus {
  pending: (Submission & { document: unknown; overdue: boolean }) | null;
  /** With its document: whether the draft changed since a rejection. */
  lastDecision: (Submission & { document: unknown }) | null;
  live: { versionId: string; approvedAt: Date; submittedAt: Date; since: Date; rolledBack: boolean; rollbackReason: string | null } | null;
  scheduled: Schedule | null;
  /** A scheduled go-live a reviewer cancelled, when nothing has been decided or made live since: the partner's change will not go live. */
  cancelledSchedule: { submissionId: string; effectiveAt: Date; cancelledAt: Date; reason: string | null } | null;
}

const SCHEDULE_COLUMNS = `id, partner_id AS "partnerId", submission_id AS "submissionId", version_id AS "versionId", effective_at AS "effectiveAt",
  state, created_at AS "createdAt", created_by AS "createdBy", ended_at AS "endedAt", ended_by AS "endedBy"`;
/** More work in a transition's transaction (server/comments.ts), after its audit event. */
export type Within = (tx: Sql, submission: Submission) => Promise<void>;

const SUBMISSION_COLUMNS = `id, partner_id AS "partnerId", status, submitted_at AS "submittedAt", submitted_by AS "submittedBy",
  due_at AS "dueAt", decided_at AS "decidedAt", decided_by AS "decidedBy", reason`;

/** What a submission's diff is against: what is live now (pending), or what was live when it was submitted (decided). */
export interface ComparedWith { what: 'live' | 'live-when-submitted'; document: unknown }

export class Workflow {
  constructor(private readonly db: Database, private readonly timeZone: string) {}

  /** The partner's draft; before the first save, what is live (or a minimal document) at revision 0. */
  async draft(partnerId: string): Promise<Draft> {
    const [row] = await this.db.query<{ document: unknown; revision: number; valid: boolean; errors: Draft['validation']['errors']; updated_at: Date }>(
      'SELECT document, revision, valid, errors, updated_at FROM drafts WHERE partner_id = $1', [partnerId]);
    if (row) return { config: row.document, revision: row.revision, validation: { valid: row.valid, errors: row.errors }, updatedAt: row.updated_at };
    const config = (await this.liveDocument(this.db, partnerId)) ?? { schemaVersion: 1, partnerId };
    return { config, revision: 0, validation: toValidation(validateCustomization(config, { partnerId })), updatedAt: null };
  }

  /** Whether `partnerId` is a partner: a token was made for it (revoked or not), or it has a draft, a submission or a version. */
  async partnerExists(partnerId: string): Promise<boolean> {
    const [row] = await this.db.query<{ exists: boolean }>(`SELECT EXISTS (SELECT 1 FROM tokens WHERE role = 'partner' AND partner_id = $1)
      OR EXISTS (SELECT 1 FROM drafts WHERE partner_id = $1) OR EXISTS (SELECT 1 FROM submissions WHERE partner_id = $1)
      OR EXISTS (SELECT 1 FROM versions WHERE partner_id = $1) AS exists`, [partnerId]);
    return row?.exists === true;
  }

  /** Saves the draft, valid or not, if `expectedRevision` is still current; 412 otherwise. */
  async saveDraft(partnerId: string, config: unknown, expectedRevision: number, actor: string, now = new Date()): Promise<Draft> {
    const validation = toValidation(validateCustomization(config, { partnerId, now }));
    const params = [partnerId, JSON.stringify(config), validation.valid, JSON.stringify(validation.errors), actor];
    const [row] = expectedRevision === 0
      ? await this.db.query<{ revision: number; updated_at: Date }>(`INSERT INTO drafts (partner_id, document, revision, valid, errors, updated_by)
          VALUES ($1, $2, 1, $3, $4, $5) ON CONFLICT (partner_id) DO NOTHING RETURNING revision, updated_at`, params)
      : await this.db.query<{ revision: number; updated_at: Date }>(`UPDATE drafts SET document = $2, valid = $3, errors = $4, updated_by = $5,
          revision = revision + 1, updated_at = now() WHERE partner_id = $1 AND revision = $6 RETURNING revision, updated_at`, [...params, expectedRevision]);
    if (!row) {
      const current = (await this.draft(partnerId)).revision;
      throw new ApiError(412, 'revision_conflict', `The draft changed since revision ${expectedRevision}: it is at revision ${current}. Reload it, then apply your change again.`, { revision: current });
    }
    return { config, revision: row.revision, validation, updatedAt: row.updated_at };
  }

  /**
   * Submits the draft; with `expectedRevision`, only if the draft is still at that revision (412
   * otherwise): what the partner saw is what is submitted. `within` does more in the same
   * transaction (server/comments.ts: resolving comments).
   */
  async submit(partnerId: string, actor: string, { now = new Date(), within, expectedRevision }: { now?: Date; within?: Within; expectedRevision?: number } = {}): Promise<Submission> {
    try {
      return await this.db.transaction(async (tx) => {
        const [draft] = await tx.query<{ document: unknown; revision: number }>('SELECT document, revision FROM drafts WHERE partner_id = $1 FOR UPDATE', [partnerId]);
        if (!draft) throw new ApiError(409, 'no_draft', 'There is no draft to submit: save one first.');
        if (expectedRevision !== undefined && draft.revision !== expectedRevision) {
          throw new ApiError(412, 'revision_conflict', `The draft changed since revision ${expectedRevision}: it is at revision ${draft.revision}. Reload it to see what would be submitted, then submit again.`, { revision: draft.revision });
        }
        const validation = toValidation(validateCustomization(draft.document, { partnerId, now }));
        const errors = validation.valid ? await assetProblems(tx, draft.document) : validation.errors.map(({ path, code, message }) => ({ path, code, message }));
        if (errors.length) throw new ApiError(422, 'invalid_draft', 'The draft has errors: fix them, then submit.', { errors });
        if (await this.pendingId(tx, partnerId)) throw new ApiError(409, 'pending_exists', 'A submission is already waiting for review: withdraw it, or wait for the decision.');
        if (sameJson(draft.document, await this.liveDocument(tx, partnerId))) throw new ApiError(409, 'no_change', 'The draft is the same as what is live: change something first.');
        const dueAt = addWorkingDays(now, REVIEW_WORKING_DAYS, this.timeZone);
        const [submission] = await tx.query<Submission>(`INSERT INTO submissions (partner_id, document, draft_revision, status, submitted_at, submitted_by, due_at)
          VALUES ($1, $2, $3, 'pending', $4, $5, $6) RETURNING ${SUBMISSION_COLUMNS}`, [partnerId, JSON.stringify(draft.document), draft.revision, now, actor, dueAt]);
        await audit(tx, { partnerId, submissionId: submission!.id, actor, action: 'submit', from: 'draft', to: 'pending' });
        await enqueueEvent(tx, 'submission.created', partnerId, { submissionId: submission!.id, dueAt: dueAt.toISOString() });
        await within?.(tx, submission!);
        return submission!;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(409, 'pending_exists', 'A submission is already waiting for review: withdraw it, or wait for the decision.');
      throw error;
    }
  }

  withdraw(partnerId: string, submissionId: string, actor: string): Promise<Submission> {
    return this.decide(submissionId, 'withdrawn', actor, null, { partnerId });
  }

  reject(submissionId: string, actor: string, reason: string, within?: Within): Promise<Submission> {
    return this.decide(submissionId, 'rejected', actor, reason, { within });
  }

  /**
   * Makes the submission the partner's effective version, atomically; of two concurrent approvals one gets 409.
   * With `effectiveAt`, the version is made now and becomes live at that time (the scheduler does it).
   * Either way a pending schedule of the partner is cancelled: the newest approval wins.
   */
  approve(submissionId: string, actor: string, { effectiveAt, within }: { effectiveAt?: Date; within?: Within } = {}): Promise<Submission & { schedule: Schedule | null }> {
    return this.decide(submissionId, 'approved', actor, null, { effectiveAt, within }) as Promise<Submission & { schedule: Schedule | null }>;
  }

  /** Moves a pending submission to `status`; 409 when it is no longer pending. */
  private decide(submissionId: string, status: Exclude<SubmissionStatus, 'pending'>, actor: string, reason: string | null,
    { partnerId, effectiveAt, within }: { partnerId?: string; effectiveAt?: Date; within?: Within } = {}): Promise<Submission & { schedule?: Schedule | null }> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.query<{ partner_id: string; status: SubmissionStatus }>('SELECT partner_id, status FROM submissions WHERE id = $1 FOR UPDATE', [submissionId]);
      if (!current || (partnerId !== undefined && current.partner_id !== partnerId)) throw notFound('The submission');
      if (current.status !== 'pending') throw new ApiError(409, 'not_pending', `The submission is already ${current.status}.`, { status: current.status });
      const [submission] = await tx.query<Submission & { document: unknown }>(`UPDATE submissions SET status = $2, decided_at = now(), decided_by = $3, reason = $4
        WHERE id = $1 AND status = 'pending' RETURNING ${SUBMISSION_COLUMNS}, document`, [submissionId, status, actor, reason]);
      if (!submission) throw new ApiError(409, 'not_pending', 'The submission was decided meanwhile.');
      const { document, ...rest } = submission;
      if (status !== 'approved') {
        await audit(tx, { partnerId: submission.partnerId, submissionId, actor, action: status === 'rejected' ? 'reject' : 'withdraw', from: 'pending', to: status, reason });
        if (status === 'rejected') await enqueueEvent(tx, 'submission.rejected', submission.partnerId, { submissionId, reason });
        else await reopenComments(tx, submissionId);
        await within?.(tx, rest);
        return rest;
      }
      const [version] = await tx.query<{ id: string }>('INSERT INTO versions (partner_id, submission_id, document, approved_by) VALUES ($1, $2, $3, $4) RETURNING id',
        [submission.partnerId, submissionId, JSON.stringify(document), actor]);
      const versionId = version!.id;
      await supersedeSchedule(tx, submission.partnerId, effectiveAt ? 'a later scheduled approval' : 'a later approval');
      if (!effectiveAt) {
        await setLive(tx, submission.partnerId, versionId);
        await audit(tx, { partnerId: submission.partnerId, submissionId, actor, action: 'approve', from: 'pending', to: status });
        await enqueueEvent(tx, 'submission.approved', submission.partnerId, { submissionId, versionId });
        await enqueueEvent(tx, 'version.live', submission.partnerId, { versionId, submissionId, cause: 'approval' });
        await within?.(tx, rest);
        return { ...rest, schedule: null };
      }
      const [schedule] = await tx.query<Schedule>(`INSERT INTO schedules (partner_id, submission_id, version_id, effective_at, state, created_by)
        VALUES ($1, $2, $3, $4, 'scheduled', $5) RETURNING ${SCHEDULE_COLUMNS}`, [submission.partnerId, submissionId, versionId, effectiveAt, actor]);
      await audit(tx, { partnerId: submission.partnerId, submissionId, actor, action: 'schedule', from: 'pending', to: 'scheduled', effectiveAt });
      await enqueueEvent(tx, 'submission.approved', submission.partnerId, { submissionId, versionId, effectiveAt: effectiveAt.toISOString() });
      await tx.query('SELECT pg_notify($1, $2)', [SCHEDULE_CHANNEL, submission.partnerId]);
      await within?.(tx, rest);
      return { ...rest, schedule: schedule! };
    });
  }

  /** Cancels a pending schedule: its version stays approved (a rollback can still make it live), but it does not go live. */
  cancelSchedule(scheduleId: string, actor: string, reason: string | null): Promise<Schedule> {
    return this.db.transaction(async (tx) => {
      const [current] = isUuid(scheduleId) ? await tx.query<Schedule>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE id = $1 FOR UPDATE`, [scheduleId]) : [];
      if (!current) throw notFound('The schedule');
      if (current.state !== 'scheduled') throw await notScheduled(tx, current);
      const [schedule] = await tx.query<Schedule>(`UPDATE schedules SET state = 'cancelled', ended_at = now(), ended_by = $2
        WHERE id = $1 AND state = 'scheduled' RETURNING ${SCHEDULE_COLUMNS}`, [scheduleId, actor]);
      await audit(tx, { partnerId: current.partnerId, submissionId: current.submissionId, actor, action: 'cancel-schedule', from: 'scheduled', to: 'cancelled', reason, effectiveAt: current.effectiveAt });
      await tx.query('SELECT pg_notify($1, $2)', [SCHEDULE_CHANNEL, current.partnerId]);
      return schedule!;
    });
  }

  /**
   * Makes every schedule that is due live, in one transaction. The conditional UPDATE is the guard:
   * of several instances that run this at once, each schedule is switched by exactly one (the
   * others' UPDATE waits for its row, then finds it no longer `scheduled`).
   */
  goLiveDue(): Promise<Schedule[]> {
    return this.db.transaction(async (tx) => {
      const due = await tx.query<Schedule>(`UPDATE schedules SET state = 'live', ended_at = now(), ended_by = $1
        WHERE state = 'scheduled' AND effective_at <= now() RETURNING ${SCHEDULE_COLUMNS}`, [SYSTEM_ACTOR]);
      for (const schedule of due) {
        await setLive(tx, schedule.partnerId, schedule.versionId);
        await audit(tx, { partnerId: schedule.partnerId, submissionId: schedule.submissionId, actor: SYSTEM_ACTOR, action: 'go-live', from: 'scheduled', to: 'live', effectiveAt: schedule.effectiveAt });
        await enqueueEvent(tx, 'version.live', schedule.partnerId, { versionId: schedule.versionId, submissionId: schedule.submissionId, cause: 'schedule' });
      }
      return due;
    });
  }

  /** When the next pending schedule is due, or null. */
  async nextScheduleAt(): Promise<Date | null> {
    const [row] = await this.db.query<{ next: Date | null }>("SELECT min(effective_at) AS next FROM schedules WHERE state = 'scheduled'");
    return row?.next ?? null;
  }

  /** Writes `submission.overdue` for every pending submission past its due date, once per submission; returns how many were new. */
  noticeOverdue(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const overdue = await tx.query<{ id: string; partner_id: string; due_at: Date }>(`SELECT id, partner_id, due_at FROM submissions s WHERE status = 'pending' AND due_at <= now()
        AND NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.type = 'submission.overdue' AND e.submission_id = s.id) ORDER BY due_at LIMIT 100`);
      let written = 0;
      for (const row of overdue) {
        if (await enqueueEvent(tx, 'submission.overdue', row.partner_id, { submissionId: row.id, dueAt: row.due_at.toISOString() }, { once: true })) written++;
      }
      return written;
    });
  }

  /** Pending schedules, soonest first. */
  async pendingSchedules(): Promise<Schedule[]> {
    return this.db.query<Schedule>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE state = 'scheduled' ORDER BY effective_at, id`);
  }

  async scheduleOf(filter: { partnerId: string } | { submissionId: string }): Promise<Schedule | null> {
    const [row] = 'partnerId' in filter
      ? await this.db.query<Schedule>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE partner_id = $1 AND state = 'scheduled'`, [filter.partnerId])
      : await this.db.query<Schedule>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE submission_id = $1`, [filter.submissionId]);
    return row ?? null;
  }

  /** Makes an earlier approved version the effective one again; a pending scheduled go-live is cancelled, and said. */
  rollback(partnerId: string, versionId: string, actor: string, reason: string): Promise<Version & { cancelledSchedule: CancelledSchedule | null }> {
    return this.db.transaction(async (tx) => {
      const [version] = await tx.query<{ id: string }>('SELECT id FROM versions WHERE id = $1 AND partner_id = $2', [versionId, partnerId]);
      if (!version) throw notFound(`Version ${versionId} of partner ${partnerId}`);
      // Schedules before live, in the order every transition (and the scheduler's go-live) locks them.
      const cancelledSchedule = await supersedeSchedule(tx, partnerId, 'a rollback');
      const [live] = await tx.query<{ version_id: string }>('SELECT version_id FROM live WHERE partner_id = $1 FOR UPDATE', [partnerId]);
      if (live?.version_id === versionId) throw new ApiError(409, 'already_live', 'That version is already live.');
      await setLive(tx, partnerId, versionId);
      await audit(tx, { partnerId, submissionId: null, actor, action: 'rollback', from: live?.version_id ?? null, to: versionId, reason });
      await enqueueEvent(tx, 'version.live', partnerId, { versionId, cause: 'rollback' });
      return { ...(await this.versions(tx, partnerId)).find((candidate) => candidate.id === versionId)!, cancelledSchedule };
    });
  }

  async submissions(partnerId: string): Promise<Submission[]> {
    return this.db.query<Submission>(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE partner_id = $1 ORDER BY submitted_at DESC, id`, [partnerId]);
  }

  async submission(submissionId: string): Promise<(Submission & { document: unknown }) | undefined> {
    if (!isUuid(submissionId)) return undefined;
    const [row] = await this.db.query<Submission & { document: unknown }>(`SELECT ${SUBMISSION_COLUMNS}, document FROM submissions WHERE id = $1`, [submissionId]);
    return row;
  }

  /**
   * A submission for review: its snapshot, what is live beside it, the diff and the hosts it
   * introduces. A pending one is compared with what is live now, which its approval would
   * replace; a decided one with what was live when it was submitted, so that what the decision
   * was about stays readable after it (once approved, it is itself what is live now).
   */
  async review(submissionId: string): Promise<{ submission: Submission; document: unknown; live: unknown; comparedWith: ComparedWith; diff: Change[]; introducedHosts: string[]; history: AuditEvent[]; schedule: Schedule | null }> {
    const row = await this.submission(submissionId);
    if (!row) throw notFound('The submission');
    const { document, ...submission } = row;
    const live = await this.liveDocument(this.db, submission.partnerId);
    const comparedWith: ComparedWith = submission.status === 'pending'
      ? { what: 'live', document: live ?? null }
      : { what: 'live-when-submitted', document: (await this.liveWhenSubmitted(submissionId)) ?? null };
    const base = comparedWith.document;
    return { submission, document, live, comparedWith, diff: diffDocuments(base ?? {}, document), introducedHosts: introducedHosts(base, document),
      history: await this.history({ submissionId }), schedule: await this.scheduleOf({ submissionId }) };
  }

  /**
   * What was live when the submission was made: the version the last approval, go-live or
   * rollback before its submit event (in the audit trail's order) made live.
   */
  private async liveWhenSubmitted(submissionId: string): Promise<unknown> {
    const [row] = await this.db.query<{ document: unknown }>(`SELECT v.document FROM audit_events a
      JOIN versions v ON v.partner_id = a.partner_id
        AND CASE a.action WHEN 'rollback' THEN v.id::text = a.to_status ELSE v.submission_id = a.submission_id END
      WHERE a.partner_id = (SELECT partner_id FROM submissions WHERE id = $1) AND a.action IN ('approve', 'go-live', 'rollback')
        AND a.id < (SELECT min(id) FROM audit_events WHERE submission_id = $1 AND action = 'submit')
      ORDER BY a.id DESC LIMIT 1`, [submissionId]);
    return row?.document;
  }

  /** Pending submissions by due date; `after` is the cursor of the last one seen. */
  async queue(limit: number, after?: { dueAt: Date; id: string }, now = new Date()): Promise<Array<Submission & { overdue: boolean }>> {
    const rows = after
      ? await this.db.query<Submission>(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE status = 'pending' AND (due_at, id) > ($1, $2)
          ORDER BY due_at, id LIMIT $3`, [after.dueAt, after.id, limit])
      : await this.db.query<Submission>(`SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE status = 'pending' ORDER BY due_at, id LIMIT $1`, [limit]);
    return rows.map((row) => ({ ...row, overdue: row.dueAt.getTime() < now.getTime() }));
  }

  async versions(sql: Sql, partnerId: string): Promise<Version[]> {
    return sql.query<Version>(`SELECT v.id, v.submission_id AS "submissionId", v.approved_at AS "approvedAt", v.approved_by AS "approvedBy",
        (l.version_id IS NOT NULL) AS live
      FROM versions v LEFT JOIN live l ON l.version_id = v.id WHERE v.partner_id = $1 ORDER BY v.approved_at DESC, v.id`, [partnerId]);
  }

  async history(filter: { partnerId: string } | { submissionId: string }): Promise<AuditEvent[]> {
    const [column, value] = 'partnerId' in filter ? ['partner_id', filter.partnerId] : ['submission_id', filter.submissionId];
    return this.db.query<AuditEvent>(`SELECT partner_id AS "partnerId", submission_id AS "submissionId", actor, action, from_status AS "from",
      to_status AS "to", reason, effective_at AS "effectiveAt", at FROM audit_events WHERE ${column} = $1 ORDER BY id`, [value]);
  }

  /**
   * A page of the partners the service knows (a draft, a submission or a version), by id after
   * `after`, those whose id contains `query`: what is live, what is pending and the last
   * activity. Each table gives its first ids from its partner index, so a page costs the same
   * with 100 partners as with 100,000.
   */
  async directory(page: { query: string; after: string; limit: number }, now = new Date()): Promise<DirectoryEntry[]> {
    const firstIds = (table: string) => `(SELECT DISTINCT partner_id FROM ${table} WHERE partner_id > $1 AND strpos(partner_id, $2) > 0 ORDER BY partner_id LIMIT $3)`;
    const rows = await this.db.query<{ partnerId: string }>(`SELECT partner_id AS "partnerId" FROM (${['drafts', 'submissions', 'versions'].map(firstIds).join(' UNION ')}) AS known
      ORDER BY partner_id LIMIT $3`, [page.after, page.query, page.limit]);
    return this.directoryEntries(rows.map((row) => row.partnerId), now);
  }

  /** One partner as the directory lists it; undefined when the service knows nothing of it. */
  async directoryEntry(partnerId: string, now = new Date()): Promise<DirectoryEntry | undefined> {
    const [entry] = await this.directoryEntries([partnerId], now);
    return entry;
  }

  private async directoryEntries(partnerIds: string[], now: Date): Promise<DirectoryEntry[]> {
    const rows = await this.db.query<Omit<DirectoryEntry, 'overdue'>>(`
      WITH partners AS (SELECT partner_id FROM drafts WHERE partner_id = ANY($1) UNION SELECT partner_id FROM submissions WHERE partner_id = ANY($1)
        UNION SELECT partner_id FROM versions WHERE partner_id = ANY($1))
      SELECT p.partner_id AS "partnerId",
        l.version_id AS "liveVersionId", l.updated_at AS "liveSince",
        s.id AS "pendingId", s.submitted_at AS "pendingSubmittedAt", s.due_at AS "pendingDueAt",
        (SELECT max(at) FROM audit_events a WHERE a.partner_id = p.partner_id) AS "lastActivity",
        sc.effective_at AS "scheduledAt"
      FROM partners p
      LEFT JOIN schedules sc ON sc.partner_id = p.partner_id AND sc.state = 'scheduled'
      LEFT JOIN live l ON l.partner_id = p.partner_id
      LEFT JOIN submissions s ON s.partner_id = p.partner_id AND s.status = 'pending'
      ORDER BY p.partner_id`, [partnerIds]);
    return rows.map((row) => ({ ...row, overdue: row.pendingDueAt !== null && row.pendingDueAt.getTime() < now.getTime() }));
  }

  /** One approved version with what is live now and the diff from live to it: what a rollback would change. */
  async versionPreview(partnerId: string, versionId: string): Promise<{ version: Version; document: unknown; live: unknown; diff: Change[]; introducedHosts: string[] }> {
    const version = isUuid(versionId) ? (await this.versions(this.db, partnerId)).find((candidate) => candidate.id === versionId) : undefined;
    if (!version) throw notFound(`Version ${versionId} of partner ${partnerId}`);
    const [row] = await this.db.query<{ document: unknown }>('SELECT document FROM versions WHERE id = $1', [versionId]);
    const live = await this.liveDocument(this.db, partnerId);
    return { version, document: row!.document, live, diff: diffDocuments(live ?? {}, row!.document), introducedHosts: introducedHosts(live, row!.document) };
  }

  /** Where the partner stands: what is pending (with its snapshot), the latest decision, what is live and whether a rollback put it there. */
  async partnerStatus(partnerId: string, now = new Date()): Promise<PartnerStatus> {
    const [pending] = await this.db.query<Submission & { document: unknown }>(`SELECT ${SUBMISSION_COLUMNS}, document FROM submissions WHERE partner_id = $1 AND status = 'pending'`, [partnerId]);
    const [decided] = await this.db.query<Submission & { document: unknown }>(`SELECT ${SUBMISSION_COLUMNS}, document FROM submissions WHERE partner_id = $1 AND status <> 'pending'
      ORDER BY decided_at DESC NULLS LAST, submitted_at DESC LIMIT 1`, [partnerId]);
    const [live] = await this.db.query<{ versionId: string; approvedAt: Date; submittedAt: Date; since: Date }>(`SELECT l.version_id AS "versionId", v.approved_at AS "approvedAt",
        s.submitted_at AS "submittedAt", l.updated_at AS since
      FROM live l JOIN versions v ON v.id = l.version_id JOIN submissions s ON s.id = v.submission_id WHERE l.partner_id = $1`, [partnerId]);
    const [lastLiveChange] = await this.db.query<{ action: string; at: Date; reason: string | null }>(`SELECT action, at, reason FROM audit_events
      WHERE partner_id = $1 AND action IN ('approve', 'rollback', 'go-live') ORDER BY id DESC LIMIT 1`, [partnerId]);
    return {
      pending: pending ? { ...pending, overdue: pending.dueAt.getTime() < now.getTime() } : null,
      lastDecision: decided ?? null,
      live: live ? { ...live, rolledBack: lastLiveChange?.action === 'rollback', rollbackReason: lastLiveChange?.action === 'rollback' ? lastLiveChange.reason : null } : null,
      scheduled: await this.scheduleOf({ partnerId }),
      cancelledSchedule: await this.cancelledSchedule(partnerId, [live?.since, decided?.decidedAt, pending?.submittedAt]),
    };
  }

  /** The partner's latest cancelled go-live, unless something happened since (`since`: a live change, a decision, a submission). */
  private async cancelledSchedule(partnerId: string, since: Array<Date | null | undefined>): Promise<PartnerStatus['cancelledSchedule']> {
    const [row] = await this.db.query<NonNullable<PartnerStatus['cancelledSchedule']>>(`SELECT s.submission_id AS "submissionId", s.effective_at AS "effectiveAt",
        s.ended_at AS "cancelledAt", a.reason
      FROM schedules s LEFT JOIN audit_events a ON a.submission_id = s.submission_id AND a.action = 'cancel-schedule'
      WHERE s.partner_id = $1 AND s.state = 'cancelled' ORDER BY s.ended_at DESC, a.id DESC LIMIT 1`, [partnerId]);
    // A superseding decision or rollback ends the schedule in its own transaction, at the same moment: not news.
    return row && since.every((moment) => !moment || moment.getTime() < row.cancelledAt.getTime()) ? row : null;
  }

  /** The approved document that is live for the partner, or undefined. */
  async liveDocument(sql: Sql, partnerId: string): Promise<unknown> {
    const [row] = await sql.query<{ document: unknown }>('SELECT v.document FROM live l JOIN versions v ON v.id = l.version_id WHERE l.partner_id = $1', [partnerId]);
    return row?.document;
  }

  private async pendingId(tx: Sql, partnerId: string): Promise<string | undefined> {
    const [row] = await tx.query<{ id: string }>("SELECT id FROM submissions WHERE partner_id = $1 AND status = 'pending'", [partnerId]);
    return row?.id;
  }
}

async function setLive(tx: Sql, partnerId: string, versionId: string): Promise<void> {
  await tx.query(`INSERT INTO live (partner_id, version_id) VALUES ($1, $2)
    ON CONFLICT (partner_id) DO UPDATE SET version_id = EXCLUDED.version_id, updated_at = now()`, [partnerId, versionId]);
  // Delivered on commit to every instance listening, which then drops its cached copy.
  await tx.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, partnerId]);
}

async function audit(tx: Sql, event: Omit<AuditEvent, 'at' | 'reason' | 'effectiveAt'> & { reason?: string | null; effectiveAt?: Date }): Promise<void> {
  await tx.query('INSERT INTO audit_events (partner_id, submission_id, actor, action, from_status, to_status, reason, effective_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [event.partnerId, event.submissionId, event.actor, event.action, event.from, event.to, event.reason ?? null, event.effectiveAt ?? null]);
}

/** Cancels the partner's pending schedule, if any, because `by` changes what is live (the newest decision wins). */
async function supersedeSchedule(tx: Sql, partnerId: string, by: string): Promise<CancelledSchedule | null> {
  const [cancelled] = await tx.query<CancelledSchedule>(`UPDATE schedules SET state = 'cancelled', ended_at = now(), ended_by = $2
    WHERE partner_id = $1 AND state = 'scheduled' RETURNING submission_id AS "submissionId", effective_at AS "effectiveAt"`, [partnerId, SYSTEM_ACTOR]);
  if (!cancelled) return null;
  await audit(tx, { partnerId, submissionId: cancelled.submissionId, actor: SYSTEM_ACTOR, action: 'cancel-schedule', from: 'scheduled', to: 'cancelled', reason: `Superseded by ${by}.`, effectiveAt: cancelled.effectiveAt });
  await tx.query('SELECT pg_notify($1, $2)', [SCHEDULE_CHANNEL, partnerId]);
  return cancelled;
}

/** 409 for a schedule no longer pending: when it went live or was cancelled, by whom and why, for a reviewer whose screen was behind. */
async function notScheduled(tx: Sql, schedule: Schedule): Promise<ApiError> {
  const [ended] = await tx.query<{ reason: string | null }>(`SELECT reason FROM audit_events WHERE submission_id = $1 AND action = $2 ORDER BY id DESC LIMIT 1`,
    [schedule.submissionId, schedule.state === 'cancelled' ? 'cancel-schedule' : 'go-live']);
  const reason = ended?.reason ?? null;
  const by = schedule.endedBy === SYSTEM_ACTOR ? 'the service' : schedule.endedBy ?? 'the service';
  const when = schedule.endedAt ? `: on ${schedule.endedAt.toISOString()} by ${by}${reason ? ` (${reason})` : ''}` : '';
  return new ApiError(409, 'not_scheduled', `The schedule is already ${schedule.state}${when}.`, { state: schedule.state, endedAt: schedule.endedAt, endedBy: schedule.endedBy, reason });
}

/** A scheduled go-live a newer decision cancelled (one per partner can be pending). */
export interface CancelledSchedule {
  submissionId: string;
  effectiveAt: Date;
}

function toValidation(result: ValidationResult): Draft['validation'] {
  return { valid: result.valid, errors: result.errors.map(({ path, code, message, messages }) => ({ path, code, message, messages })) };
}

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === '23505';

export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/**
 * What is wrong with the uploaded logos a document names: one the store does not have (never
 * uploaded, or removed) shows broken on every landing; a stated size that is not the image's
 * own gives the bar the wrong room, and it moves when the image arrives.
 */
async function assetProblems(tx: Sql, document: unknown): Promise<Array<{ path: string; code: string; message: string }>> {
  const logos = (document as { brand?: { logos?: Record<string, { src?: unknown; width?: unknown; height?: unknown }> } }).brand?.logos ?? {};
  const named = Object.entries(logos).flatMap(([lang, logo]) => (typeof logo.src === 'string' && ASSET_PATH.test(logo.src) ? [{ lang, logo, sha256: logo.src.slice('/assets/'.length) }] : []));
  if (named.length === 0) return [];
  const rows = await tx.query<{ sha256: string; width: number; height: number }>('SELECT sha256, width, height FROM assets WHERE sha256 = ANY($1::text[])', [named.map(({ sha256 }) => sha256)]);
  const stored = new Map(rows.map((row) => [row.sha256, row]));
  return named.flatMap(({ lang, logo, sha256 }) => {
    const asset = stored.get(sha256);
    if (!asset) return [{ path: `/brand/logos/${lang}/src`, code: 'asset.missing', message: 'This image is not among the uploaded images (it was never uploaded here, or was removed): upload it again.' }];
    if (logo.width === undefined || (logo.width === asset.width && logo.height === asset.height)) return [];
    return [{ path: `/brand/logos/${lang}/width`, code: 'asset.size-mismatch', message: `This image is ${asset.width}×${asset.height} pixels: set width ${asset.width} and height ${asset.height}, or remove both.` }];
  });
}
