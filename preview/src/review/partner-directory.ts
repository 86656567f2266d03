import { html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DirectoryEntry } from '../shared/api.ts';
import { errorNotice } from '../shared/notice.ts';
import { ReviewView } from './view.ts';

/** How many partners a page shows; the service gives at most 200. */
const PAGE = 50;
/** Typing pauses this long before the service is asked. */
const SEARCH_DELAY_MS = 250;

/**
 * The partners, reachable whether or not the queue is empty: what is live, what is pending, and
 * the way to its versions and history. A page at a time, found by part of their id: a cloud's
 * programme has tens of thousands of partners, and the service pages them (GET /v1/review/partners).
 */
@customElement('cobrand-partner-directory')
export class CobrandPartnerDirectory extends ReviewView {
  @state() private query = '';
  @state() private entries: DirectoryEntry[] = [];
  @state() private nextCursor: string | null = null;
  @state() private loaded = false;
  @state() private problem: (() => string) | null = null;
  /** The list's requests, one at a time, each made with what the one before left: a refresh and a "more" never undo each other. */
  private requests: Promise<void> = Promise.resolve();
  private searchTimer?: ReturnType<typeof setTimeout>;
  private shownRevision?: number;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Something was decided or looked at again: the same list (as long as it was), as it is now.
    if (changed.has('context') && this.context.directoryRevision !== this.shownRevision) {
      this.shownRevision = this.context.directoryRevision;
      void this.request(() => this.fetch(Math.min(200, Math.max(PAGE, this.entries.length))));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  private request(work: () => Promise<void>): Promise<void> {
    this.requests = this.requests.then(work);
    return this.requests;
  }

  /** `limit` partners from the start, or after `after`; a failure is said in the count's place. */
  private async fetch(limit: number, after?: string): Promise<void> {
    try {
      const page = await this.context.api.directory({ query: this.query, limit, cursor: after });
      this.entries = after ? [...this.entries, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.problem = null;
    } catch (error) {
      this.problem = errorNotice(error).text;
    } finally {
      this.loaded = true;
    }
  }

  private onSearch(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.request(() => this.fetch(PAGE)), SEARCH_DELAY_MS);
  }

  /** The next page; focus goes to its first partner, where the reading goes on. */
  private async showMore(): Promise<void> {
    let first = -1;
    await this.request(async () => {
      if (!this.nextCursor) return; // a refresh meanwhile brought the whole list
      first = this.entries.length;
      await this.fetch(PAGE, this.nextCursor);
    });
    await this.updateComplete;
    if (first >= 0) this.querySelectorAll<HTMLButtonElement>('.directory ol button')[first]?.focus();
  }

  protected override render() {
    const { i18n, partnerId, openPartner, selected } = this.context;
    const { t } = i18n;
    const query = this.query.trim();
    const count = i18n.plural(this.nextCursor ? 'partnersShownMore' : 'partnersShown', this.entries.length);
    return html`<nav class="queue directory card" aria-labelledby="directory-title">
      <h2 id="directory-title">${t('directory')}</h2>
      <label class="search" for="directory-search">${t('findPartner')}</label>
      <input id="directory-search" type="search" autocomplete="off" spellcheck="false" maxlength="64" .value=${this.query}
        aria-describedby="directory-count" @input=${this.onSearch}>
      <p id="directory-count" class="meta" role="status">${!this.loaded ? '' : this.problem ? this.problem()
        : this.entries.length === 0 ? (query ? t('noPartnerMatches', { query }) : t('noPartners')) : count}</p>
      <ol>${this.entries.map((entry) => html`<li>
        <button type="button" aria-current=${partnerId === entry.partnerId && !selected ? 'true' : 'false'} @click=${() => openPartner(entry.partnerId)}>
          <strong>${entry.partnerId}</strong>
          <span class="meta">${entry.liveSince ? t('liveSince', { date: i18n.date(entry.liveSince) }) : t('nothingLive')}</span>
          ${entry.pendingDueAt ? html`<span class="meta">${t('status_pending')} · ${t('due')} ${i18n.date(entry.pendingDueAt)}
            ${entry.overdue ? html`<span class="badge overdue">${t('overdue')}</span>` : nothing}</span>` : nothing}
          ${entry.scheduledAt ? html`<span class="meta">${t('scheduledBadge')} · ${t('scheduledFor', { date: i18n.date(entry.scheduledAt) })}</span>` : nothing}
        </button></li>`)}</ol>
      ${this.nextCursor ? html`<button type="button" class="more" @click=${() => void this.showMore()}>${t('morePartners')}</button>` : nothing}
    </nav>`;
  }
}
