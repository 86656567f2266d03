/** The preview app's client for the review service, on the page's own origin. */
import { localizedMessage, offlineMessage } from './api-messages.ts';
import { LangController } from './i18n.ts';

export interface ApiErrorBody {
  code: string;
  message: string;
  errors?: Array<{ path: string; message: string; code?: string }>;
  revision?: number;
  /** Seconds to wait, with 429. */
  retryAfter?: number;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody) {
    super(localizedMessage(body, LangController.lang));
  }
}

/** The service refused to submit a draft for errors in it, listed in `body.errors`. */
export const isInvalidDraft = (error: unknown): error is ApiError => error instanceof ApiError && error.body.code === 'invalid_draft';

/** The service could not be reached at all (offline, or the app was opened without it). */
export class OfflineError extends Error {}

export interface Me { role: 'partner' | 'reviewer'; partnerId: string | null }

export interface ValidationIssue { path: string; code: string; message: string; messages: Record<string, string> }

export interface Draft { config: unknown; revision: number; validation: { valid: boolean; errors: ValidationIssue[] }; updatedAt: string | null }

export interface Submission {
  id: string; partnerId: string; status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  submittedAt: string; submittedBy: string; dueAt: string; decidedAt: string | null; decidedBy: string | null; reason: string | null;
}

export interface QueueItem extends Submission { overdue: boolean }

export interface Change {
  path: string; op: 'added' | 'removed' | 'changed' | 'moved' | 'shown' | 'hidden'; before?: unknown; after?: unknown;
  from?: number; to?: number; id?: string;
}

/** Submission and version ids are UUIDs; anything else must not reach an API path. */
export const isId = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export interface AuditEvent { partnerId: string; submissionId: string | null; actor: string; action: string; from: string | null; to: string | null; reason: string | null; effectiveAt?: string | null; at: string }

/** An approval that goes live at `effectiveAt`. */
export interface Schedule {
  id: string; partnerId: string; submissionId: string; versionId: string; effectiveAt: string; state: 'scheduled' | 'live' | 'cancelled';
  createdAt: string; createdBy: string; endedAt: string | null; endedBy: string | null;
}

/** One webhook delivery of the log. */
export interface Delivery {
  id: string; eventId: string; eventType: string; partnerId: string; endpointId: string; url: string; state: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number; lastStatus: number | null; lastError: string | null; lastAttemptAt: string | null; nextAttemptAt: string | null; deliveredAt: string | null; createdAt: string;
}

export interface Review { submission: Submission; document: unknown; live: unknown; comparedWith: { what: 'live' | 'live-when-submitted'; document: unknown }; diff: Change[]; introducedHosts: string[]; history: AuditEvent[]; comments: ReviewComment[]; schedule?: Schedule | null }

/** A reviewer's comment on a field (server/comments.ts); `anchor` names the menu entries its pointer passes through. */
export interface ReviewComment {
  id: string; partnerId: string; submissionId: string; pointer: string; anchor: Array<{ at: number; id: string }>; text: string; author: string;
  decision: 'approved' | 'rejected'; createdAt: string; resolvedIn: string | null; resolvedAt: string | null; resolvedBy: string | null;
}

export interface NewComment { pointer: string; text: string }

/** A share link as listed (server/shares.ts); `secret` and `url` only in the answer that made it. */
export interface Share {
  id: string; partnerId: string; source: 'draft' | 'submission'; submissionId: string | null; draftRevision: number | null; createdBy: string;
  createdAt: string; expiresAt: string; revokedAt: string | null; lastOpenedAt: string | null; opened: number; active: boolean;
  secret?: string; url?: string;
}

export interface Version { id: string; submissionId: string; approvedAt: string; approvedBy: string; live: boolean }

export interface PartnerStatus {
  pending: (Submission & { document: unknown; overdue: boolean }) | null;
  /** With the document decided on (to tell whether the draft changed since a rejection). */
  lastDecision: (Submission & { document?: unknown }) | null;
  live: { versionId: string; approvedAt: string; submittedAt: string; since: string; rolledBack: boolean; rollbackReason: string | null } | null;
  scheduled?: Schedule | null;
  /** A scheduled go-live a reviewer cancelled, when nothing has happened since. */
  cancelledSchedule?: { submissionId: string; effectiveAt: string; cancelledAt: string; reason: string | null } | null;
}

export interface DirectoryEntry {
  partnerId: string; liveVersionId: string | null; liveSince: string | null; pendingId: string | null;
  pendingSubmittedAt: string | null; pendingDueAt: string | null; overdue: boolean; lastActivity: string | null; scheduledAt?: string | null;
}

export interface VersionPreview { version: Version; document: unknown; live: unknown; diff: Change[]; introducedHosts: string[] }

export class Api {
  constructor(private readonly token: string, private readonly base = '') {}

  async request<T>(method: string, path: string, { body, headers = {} }: { body?: BodyInit | object; headers?: Record<string, string> } = {}): Promise<{ data: T; etag: string | null }> {
    const isRaw = body instanceof Blob || body instanceof ArrayBuffer;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && !isRaw ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : isRaw ? (body as BodyInit) : JSON.stringify(body),
      });
    } catch {
      throw new OfflineError(offlineMessage(LangController.lang));
    }
    const text = await response.text();
    const data = text ? safeJson(text) : null;
    if (!response.ok) throw new ApiError(response.status, (data as ApiErrorBody | null) ?? { code: 'http', message: `HTTP ${response.status}` });
    return { data: data as T, etag: response.headers.get('etag') };
  }

  me() { return this.request<Me>('GET', '/v1/me').then((r) => r.data); }
  draft(pid: string) { return this.request<Draft>('GET', `/v1/partners/${encodeURIComponent(pid)}/draft`); }
  saveDraft(pid: string, config: unknown, revision: number) {
    return this.request<Draft>('PUT', `/v1/partners/${encodeURIComponent(pid)}/draft`, { body: config as object, headers: { 'if-match': `"${revision}"` } });
  }
  /** Submits the draft at `revision`, the one the partner sees: 412 if it changed elsewhere since. */
  submit(pid: string, revision: number, resolvedComments: string[] = []) {
    const headers = { 'if-match': `"${revision}"` };
    return this.request<Submission>('POST', `/v1/partners/${encodeURIComponent(pid)}/submissions`, resolvedComments.length ? { body: { resolvedComments }, headers } : { headers }).then((r) => r.data);
  }
  comments(pid: string) { return this.request<{ items: ReviewComment[] }>('GET', `/v1/partners/${encodeURIComponent(pid)}/comments`).then((r) => r.data.items); }
  shares(pid: string) { return this.request<{ items: Share[] }>('GET', `/v1/partners/${encodeURIComponent(pid)}/shares`).then((r) => r.data.items); }
  createShare(pid: string, options: { submissionId?: string; expiresInDays: number }) {
    return this.request<Share & { secret: string; url: string }>('POST', `/v1/partners/${encodeURIComponent(pid)}/shares`, { body: options }).then((r) => r.data);
  }
  revokeShare(pid: string, shareId: string) {
    if (!/^[0-9a-f]{12}$/.test(shareId)) throw new ApiError(400, { code: 'invalid_id', message: `Not a share link id: ${shareId.slice(0, 80)}` });
    return this.request<Share>('DELETE', `/v1/partners/${encodeURIComponent(pid)}/shares/${shareId}`).then((r) => r.data);
  }
  submissions(pid: string) { return this.request<{ items: Submission[] }>('GET', `/v1/partners/${encodeURIComponent(pid)}/submissions`).then((r) => r.data.items); }
  withdraw(pid: string, sid: string) { return this.request<Submission>('POST', `/v1/partners/${encodeURIComponent(pid)}/submissions/${id(sid)}/withdraw`).then((r) => r.data); }
  upload(pid: string, file: File) {
    return this.request<{ src: string; width: number; height: number }>('POST', `/v1/partners/${encodeURIComponent(pid)}/assets`, { body: file, headers: { 'content-type': file.type || 'application/octet-stream' } }).then((r) => r.data);
  }
  queue(cursor?: string) { return this.request<{ items: QueueItem[]; nextCursor: string | null }>('GET', `/v1/review/queue?limit=100${cursor ? `&cursor=${cursor}` : ''}`).then((r) => r.data); }
  review(sid: string) { return this.request<Review>('GET', `/v1/review/submissions/${id(sid)}`).then((r) => r.data); }
  /** Approves now, or with `effectiveAt` (an ISO time) at that time; with comments on fields. */
  approve(sid: string, { effectiveAt, comments = [] }: { effectiveAt?: string; comments?: NewComment[] } = {}) {
    const body = { ...(effectiveAt ? { effectiveAt } : {}), ...(comments.length ? { comments } : {}) };
    return this.request<Submission>('POST', `/v1/review/submissions/${id(sid)}/approve`, Object.keys(body).length ? { body } : {}).then((r) => r.data);
  }
  reject(sid: string, reason: string, comments: NewComment[] = []) {
    return this.request<Submission>('POST', `/v1/review/submissions/${id(sid)}/reject`, { body: comments.length ? { reason, comments } : { reason } }).then((r) => r.data);
  }
  schedules() { return this.request<{ items: Schedule[] }>('GET', '/v1/review/schedules').then((r) => r.data.items); }
  cancelSchedule(scheduleId: string, reason: string) { return this.request<Schedule>('POST', `/v1/review/schedules/${id(scheduleId)}/cancel`, { body: { reason } }).then((r) => r.data); }
  deliveries() { return this.request<{ items: Delivery[] }>('GET', '/v1/review/webhook-deliveries?limit=100').then((r) => r.data.items); }
  versions(pid: string) { return this.request<{ items: Version[] }>('GET', `/v1/review/partners/${encodeURIComponent(pid)}/versions`).then((r) => r.data.items); }
  status(pid: string) { return this.request<PartnerStatus>('GET', `/v1/partners/${encodeURIComponent(pid)}/status`).then((r) => r.data); }
  /** A page of partners by id, those whose id contains `query`; `cursor`: the previous page's nextCursor. */
  directory({ query = '', limit = 50, cursor }: { query?: string; limit?: number; cursor?: string } = {}) {
    const search = new URLSearchParams({ q: query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.request<{ items: DirectoryEntry[]; nextCursor: string | null }>('GET', `/v1/review/partners?${search}`).then((r) => r.data);
  }
  partner(pid: string) { return this.request<DirectoryEntry>('GET', `/v1/review/partners/${encodeURIComponent(pid)}`).then((r) => r.data); }
  versionPreview(pid: string, vid: string) { return this.request<VersionPreview>('GET', `/v1/review/partners/${encodeURIComponent(pid)}/versions/${id(vid)}`).then((r) => r.data); }
  history(pid: string) { return this.request<{ items: AuditEvent[] }>('GET', `/v1/partners/${encodeURIComponent(pid)}/history`).then((r) => r.data.items); }
  rollback(pid: string, versionId: string, reason: string) {
    return this.request<Version & { cancelledSchedule: { submissionId: string; effectiveAt: string } | null }>('POST', `/v1/review/partners/${encodeURIComponent(pid)}/rollback`, { body: { versionId, reason } }).then((r) => r.data);
  }
}

/** An id for an API path: a UUID, or an error before anything is sent. */
function id(value: string): string {
  if (!isId(value)) throw new ApiError(400, { code: 'invalid_id', message: `Not a submission id: ${value.slice(0, 80)}` });
  return value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { code: 'http', message: text.slice(0, 200) };
  }
}
