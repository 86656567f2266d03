import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, isId, type Api, type AuditEvent, type Delivery, type DirectoryEntry, type NewComment, type QueueItem, type Review, type Schedule, type Version, type VersionPreview } from '../shared/api.ts';
import { freeTextProblem } from '../../../schema/limits.ts';
import { getAt } from '../shared/pointer.ts';
import { StickyHeaderController } from '../shared/sticky-header.ts';
import { LangController, type TextKey } from '../shared/i18n.ts';
import { errorNotice, noticeRegions, type Notice } from '../shared/notice.ts';
import { PREVIEW_WIDTHS, type PreviewWidth } from '../shared/preview-frame.ts';
import { borrowSignIn, onTokenLink, shareSignIn, signIn, signInForm, store, takeToken } from '../shared/session.ts';
import './deliveries-panel.ts';
import './partner-directory.ts';
import './partner-view.ts';
import './queue-panel.ts';
import { reviewStyles } from './review.styles.ts';
import { MAX_SCHEDULE_AHEAD_MS } from './submission-view.ts';
import type { ReviewContext, ReviewView } from './view.ts';

/** How often the queue is asked again while the console is in view. */
const QUEUE_REFRESH_MS = 60_000;
/** A scheduled go-live is shown as live this long after its time (the service's own timer is as late as that, at most). */
const GO_LIVE_GRACE_MS = 3000;
/** setTimeout's longest wait; a go-live further off is seen on a later look. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The reviewers' console: the queue by due date, a submission beside what is live (rendered
 * in both languages and as a field-level diff), the link hosts it introduces, the decision,
 * and the partner's approved versions with rollback.
 */
@customElement('cobrand-review-app')
export class CobrandReviewApp extends LitElement {
  static override styles = reviewStyles;

  private readonly i18n = new LangController(this);
  private readonly stickyHeader = new StickyHeaderController(this);
  @state() private api: Api | null = null;
  @state() private queue: QueueItem[] = [];
  @state() private selected: Review | null = null;
  @state() private versions: Version[] = [];
  @state() private history: AuditEvent[] = [];
  @state() private notice: Notice | null = null;
  @state() private signInError = '';
  @state() private reasonError: (() => string) | null = null;
  @state() private previewWidth: PreviewWidth = PREVIEW_WIDTHS[0];
  @state() private asOf: number | undefined = undefined;
  @state() private actualSize = false;
  @state() private directoryRevision = 0;
  @state() private partnerId: string | null = null;
  @state() private partnerEntry: DirectoryEntry | null = null;
  @state() private rollbackPreview: VersionPreview | null = null;
  @state() private rollbackError: (() => string) | null = null;
  @state() private schedules: Schedule[] = [];
  /** The go-live field's error, said in the page's language of the moment. */
  @state() private effectiveAtError: (() => string) | null = null;
  @state() private cancelScheduleError: (() => string) | null = null;
  @state() private deliveries: Delivery[] = [];
  @state() private showDeliveries = false;
  /** Comments on fields the reviewer is writing, sent with the decision. */
  @state() private draftComments: NewComment[] = [];
  @state() private commentError: { field: 'pointer' | 'text'; message: string } | null = null;

  private stopTokenLinks?: () => void;
  private stopSharing?: () => void;
  /** Counts what the reviewer opened: an answer for anything but the latest is dropped, so the last one opened shows. */
  private navigation = 0;
  private queueTimer?: ReturnType<typeof setInterval>;
  private goLiveTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    const given = takeToken();
    if (given) void this.signIn(given.token);
    else void borrowSignIn('reviewer').then((token) => (token ? this.signIn(token) : undefined));
    this.stopTokenLinks = onTokenLink((link) => void this.signIn(link.token));
    this.stopSharing = shareSignIn('reviewer');
    document.addEventListener('visibilitychange', this.onVisible);
    this.queueTimer = setInterval(this.onVisible, QUEUE_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTokenLinks?.();
    this.stopSharing?.();
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.queueTimer);
    clearTimeout(this.goLiveTimer);
  }

  /** New submissions show in the queue when the reviewer comes back to the tab, and every minute while it is in view; so does the partner in view. */
  private readonly onVisible = (): void => {
    if (document.visibilityState !== 'visible' || !this.api) return;
    Promise.all([this.loadQueue(), this.refreshPartnerEntry()]).catch(() => { /* the next look tries again */ });
  };

  /** The partner in view as the directory lists it now (a submission arrived, a schedule went live). */
  private async refreshPartnerEntry(): Promise<void> {
    const partnerId = this.partnerId;
    if (!this.api || !partnerId) return;
    const entry = await this.api.partner(partnerId);
    if (this.partnerId === partnerId) this.partnerEntry = entry;
  }

  private async signIn(token: string): Promise<void> {
    const result = await signIn(token, 'reviewer', this.i18n.t('notReviewer'));
    if ('error' in result) {
      this.signInError = result.error;
      return;
    }
    store(token);
    this.api = result.api;
    this.signInError = '';
    // The address's submission (or partner, or view) is opened only if the reviewer opened nothing while the queue loaded.
    const ticket = ++this.navigation;
    await this.loadQueue();
    if (ticket !== this.navigation) return;
    const params = new URLSearchParams(location.search);
    const wanted = params.get('submission');
    const partner = params.get('partner');
    if (wanted !== null) await this.open(wanted);
    else if (partner !== null) await this.openPartner(partner);
    else if (params.get('view') === 'deliveries') await this.openDeliveries();
  }

  private async loadQueue(): Promise<void> {
    if (!this.api) return;
    const items: QueueItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.api.queue(cursor);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < 1000);
    this.queue = items;
    this.schedules = await this.api.schedules();
    this.directoryRevision++;
  }

  private async open(submissionId: string): Promise<void> {
    if (!this.api) return;
    // The id comes from the address bar: a crafted link must not steer the token to another path.
    if (!isId(submissionId)) {
      this.notice = { kind: 'bad', text: () => this.i18n.t('badSubmissionId', { id: submissionId.slice(0, 80) }) };
      return;
    }
    const ticket = ++this.navigation;
    try {
      const review = await this.api.review(submissionId);
      if (ticket !== this.navigation || !(await this.loadPartner(review.submission.partnerId, ticket))) return;
      this.reasonError = null;
      this.effectiveAtError = null;
      this.cancelScheduleError = null;
      this.showDeliveries = false;
      if (this.selected?.submission.id !== submissionId) {
        this.draftComments = [];
        this.commentError = null;
      }
      history.replaceState(null, '', `?submission=${submissionId}`);
      this.selected = review;
      this.refreshAtGoLive(review);
    } catch (error) {
      if (ticket === this.navigation) this.notice = errorNotice(error);
    }
  }

  /** A scheduled go-live comes while the submission is open: it is shown again just after, as live (no stale "Cancel"). */
  private refreshAtGoLive(review: Review): void {
    clearTimeout(this.goLiveTimer);
    if (review.schedule?.state !== 'scheduled') return;
    const wait = Math.max(new Date(review.schedule.effectiveAt).getTime() - Date.now() + GO_LIVE_GRACE_MS, GO_LIVE_GRACE_MS);
    if (wait > MAX_TIMER_MS) return;
    const id = review.submission.id;
    this.goLiveTimer = setTimeout(() => { if (this.selected?.submission.id === id) void this.open(id); }, wait);
  }

  /** Opens a partner from the directory (or ?partner=): its live and pending state, versions and history. */
  private async openPartner(partnerId: string): Promise<void> {
    if (!this.api) return;
    if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(partnerId)) {
      this.notice = { kind: 'bad', text: () => this.i18n.t('badPartnerId', { id: partnerId.slice(0, 80) }) };
      return;
    }
    const ticket = ++this.navigation;
    try {
      if (!(await this.loadPartner(partnerId, ticket))) return;
      this.selected = null;
      this.showDeliveries = false;
      history.replaceState(null, '', `?partner=${partnerId}`);
    } catch (error) {
      if (ticket === this.navigation) this.notice = errorNotice(error);
    }
  }

  /** Whether the partner's versions and history are shown: not when the reviewer opened something else meanwhile (`ticket` is not the latest). */
  private async loadPartner(partnerId: string, ticket = this.navigation): Promise<boolean> {
    if (!this.api) return false;
    const [versions, history, entry] = await Promise.all([this.api.versions(partnerId), this.api.history(partnerId), this.api.partner(partnerId)]);
    if (ticket !== this.navigation) return false;
    [this.versions, this.history, this.partnerEntry] = [versions, history, entry];
    if (this.partnerId !== partnerId) this.rollbackPreview = null;
    this.partnerId = partnerId;
    return true;
  }

  private async previewRollback(version: Version): Promise<void> {
    if (!this.api || !this.partnerId) return;
    try {
      this.rollbackPreview = await this.api.versionPreview(this.partnerId, version.id);
      this.rollbackError = null;
      await this.updateComplete;
      await this.renderRoot.querySelector<ReviewView>('cobrand-partner-history')?.updateComplete;
      // To what the button opened, its title at the top of the view: the reviewer reads (or hears) it first.
      const title = this.renderRoot.querySelector<HTMLElement>('#rollback-title');
      title?.scrollIntoView({ block: 'start' });
      title?.focus({ preventScroll: true });
    } catch (error) {
      this.notice = errorNotice(error);
    }
  }

  private async decide(action: 'approve' | 'reject', event?: SubmitEvent): Promise<void> {
    event?.preventDefault();
    if (!this.api || !this.selected) return;
    const { submission } = this.selected;
    try {
      if (action === 'reject') {
        const { reason, problem } = this.reasonIn(event!, 'rejectReasonNeeded');
        if (problem) {
          this.reasonError = problem;
          this.renderRoot.querySelector<HTMLTextAreaElement>('#reason')?.focus();
          return;
        }
        await this.api.reject(submission.id, reason, this.draftComments);
      } else {
        await this.api.approve(submission.id, { comments: this.draftComments });
      }
      this.draftComments = [];
      this.notice = { kind: 'ok', text: () => `${submission.partnerId}: ${this.i18n.t(action === 'approve' ? 'status_approved' : 'status_rejected')}` };
    } catch (error) {
      this.notice = errorNotice(error);
    }
    await this.showDecided(submission.id);
  }

  /** After a decision the buttons are gone: the submission is shown again, with focus on its title (and new status). */
  private async showDecided(submissionId: string): Promise<void> {
    await Promise.all([this.loadQueue(), this.open(submissionId)]);
    await this.focusSubmissionTitle();
  }

  private async focusSubmissionTitle(): Promise<void> {
    await this.updateComplete;
    await this.renderRoot.querySelector<ReviewView>('cobrand-submission-view')?.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#detail-title')?.focus();
  }

  /** Approves the selected submission effective at the form's local date and time (sent as an ISO time, with its offset). */
  private async approveAt(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api || !this.selected) return;
    const { submission } = this.selected;
    const input = (event.target as HTMLFormElement).elements.namedItem('effectiveAt') as HTMLInputElement;
    const at = input.value ? new Date(input.value) : null;
    const now = Date.now();
    const { t, date } = this.i18n;
    const latest = new Date(now + MAX_SCHEDULE_AHEAD_MS).toISOString();
    // A date typed that does not exist (30 February) or is not finished leaves the field empty: say so, not "pick one".
    const problem = input.validity.badInput ? () => t('effectiveAtInvalid')
      : !at || Number.isNaN(at.getTime()) ? () => t('effectiveAtMissing')
      : at.getTime() <= now ? () => t('effectiveAtPast', { date: date(at.toISOString()) })
      : at.toISOString() > latest ? () => t('effectiveAtTooFar', { date: date(at.toISOString()), latest: date(latest) })
      : null;
    if (problem || !at) {
      this.effectiveAtError = problem;
      this.renderRoot.querySelector<HTMLInputElement>('#effective-at')?.focus();
      return;
    }
    try {
      await this.api.approve(submission.id, { effectiveAt: at.toISOString(), comments: this.draftComments });
      this.draftComments = [];
      this.effectiveAtError = null;
      this.notice = { kind: 'ok', text: () => this.i18n.t('scheduledDone', { partner: submission.partnerId, date: this.i18n.date(at.toISOString()) }) };
    } catch (error) {
      this.effectiveAtError = errorNotice(error).text;
      return;
    }
    await this.showDecided(submission.id);
  }

  /** Cancels a scheduled go-live with the reason the form gives (the partner reads it); none, and nothing is cancelled. */
  private async cancelSchedule(schedule: Schedule, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api) return;
    const { reason, problem } = this.reasonIn(event, 'cancelReasonNeeded');
    if (problem) {
      this.cancelScheduleError = problem;
      this.renderRoot.querySelector<HTMLTextAreaElement>('#cancel-reason')?.focus();
      return;
    }
    try {
      await this.api.cancelSchedule(schedule.id, reason);
      this.cancelScheduleError = null;
      this.notice = { kind: 'ok', text: () => this.i18n.t('scheduleCancelled', { partner: schedule.partnerId }) };
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) {
        this.cancelScheduleError = errorNotice(error).text;
        return;
      }
      // It went live (or was cancelled) meanwhile: said, and the view shows what is true now.
      this.notice = errorNotice(error);
    }
    if (this.selected) await this.showDecided(this.selected.submission.id);
    else await Promise.all([this.loadQueue(), this.loadPartner(schedule.partnerId)]);
  }

  private async openDeliveries(): Promise<void> {
    if (!this.api) return;
    const ticket = ++this.navigation;
    try {
      const deliveries = await this.api.deliveries();
      if (ticket !== this.navigation) return;
      this.deliveries = deliveries;
      this.showDeliveries = true;
      history.replaceState(null, '', '?view=deliveries');
    } catch (error) {
      if (ticket === this.navigation) this.notice = errorNotice(error);
    }
  }

  /** Adds the comment of the form to those sent with the decision, once its pointer is a place in the submitted document. */
  private addComment(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.selected) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const pointer = String(data.get('pointer') ?? '').trim();
    const raw = String(data.get('text') ?? '');
    const text = raw.trim();
    const fail = (field: 'pointer' | 'text', message: string) => {
      this.commentError = { field, message };
      this.renderRoot.querySelector<HTMLElement>(`#comment-${field}`)?.focus();
    };
    if (!(pointer === '' || pointer.startsWith('/')) || getAt(this.selected.document, pointer) === undefined) return fail('pointer', this.i18n.t('commentPointerBad'));
    if (!text || text.length > 2000) return fail('text', this.i18n.t('commentTextNeeded'));
    const problem = this.textProblem(raw);
    if (problem) return fail('text', problem());
    this.draftComments = [...this.draftComments, { pointer, text }];
    this.commentError = null;
    form.reset();
  }

  /**
   * The reason a decision form (reject, rollback, cancel a go-live) gives, trimmed, and what keeps it
   * from being sent: none given (`needed` says what to do), or what the service would refuse.
   */
  private reasonIn(event: SubmitEvent, needed: TextKey): { reason: string; problem: (() => string) | null } {
    const raw = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '');
    return { reason: raw.trim(), problem: raw.trim() ? this.textProblem(raw) : () => this.i18n.t(needed) };
  }

  /**
   * What the service would refuse in a text a partner is to read (control and direction characters, nothing
   * visible), checked here by its own rules (schema/limits.ts) on the text as typed, so that the position it
   * names is the one in the field; said in the page's language of the moment.
   */
  private textProblem(raw: string): (() => string) | null {
    const problem = freeTextProblem(raw);
    return problem ? () => problem[this.i18n.lang === 'zh-CN' ? 2 : 1] : null;
  }

  private async confirmRollback(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const preview = this.rollbackPreview;
    if (!this.api || !preview || !this.partnerId) return;
    const { reason, problem } = this.reasonIn(event, 'rollbackReasonNeeded');
    if (problem) {
      this.rollbackError = problem;
      this.renderRoot.querySelector<HTMLTextAreaElement>('#rollback-reason')?.focus();
      return;
    }
    const partnerId = this.partnerId;
    try {
      const { cancelledSchedule } = await this.api.rollback(partnerId, preview.version.id, reason);
      // A go-live someone scheduled meanwhile (this screen may not have shown it) is cancelled by the rollback: said.
      const { i18n } = this;
      this.notice = { kind: 'ok', text: () => [i18n.t('rollbackDone', { partner: partnerId, date: i18n.date(preview.version.approvedAt) }),
        ...(cancelledSchedule ? [i18n.t('rollbackCancelledSchedule', { date: i18n.date(cancelledSchedule.effectiveAt) })] : [])].join(' ') };
      this.rollbackPreview = null;
    } catch (error) {
      this.notice = errorNotice(error);
    }
    await Promise.all([this.loadQueue(), this.selected ? this.open(this.selected.submission.id) : this.loadPartner(partnerId)]);
    if (this.rollbackPreview) return;
    // The form focus was in is gone: to the versions, where the one now live shows.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#versions-title')?.focus();
  }

  private actorName(actor: string): string {
    const { t } = this.i18n;
    const [who = '', name = ''] = actor.split('/');
    if (who === 'reviewer') return t('actorReviewer', { name });
    if (who.startsWith('partner:')) return t('actorPartner', { partner: who.slice('partner:'.length), name });
    if (actor === 'system') return t('actorSystem');
    return actor === 'seed-demo' ? t('actorSeed') : actor;
  }

  private context(): ReviewContext {
    return {
      i18n: this.i18n, api: this.api!, queue: this.queue, selected: this.selected, versions: this.versions, history: this.history,
      previewWidth: this.previewWidth, asOf: this.asOf, reasonError: this.reasonError?.() ?? '',
      setWidth: (width) => { this.previewWidth = width; },
      setAsOf: (moment) => { this.asOf = moment; },
      actualSize: this.actualSize,
      setActualSize: (actual) => { this.actualSize = actual; },
      open: (id, focusTitle = false) => void this.open(id).then(() => (focusTitle ? this.focusSubmissionTitle() : undefined)),
      decide: (action, event) => void this.decide(action, event),
      directoryRevision: this.directoryRevision, partnerId: this.partnerId, partnerEntry: this.partnerEntry, rollbackPreview: this.rollbackPreview, rollbackError: this.rollbackError?.() ?? '',
      openPartner: (id) => void this.openPartner(id),
      previewRollback: (version) => void this.previewRollback(version),
      cancelRollback: () => { this.rollbackPreview = null; },
      confirmRollback: (event) => void this.confirmRollback(event),
      actorName: (actor) => this.actorName(actor),
      schedules: this.schedules, effectiveAtError: this.effectiveAtError?.() ?? '', deliveries: this.deliveries,
      approveAt: (event) => void this.approveAt(event),
      cancelSchedule: (schedule, event) => void this.cancelSchedule(schedule, event), cancelScheduleError: this.cancelScheduleError?.() ?? '',
      refreshDeliveries: () => void this.openDeliveries(),
      draftComments: this.draftComments, commentError: this.commentError,
      addComment: (event) => this.addComment(event),
      removeComment: (index) => { this.draftComments = this.draftComments.filter((_, i) => i !== index); },
    };
  }

  protected override render() {
    const { t } = this.i18n;
    return html`
      <header class="top">
        <h1>Cobrand · ${t('reviewTitle')}</h1>
        <span class="spacer"></span>
        <button type="button" lang=${this.i18n.lang === 'zh-CN' ? 'en' : 'zh'} title=${t('languageLabel')} @click=${() => this.i18n.toggle()}>${t('language')}</button>
        ${this.api ? html`<button type="button" aria-pressed=${this.showDeliveries ? 'true' : 'false'} @click=${() => void this.openDeliveries()}>${t('deliveries')}</button>` : nothing}
        ${this.api ? html`<button type="button" @click=${() => { store(null); this.api = null; this.selected = null; }}>${t('signOut')}</button>` : nothing}
      </header>
      ${this.api ? this.renderMain() : signInForm(this.i18n, { error: this.signInError, onToken: (token) => void this.signIn(token) })}`;
  }

  private renderMain(): TemplateResult {
    const context = this.context();
    const partnerOnly = !this.selected && this.partnerId;
    return html`<main>
      <div class="side"><cobrand-review-queue .context=${context}></cobrand-review-queue><cobrand-partner-directory .context=${context}></cobrand-partner-directory></div>
      <div>${noticeRegions(this.notice)}${this.showDeliveries
        ? html`<cobrand-deliveries-panel .context=${context}></cobrand-deliveries-panel>`
        : partnerOnly
        ? html`<cobrand-partner-view .context=${context}></cobrand-partner-view>`
        : html`<cobrand-submission-view .context=${context}></cobrand-submission-view>`}</div>
    </main>`;
  }
}

