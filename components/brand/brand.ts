import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PageLangController, resolveLang, uiText, type Lang } from '../shared/i18n.ts';
import { partnerLogo, type LogoView } from '../shared/model.ts';
import { announceNavigation } from '../shared/navigate.ts';
import { MEASURE_EVENT } from '../shared/overflow.ts';
import { baseStyles } from '../shared/styles.ts';
import { brandStyles } from './brand.styles.ts';
import { CobrandElement } from '../shared/element.ts';

/**
 * The dual brand: the cloud's logo, a divider, and the partner's logo (for the current
 * language) with its click-through link.
 *
 * @tag cobrand-brand
 * @summary Cloud logo beside the partner's logo.
 *
 * @slot cloud-logo - Replaces the cloud's own logo and name.
 *
 * @event {CustomEvent<NavigateDetail>} cobrand-navigate - A brand link was clicked; `detail` is `{ area: 'brand', id: 'cloud' | 'logo', href }`. Cancelable.
 *
 * @csspart cloud - The cloud's logo link.
 * @csspart divider - The line between the two brands.
 * @csspart partner-link - The link around the partner's logo.
 * @csspart partner-logo - The partner's logo image.
 *
 * @cssproperty [--cobrand-logo-height=28px] - Height of both logos.
 *
 * @attr compact - Narrow screens: shows the cloud's mark without its name (still read by screen readers).
 */
export class CobrandBrand extends CobrandElement {
  static override styles = [baseStyles, brandStyles];

  /** The customization document; only `brand` is read. */
  @property({ attribute: false }) config: unknown = null;

  /** `zh-CN` or `en-US`; by default the nearest `lang` up the document, then the browser's. */
  @property({ reflect: true }) override lang!: string;

  /** Where uploaded logos (`/assets/…`) are served from: the review service's origin. */
  @property({ attribute: 'asset-base' }) assetBase = '';

  /** Where the cloud's logo leads. */
  @property({ attribute: 'home-href' }) homeHref = '/';

  /** Narrow screens: the cloud's name is read but not shown, leaving room for the partner's logo. */
  @property({ type: Boolean, reflect: true }) compact = false;

  @state() private failedSrc = '';
  /** Whether something (possibly through a forwarding slot) fills `cloud-logo`. */
  @state() private hasCloudLogo = false;
  private readonly pageLang = new PageLangController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config')) this.failedSrc = '';
  }

  protected override render() {
    const lang: Lang = resolveLang(this);
    const text = uiText(lang);
    const logo = partnerLogo(this.config, lang, this.assetBase);
    return html`<div class="brand">
      <a class="cloud" part="cloud" href=${this.homeHref}
        @click=${(event: MouseEvent) => announceNavigation(this, event, { area: 'brand', id: 'cloud', href: this.homeHref })}>
        <slot name="cloud-logo" @slotchange=${this.onCloudLogoChange}></slot>
        ${this.hasCloudLogo ? nothing : html`${cloudMark}<span class=${this.compact ? 'cloud-name visually-hidden' : 'cloud-name'}>${text.cloudName}</span>`}
      </a>
      ${logo ? html`<span class="divider" part="divider" aria-hidden="true"></span>${this.renderLogo(logo, text.home)}` : nothing}
    </div>`;
  }

  /** The brand's width may have changed: the bar's layout plans anew. */
  protected override updated(): void {
    this.announceSize();
  }

  private readonly announceSize = (): void => {
    this.dispatchEvent(new Event(MEASURE_EVENT));
  };

  /** Flattened, so that a slot forwarded by `<cobrand-console>` with nothing in it counts as empty. */
  private readonly onCloudLogoChange = (event: Event): void => {
    const nodes = (event.target as HTMLSlotElement).assignedNodes({ flatten: true });
    this.hasCloudLogo = nodes.some((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim());
  };

  /** With its size known, the image keeps its room (width and height give its aspect ratio) before it arrives. */
  private renderLogo({ src, alt, href, width, height }: LogoView, homeText: string) {
    const image = src === this.failedSrc
      ? html`<span class="logo-text" part="partner-logo">${alt}</span>`
      : html`<img part="partner-logo" class="logo" src=${src} alt=${alt} width=${width ?? nothing} height=${height ?? nothing}
          decoding="async" referrerpolicy="no-referrer" @load=${this.announceSize} @error=${() => { this.failedSrc = src; }}>`;
    if (!href) return image;
    return html`<a class="partner" part="partner-link" href=${href} target="_blank" rel="noopener noreferrer" title="${alt} ${homeText}"
      @click=${(event: MouseEvent) => announceNavigation(this, event, { area: 'brand', id: 'logo', href })}>${image}</a>`;
  }
}

const cloudMark = html`<svg class="cloud-mark" viewBox="0 0 32 20" width="28" height="18" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M25.5 8.1A9 9 0 0 0 8.3 5.6 7.2 7.2 0 0 0 7.2 20h18a6 6 0 0 0 .3-11.9z"/></svg>`;
