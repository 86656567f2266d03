import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PageLangController, resolveLang, uiText, type Lang, type UiText } from '../shared/i18n.ts';
import { announcement, contact, type AnnouncementView, type ContactView } from '../shared/model.ts';
import { announceNavigation } from '../shared/navigate.ts';
import { layoutWidth, MEASURE_EVENT } from '../shared/overflow.ts';
import { baseStyles } from '../shared/styles.ts';
import { TimeWindowController } from '../shared/time-windows.ts';
import { opsInfoStyles } from './ops-info.styles.ts';
import { CobrandElement } from '../shared/element.ts';

export type OpsInfoView = 'contact' | 'details' | 'announcement';

/**
 * The partner's operations information: contact details behind a "Support" button
 * (`view="contact"`), the same details laid out inline (`view="details"`, as in the
 * narrow-screen drawer), or the announcement as a dismissible strip (`view="announcement"`).
 * Renders nothing when the document has nothing for its view.
 *
 * @tag cobrand-ops-info
 * @summary Contact details and the announcement strip.
 *
 * @event {CustomEvent<NavigateDetail>} cobrand-navigate - A support or announcement link was clicked; `detail` is `{ area: 'operations', id: 'support' | 'email' | 'phone' | 'announcement', href }`. Cancelable.
 *
 * @attr compact - The contact button shows its icon alone (narrow bars).
 *
 * @csspart button - The "Support" button.
 * @csspart popover - The contact details pop-over.
 * @csspart details - The contact details list.
 * @csspart announcement - The announcement strip.
 * @csspart dismiss - The announcement's close button.
 *
 * @cssproperty [--cobrand-announcement-background] - Strip background (defaults by level: info, warning, critical).
 */
export class CobrandOpsInfo extends CobrandElement {
  static override styles = [baseStyles, opsInfoStyles];

  /** The customization document; only `operations` is read. */
  @property({ attribute: false }) config: unknown = null;

  /** `zh-CN` or `en-US`; by default the nearest `lang` up the document, then the browser's. */
  @property({ reflect: true }) override lang!: string;

  /** What to show: `contact`, `details` or `announcement`. */
  @property({ reflect: true }) view: OpsInfoView = 'contact';

  /** Shows the contact button as an icon alone (its name stays its accessible name and tooltip), for narrow bars. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /**
   * The moment to show the announcement as of (a `Date` or epoch milliseconds). Unset, the page's clock:
   * an announcement with `activeFrom` / `activeUntil` appears and goes at their boundaries without a reload.
   */
  @property({ attribute: false }) now: Date | number | null | undefined = undefined;

  @state() private open = false;
  @state() private dismissed = false;
  /** Dismissed by a press on this page: focus, which was on the gone button, goes to a short confirmation instead of the page's start. */
  @state() private dismissedHere = false;
  private focusConfirmation = false;
  private readonly windows = new TimeWindowController(this);
  private readonly pageLang = new PageLangController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onDocumentPointerDown, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config') || changed.has('view')) {
      this.dismissed = readDismissed(this.announcementKey());
      this.dismissedHere = false;
    }
  }

  protected override render() {
    const lang: Lang = resolveLang(this);
    const text = uiText(lang);
    if (this.view === 'announcement') return this.renderAnnouncement(announcement(this.windows.shown(this.config), lang), text);
    const details = contact(this.config, lang);
    if (!details) return nothing;
    if (this.view === 'details') return this.renderDetails(details, text);
    return html`<div class="contact" @keydown=${this.onKeydown} @focusout=${this.onFocusOut}>
      <button part="button" class="button" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="popover"
        title=${this.compact ? text.support : nothing} @click=${() => { this.open = !this.open; }}>${supportIcon}<span class=${this.compact ? 'label visually-hidden' : 'label'}>${text.support}</span></button>
      <div id="popover" part="popover" class="popover" role="group" aria-label=${text.support} ?hidden=${!this.open}>
        ${this.renderDetails(details, text)}
      </div>
    </div>`;
  }

  /** @internal The contact button's width with its label, and as an icon alone (0 when there is no button). */
  get buttonWidths(): { full: number; compact: number } {
    const button = this.renderRoot.querySelector('.button');
    const label = button?.querySelector('.label');
    if (!button || !label) return { full: 0, compact: 0 };
    const gap = parseFloat(getComputedStyle(button).columnGap) || 0;
    const labelWidth = this.compact ? label.scrollWidth : layoutWidth(label);
    const rendered = layoutWidth(button);
    const iconOnly = this.compact ? rendered : rendered - gap - labelWidth;
    return { full: iconOnly + gap + labelWidth, compact: iconOnly };
  }

  /** `empty` lets the bar's layout (and `:host([empty])`) drop a part with nothing to show. */
  protected override updated(): void {
    if (this.focusConfirmation) this.renderRoot.querySelector<HTMLElement>('.dismissed')?.focus();
    this.focusConfirmation = false;
    this.toggleAttribute('empty', this.renderRoot.childElementCount === 0);
    this.dispatchEvent(new Event(MEASURE_EVENT));
  }

  private renderDetails(details: ContactView, text: UiText) {
    return html`<dl part="details" class="details">
      ${details.phone ? html`<dt>${text.phone}</dt><dd>${this.link(details.phoneHref!, details.phone, 'phone')}</dd>` : nothing}
      ${details.email ? html`<dt>${text.email}</dt><dd>${this.link(`mailto:${details.email}`, details.email, 'email')}</dd>` : nothing}
      ${details.hours ? html`<dt>${text.hours}</dt><dd>${details.hours}</dd>` : nothing}
      ${details.href ? html`<dt>${text.supportPage}</dt><dd>${this.link(details.href, details.href.startsWith('/') ? details.href : new URL(details.href).host, 'support', true)}</dd>` : nothing}
    </dl>`;
  }

  private renderAnnouncement(view: AnnouncementView | undefined, text: UiText) {
    if (view && this.dismissed && this.dismissedHere) return html`<p class="dismissed visually-hidden" tabindex="-1" role="status">${text.dismissed}</p>`;
    if (!view || this.dismissed) return nothing;
    return html`<div part="announcement" class="announcement ${view.level}" role=${view.level === 'critical' ? 'alert' : 'status'}>
      <span class="announcement-text">${view.text}</span>
      ${view.href ? this.link(view.href, text.details, 'announcement', true) : nothing}
      <button part="dismiss" class="dismiss" type="button" aria-label=${text.dismiss} @click=${this.dismiss}>${closeIcon}</button>
    </div>`;
  }

  private link(href: string, label: string, id: string, newTab = false) {
    return html`<a href=${href} target=${newTab ? '_blank' : '_self'} rel=${newTab ? 'noopener noreferrer' : nothing}
      @click=${(event: MouseEvent) => { announceNavigation(this, event, { area: 'operations', id, href }); }}>${label}</a>`;
  }

  private readonly dismiss = (): void => {
    this.dismissed = true;
    this.dismissedHere = true;
    this.focusConfirmation = (this.renderRoot as ShadowRoot).activeElement?.classList.contains('dismiss') ?? false;
    writeDismissed(this.announcementKey());
  };

  private announcementKey(): string {
    const value = (this.config as { operations?: { announcement?: { text?: unknown } } } | null)?.operations?.announcement?.text;
    return `cobrand:dismissed:${hash(JSON.stringify(value ?? ''))}`;
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open) return;
    this.open = false;
    this.renderRoot.querySelector<HTMLButtonElement>('.button')?.focus();
    event.stopPropagation();
  };

  private readonly onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.renderRoot.contains(next)) this.open = false;
  };

  private readonly onDocumentPointerDown = (event: PointerEvent): void => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };
}

/** Storage can be missing or throw (sandboxed frames, privacy modes): dismissal then lasts for the page only. */
function readDismissed(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function writeDismissed(key: string): void {
  try {
    localStorage.setItem(key, '1');
  } catch {
    /* dismissed for this page only */
  }
}

function hash(text: string): string {
  let value = 5381;
  for (let i = 0; i < text.length; i++) value = ((value << 5) + value + text.charCodeAt(i)) | 0;
  return (value >>> 0).toString(36);
}

const supportIcon = html`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2"
  d="M4 14v-2a8 8 0 0 1 16 0v2M4 14h3v5H5a1 1 0 0 1-1-1zm16 0h-3v5h2a1 1 0 0 0 1-1z"/></svg>`;
const closeIcon = html`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path stroke="currentColor" stroke-width="2" d="M6 6l12 12M18 6 6 18"/></svg>`;
