/**
 * The partner's draft as a reactive controller: the document and its validation, autosave
 * with conflict handling (never an overwrite), the submissions, and the session's undo
 * history. The editor and its sections read it; only it talks to the service.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { validateCustomization, type ValidationResult } from '../../../schema/validate.ts';
import { ApiError, isInvalidDraft, type Api, type Draft, type Me, type PartnerStatus, type ReviewComment, type Submission } from '../shared/api.ts';
import { draftErrorMessages } from '../shared/api-messages.ts';
import { sameJson, setAt } from '../shared/pointer.ts';
import { isObject } from './form-shape.ts';
import { mergeDrafts } from './merge.ts';

export type Doc = Record<string, unknown>;
export type SaveState = 'saved' | 'saving' | 'unsaved' | 'local' | 'conflict' | 'error';
/** Where an edit is in this page only. */
export const UNSAVED_STATES: ReadonlySet<SaveState> = new Set(['unsaved', 'saving', 'error']);

const LOCAL_COPY = 'cobrand:editor-draft';
const AUTOSAVE_MS = 800;
/** How often the status is asked again while the page is in view. */
const STATUS_REFRESH_MS = 60_000;
/** The channel on which tabs of this browser say they saved a draft. */
const SAVED_CHANNEL = 'cobrand:draft-saved';
/** A save that failed for a passing reason (the service busy, restarting or unreachable) is tried again, after 5 s, then doubling up to a minute. */
const RETRY_FIRST_MS = 5000;
const RETRY_MAX_MS = 60_000;
/** Edits within this time of each other (typing in one field) are one step of undo. */
const UNDO_MERGE_MS = 1000;
const UNDO_DEPTH = 200;

export class DraftController implements ReactiveController {
  api: Api | null = null;
  me: Me | null = null;
  doc: Doc = { schemaVersion: 1, partnerId: 'my-partner' };
  revision = 0;
  saveState: SaveState = 'local';
  /** Why the last save failed (said in the page's language of the moment). */
  saveError: unknown = null;
  submissions: Submission[] = [];
  /** Where the partner stands; null offline. */
  status: PartnerStatus | null = null;
  validation: ValidationResult = { valid: true, errors: [] };
  /** Reviewers' comments on the partner's submissions (open and resolved); empty offline. */
  comments: ReviewComment[] = [];
  /**
   * Edits this browser kept that the service does not have (made while signed out, or not saved
   * before a sign-in ended or the page closed), offered on sign-in: used only if the partner says so.
   */
  signedOutEdits: Doc | null = null;
  /** A conflict: the draft as saved elsewhere meanwhile, and the values both sides changed differently. */
  conflict: { theirs: Doc; clashes: string[] } | null = null;
  /**
   * Said until the next edit: this page's edits were merged with edits saved elsewhere meanwhile,
   * or edits this browser kept unsaved (a sign-in that ended, a page closed) were restored.
   */
  merged: 'elsewhere' | 'restored' | 'updated' | null = null;
  /** The draft is on its way from the service: the form shows something else and is out of reach until it arrives. */
  loading = false;
  /** Why the draft could not be loaded (the form stays out of reach: nothing is edited over a draft not seen); null when it was. */
  loadError: unknown = null;
  /** The service no longer accepts the token (revoked, or replaced): the edits wait in this browser for a new sign-in. */
  sessionEnded = false;
  /** Open comments the partner has ticked as resolved: sent with the next submission. */
  resolving = new Set<string>();
  /** Documents before the current one (undo) and after it (redo), this session only. */
  private past: Doc[] = [];
  /** The draft as the service has it at `revision`: where this page's edits started from (a merge's base). */
  private base: Doc = this.doc;
  private future: Doc[] = [];
  private lastEdit = { at: 0, path: '' };
  private saveTimer?: ReturnType<typeof setTimeout>;
  private statusTimer?: ReturnType<typeof setInterval>;
  private saving?: Promise<void>;
  /** Tells this browser's other tabs of each save, so that they show it. */
  private savedChannel?: BroadcastChannel;
  /** Saves failed in a row, for the retry's back-off. */
  private failedSaves = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.savedChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(SAVED_CHANNEL) : undefined;
    this.savedChannel?.addEventListener('message', this.onSavedElsewhere);
    document.addEventListener('visibilitychange', this.onVisible);
    // Always, not only while a decision is awaited: what is live can change any time (a rollback).
    this.statusTimer = setInterval(this.onVisible, STATUS_REFRESH_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.saveTimer);
    clearInterval(this.statusTimer);
    this.savedChannel?.close();
    document.removeEventListener('visibilitychange', this.onVisible);
  }

  /**
   * A decision, a rollback or a save made while the partner looked elsewhere shows when they
   * come back (and every minute while they look).
   */
  private readonly onVisible = (): void => {
    if (document.visibilityState !== 'visible' || !this.api || !this.me?.partnerId) return;
    this.loadSubmissions().catch(() => { /* the next look tries again */ });
    this.followSaves().catch(() => { /* the next look tries again */ });
  };

  /** Another tab of this browser saved this partner's draft: shown here at once. */
  private readonly onSavedElsewhere = (event: MessageEvent<{ partnerId: string; revision: number }>): void => {
    if (event.data.partnerId === this.me?.partnerId && event.data.revision > this.revision) this.followSaves().catch(() => { /* the next look tries again */ });
  };

  /**
   * The draft as saved elsewhere (another tab, a colleague), when this page has nothing unsaved:
   * the form shows what a submit would send. With edits of its own, the save merges instead.
   */
  private async followSaves(): Promise<void> {
    if (!this.api || !this.me?.partnerId || this.saveState !== 'saved' || this.loading || this.conflict) return;
    const shown = this.doc;
    const { data } = await this.api.draft(this.me.partnerId);
    if (data.revision <= this.revision || this.doc !== shown || this.saveState !== 'saved') return;
    this.showSaved(data);
    this.merged = 'updated';
    this.host.requestUpdate();
  }

  get partnerId(): string {
    return this.me?.partnerId ?? (typeof this.doc.partnerId === 'string' ? this.doc.partnerId : '');
  }

  get pending(): Submission | undefined {
    return this.status?.pending ?? this.submissions.find((submission) => submission.status === 'pending');
  }

  /** Whether the draft differs from the snapshot under review (edits the review does not include). */
  get changedSincePending(): boolean {
    const pending = this.status?.pending;
    return !!pending && !sameJson(this.doc, pending.document);
  }

  /** The latest decision, when it was a rejection of exactly this draft: submitting again changes nothing the reviewer saw. */
  get unchangedSinceRejection(): PartnerStatus['lastDecision'] | null {
    const decision = this.status?.lastDecision;
    return decision?.status === 'rejected' && decision.document !== undefined && sameJson(this.doc, decision.document) ? decision : null;
  }

  // ---- the document ----------------------------------------------------------------------

  /** Replaces the document; `record` keeps the previous one for undo (edits of one path in quick succession merge). */
  setDoc(doc: Doc, { persist = true, record = true, path = '' } = {}): void {
    if (record && doc !== this.doc) {
      const now = Date.now();
      const merge = path !== '' && path === this.lastEdit.path && now - this.lastEdit.at < UNDO_MERGE_MS;
      if (!merge) this.past = [...this.past.slice(-(UNDO_DEPTH - 1)), this.doc];
      this.future = [];
      this.lastEdit = { at: now, path };
    }
    this.doc = doc;
    this.merged = null;
    // `now`: a time window that has already ended is an error here too, as it will be at submission.
    this.validation = validateCustomization(doc, { ...(this.me?.partnerId ? { partnerId: this.me.partnerId } : {}), now: Date.now() });
    if (persist) this.scheduleSave();
    this.host.requestUpdate();
  }

  /** Typing (a text value) into one field merges into one step of undo; adding, removing or moving entries never does. */
  readonly set = (path: string, value: unknown, mergeKey = typeof value === 'string' ? path : ''): void => this.setDoc(setAt(this.doc, path, value), { path: mergeKey });

  get canUndo(): boolean { return this.past.length > 0; }
  get canRedo(): boolean { return this.future.length > 0; }

  undo(): boolean {
    const previous = this.past.at(-1);
    if (!previous) return false;
    this.past = this.past.slice(0, -1);
    this.future = [this.doc, ...this.future];
    this.lastEdit = { at: 0, path: '' };
    this.setDoc(previous, { record: false });
    return true;
  }

  redo(): boolean {
    const [next, ...rest] = this.future;
    if (!next) return false;
    this.future = rest;
    this.past = [...this.past, this.doc];
    this.lastEdit = { at: 0, path: '' };
    this.setDoc(next, { record: false });
    return true;
  }

  private resetHistory(): void {
    this.past = [];
    this.future = [];
  }

  // ---- review comments -------------------------------------------------------------------

  get openComments(): ReviewComment[] {
    return this.comments.filter((comment) => comment.resolvedIn === null);
  }

  /** Ticks (or unticks) an open comment as resolved by the next submission; kept in this browser until then. */
  markResolved(id: string, resolved: boolean): void {
    const next = new Set(this.resolving);
    if (resolved) next.add(id); else next.delete(id);
    this.resolving = next;
    try { localStorage.setItem(this.resolvingKey, JSON.stringify([...next])); } catch { /* for this page only */ }
    this.host.requestUpdate();
  }

  private get resolvingKey(): string {
    return `cobrand:resolving:${this.partnerId}`;
  }

  private readResolving(): string[] {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(this.resolvingKey) ?? '[]');
      return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [...this.resolving];
    }
  }

  // ---- session and saving ----------------------------------------------------------------

  /**
   * A new sign-in (a link opened in this tab) for the partner already signed in keeps an edit
   * not yet saved, and saves it (a stale revision becomes the usual conflict choice); otherwise
   * the form loads the stored draft.
   */
  async signedIn(api: Api, me: Me): Promise<void> {
    const keepEdit = this.api !== null && this.me?.partnerId === me.partnerId && UNSAVED_STATES.has(this.saveState);
    this.api = api;
    this.me = me;
    this.sessionEnded = false;
    if (keepEdit) {
      await this.save();
      await this.loadSubmissions();
      return;
    }
    await this.open();
  }

  /** Loads the draft into the form, then what this browser kept of it, then its submissions; again after a failed load. */
  async open(): Promise<void> {
    // The kept edit is read the moment the draft is in the form, before an edit made here could be taken for it.
    if (!(await this.loadDraft())) return;
    if (!(await this.restoreUnsaved())) this.signedOutEdits = this.readSignedOutEdits();
    await this.loadSubmissions();
  }

  /** Uses the draft edited while signed out (as this partner's, saved, undoable) or discards it; either way it is offered once. */
  useSignedOutEdits(use: boolean): void {
    const edits = this.signedOutEdits;
    this.signedOutEdits = null;
    try { localStorage.removeItem(LOCAL_COPY); } catch { /* nothing kept */ }
    this.keepUnsaved(false);
    if (use && edits) this.setDoc({ ...edits, partnerId: this.partnerId });
    this.host.requestUpdate();
  }

  private readSignedOutEdits(): Doc | null {
    const unsaved = this.readUnsaved();
    for (const edits of [unsaved?.doc, readJson(LOCAL_COPY)]) {
      if (isObject(edits) && !sameJson({ ...edits, partnerId: this.partnerId }, this.doc)) return edits;
    }
    return null;
  }

  /** This partner's edit that the service does not have, with the version it was made on. */
  private readUnsaved(): { doc: Doc; base: Doc } | null {
    const kept = readJson(this.unsavedKey);
    return isObject(kept) && isObject(kept.doc) && isObject(kept.base) ? { doc: kept.doc, base: kept.base } : null;
  }

  /**
   * This partner's unsaved edit kept in this browser is theirs beyond doubt: it is merged with the
   * draft as it is now and saved, said in a notice. Only where the draft changed the same values
   * since is the partner asked (the offer to use or discard the kept edits).
   */
  private async restoreUnsaved(): Promise<boolean> {
    const unsaved = this.readUnsaved();
    if (!unsaved) return false;
    const { doc, clashes } = mergeDrafts(unsaved.base, unsaved.doc, this.doc);
    if (clashes.length) return false;
    if (sameJson(doc, this.doc)) this.keepUnsaved(false);
    else await this.adopt(this.doc, doc, 'restored');
    return true;
  }

  /** Where this partner's edit waits in this browser until the service has it. */
  private get unsavedKey(): string {
    return `cobrand:unsaved:${this.partnerId}`;
  }

  private keepUnsaved(keep: boolean): void {
    try {
      if (keep) localStorage.setItem(this.unsavedKey, JSON.stringify({ doc: this.doc, base: this.base }));
      else localStorage.removeItem(this.unsavedKey);
    } catch { /* the page keeps it */ }
  }

  /** Saves an edit not yet saved (before signing out); one that cannot be saved stays kept in this browser. */
  async flush(): Promise<void> {
    if (UNSAVED_STATES.has(this.saveState) && !this.sessionEnded) await this.save();
  }

  signOut(): void {
    this.sessionEnded = false;
    this.loadError = null;
    this.api = null;
    this.me = null;
    this.submissions = [];
    this.status = null;
    this.comments = [];
    this.resolving = new Set();
    this.loadLocal();
  }

  loadLocal(): void {
    let doc: Doc = { schemaVersion: 1, partnerId: 'my-partner' };
    try {
      const stored = localStorage.getItem(LOCAL_COPY);
      if (stored) doc = JSON.parse(stored) as Doc;
    } catch { /* start afresh */ }
    this.saveState = 'local';
    this.resetHistory();
    this.setDoc(doc, { persist: false, record: false });
  }

  /** Loads the draft from the service, replacing what is in the form, and its submissions and comments. */
  async reload(): Promise<void> {
    if (await this.loadDraft()) await this.loadSubmissions();
  }

  /** The form shows `draft` as the service has it, with a history of its own (undo would not reach past it). */
  private showSaved(draft: Draft): void {
    this.revision = draft.revision;
    this.base = (draft.config ?? {}) as Doc;
    this.resetHistory();
    this.setDoc(this.base, { persist: false, record: false });
  }

  /** Whether the draft is in the form; if not, `loadError` says why. */
  private async loadDraft(): Promise<boolean> {
    if (!this.api || !this.me?.partnerId) return false;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const { data } = await this.api.draft(this.me.partnerId);
      this.saveState = 'saved';
      this.saveError = null;
      this.conflict = null;
      this.showSaved(data);
      this.loadError = null;
      return true;
    } catch (error) {
      this.loadError = error;
      return false;
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  async loadSubmissions(): Promise<void> {
    if (this.api && this.me?.partnerId) {
      [this.submissions, this.status, this.comments] = await Promise.all([this.api.submissions(this.me.partnerId), this.api.status(this.me.partnerId), this.api.comments(this.me.partnerId)]);
      this.resolving = new Set(this.readResolving().filter((id) => this.openComments.some((comment) => comment.id === id)));
    }
    this.host.requestUpdate();
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    if (!this.api) {
      try { localStorage.setItem(LOCAL_COPY, JSON.stringify(this.doc)); } catch { /* the page keeps it */ }
      this.saveState = 'local';
      return;
    }
    this.keepUnsaved(true);
    if (this.saveState === 'conflict') return;
    this.saveState = 'unsaved';
    this.saveTimer = setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  /**
   * Saves now (waiting for a save under way). A stale revision is never overwritten: the edits
   * saved elsewhere meanwhile are merged with these, and only values both changed differently
   * become the conflict's choice.
   */
  async save(revision = this.revision): Promise<void> {
    clearTimeout(this.saveTimer);
    if (!this.api || !this.me?.partnerId) return;
    await this.saving;
    if (this.saveState === 'saved' || (this.saveState === 'conflict' && revision === this.revision)) return;
    const doc = this.doc;
    let stale = false;
    this.saveState = 'saving';
    this.host.requestUpdate();
    const partnerId = this.me.partnerId;
    this.saving = this.api.saveDraft(partnerId, doc, revision).then(({ data }) => {
      this.revision = data.revision;
      this.savedChannel?.postMessage({ partnerId, revision: data.revision });
      this.base = doc;
      this.failedSaves = 0;
      this.saveState = this.doc === doc ? 'saved' : 'unsaved';
      if (this.saveState === 'unsaved') this.scheduleSave();
      else this.keepUnsaved(false);
    }, (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) {
        this.saveState = 'conflict';
        this.revision = error.body.revision ?? this.revision;
        stale = true;
      } else {
        this.saveState = 'error';
        this.saveError = error;
        this.sessionEnded = error instanceof ApiError && error.status === 401;
        const retryIn = retryDelay(error, this.failedSaves++);
        if (retryIn !== undefined) this.saveTimer = setTimeout(() => void this.save(), retryIn);
      }
    }).finally(() => this.host.requestUpdate());
    await this.saving;
    if (stale) await this.mergeLatest();
  }

  /** Another tab or a colleague saved meanwhile: their edits and these merge; only values both changed differently are asked about. */
  private async mergeLatest(): Promise<void> {
    let latest;
    try {
      latest = (await this.api!.draft(this.me!.partnerId!)).data;
    } catch {
      return; // the conflict stays, with its choice
    }
    const theirs = (latest.config ?? {}) as Doc;
    const { doc, clashes } = mergeDrafts(this.base, this.doc, theirs);
    this.revision = latest.revision;
    if (clashes.length) {
      this.conflict = { theirs, clashes };
      this.host.requestUpdate();
      return;
    }
    await this.adopt(theirs, doc);
  }

  /** Takes `merged` (undoable) over the draft saved elsewhere as `theirs`, and saves it. */
  private async adopt(theirs: Doc, merged: Doc, how: 'elsewhere' | 'restored' = 'elsewhere'): Promise<void> {
    this.base = theirs;
    this.conflict = null;
    this.saveState = 'unsaved';
    this.setDoc(merged, { persist: false });
    this.merged = how;
    await this.save();
  }

  /** Settles a conflict: the values both changed go to one side, everything else of both is kept. */
  async resolveConflict(keepMine: boolean): Promise<void> {
    const conflict = this.conflict;
    if (!conflict) {
      // The draft saved elsewhere could not be read: the old choice, the whole of one side.
      if (!keepMine) return this.reload();
      this.saveState = 'unsaved';
      return this.save(this.revision);
    }
    await this.adopt(conflict.theirs, mergeDrafts(this.base, this.doc, conflict.theirs, keepMine ? 'mine' : 'theirs').doc);
  }

  /** Saves, then submits; resolves to the new submission, or throws the service's error. */
  async submit(): Promise<Submission> {
    if (!this.api || !this.me?.partnerId) throw new Error('Sign in to submit.');
    await this.save();
    try {
      const submission = await this.api.submit(this.me.partnerId, this.revision, [...this.resolving]);
      this.resolving = new Set();
      try { localStorage.removeItem(this.resolvingKey); } catch { /* nothing kept */ }
      return submission;
    } catch (error) {
      // Saved elsewhere since this page looked: the form shows that draft, and nothing was submitted.
      if (error instanceof ApiError && error.status === 412) await this.loadDraft();
      this.showServiceErrors(error);
      throw error;
    } finally {
      await this.loadSubmissions();
    }
  }

  /**
   * What only the service can check (an uploaded logo it does not have, a size that is not the
   * image's) joins the form's own errors, at their fields and in the count, until the next edit.
   */
  private showServiceErrors(error: unknown): void {
    if (!isInvalidDraft(error) || !error.body.errors?.length) return;
    const known = new Set(this.validation.errors.map((found) => `${found.path} ${found.code}`));
    const added = error.body.errors.filter((found) => !known.has(`${found.path} ${found.code}`)).map((found) => ({
      path: found.path, code: found.code ?? 'invalid', message: found.message, messages: draftErrorMessages(found),
    }));
    this.validation = { valid: false, errors: [...this.validation.errors, ...added] };
    this.host.requestUpdate();
  }

  /** Withdraws what is pending and submits the draft as it is now. */
  async resubmit(): Promise<Submission> {
    await this.save();
    const pending = this.pending;
    if (pending) {
      // Withdrawing opens again the comments it resolved: the new submission resolves them instead.
      const carried = this.comments.filter((comment) => comment.resolvedIn === pending.id).map((comment) => comment.id);
      await this.withdraw(pending);
      this.resolving = new Set([...this.resolving, ...carried]);
    }
    return this.submit();
  }

  async withdraw(submission: Submission): Promise<void> {
    if (!this.api || !this.me?.partnerId) return;
    try {
      await this.api.withdraw(this.me.partnerId, submission.id);
    } finally {
      await this.loadSubmissions();
    }
  }
}

/** When to try a failed save again: when the service says (429), soon for a failure that passes (5xx, no answer); never for one that would fail again. */
function retryDelay(error: unknown, failedBefore: number): number | undefined {
  if (error instanceof ApiError) {
    if (error.status === 429) return Math.max(1, error.body.retryAfter ?? RETRY_FIRST_MS / 1000) * 1000;
    if (error.status < 500) return undefined;
  }
  return Math.min(RETRY_FIRST_MS * 2 ** failedBefore, RETRY_MAX_MS);
}


function readJson(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}
