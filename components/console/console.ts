import { html, isServer, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { pickTextColor } from '../../schema/contrast.ts';
import '../cobrand-brand.ts';
import '../cobrand-cloud-menu.ts';
import '../cobrand-ops-info.ts';
import '../cobrand-promo-menu.ts';
import { PageLangController, resolveLang, uiText, type Lang, type UiText } from '../shared/i18n.ts';
import { cloudMenu, navBackground, promotionMenu, type MenuItem } from '../shared/model.ts';
import { announceNavigation } from '../shared/navigate.ts';
import { baseStyles } from '../shared/styles.ts';
import type { Customization } from '../../schema/types.generated.ts';
import { consoleStyles } from './console.styles.ts';
import { BarLayoutController } from './bar-layout.ts';
import { CustomizationLoader } from './loader.ts';
import { TimeWindowController } from '../shared/time-windows.ts';
import { CobrandElement } from '../shared/element.ts';

/**
 * The whole console bar: dual brand, the partner's promotion menu, the cloud menu and the
 * operations information, with the announcement strip beneath. Give it a customization
 * document as `config`, or let it load the partner's approved one with `partner` and `api`.
 * With neither, or when loading fails, it shows exactly the cloud's default bar. While a first
 * load is out (no stored copy yet), the bar is empty and `aria-busy`: no one's brand shows.
 * As the bar narrows, promotion entries go into "More", then cloud-menu entries into "⋯",
 * then the user name is cut short and Contact becomes an icon; below 768 px of width (or
 * when even that does not fit) a menu button opens a drawer with the same entries.
 *
 * @tag cobrand-console
 * @summary The partner-branded cloud console bar.
 *
 * @slot cloud-logo - Replaces the cloud's own logo and name.
 *
 * @event {CustomEvent<NavigateDetail>} cobrand-navigate - A link in the bar was clicked; `detail` is `{ area, id, href }`. Bubbles, composed, cancelable: call `preventDefault()` to route in a single-page host. Not sent for a modified click (Ctrl, ⌘, Shift, Alt: a new tab or window).
 * @event {CustomEvent<LoadDetail>} cobrand-load - The customization was loaded; `detail` is `{ partner, source: 'network' | 'cache' | 'none', config }`.
 * @event {CustomEvent<ErrorDetail>} cobrand-error - Loading failed; `detail` is `{ partner, reason: 'timeout' | 'network' | 'http' | 'invalid', status?, message, fallback: 'cache' | 'default' }`. The bar still renders.
 *
 * @csspart bar - The bar.
 * @csspart drawer-button - The menu button on narrow screens.
 * @csspart drawer - The narrow-screen drawer (a modal dialog).
 * @csspart cloud - The cloud's logo link (of `<cobrand-brand>`, as are the next three).
 * @csspart divider - The line between the two brands.
 * @csspart partner-link - The link around the partner's logo.
 * @csspart partner-logo - The partner's logo image.
 * @csspart menubar - A row of top-level menu entries (the promotion menu's and the cloud menu's, as are the next four).
 * @csspart menu-link - A top-level entry that is a link.
 * @csspart menu-button - A top-level entry that opens a drop-down.
 * @csspart menu - A drop-down menu.
 * @csspart menu-item - An entry in a drop-down.
 * @csspart contact-button - The "Contact" button.
 * @csspart contact-popover - The contact details pop-over.
 * @csspart contact-details - The contact details list.
 * @csspart announcement - The announcement strip.
 * @csspart dismiss - The announcement's close button.
 *
 * @cssproperty [--cobrand-bar-background=#252b3a] - Bar colour when the partner sets none.
 * @cssproperty [--cobrand-bar-color=#fff] - Bar text colour when the partner sets no bar colour.
 * @cssproperty [--cobrand-bar-height=48px] - Bar height.
 * @cssproperty [--cobrand-font-family=system-ui] - Font of the bar.
 * @cssproperty [--cobrand-font-size=14px] - Font size of the bar.
 * @cssproperty [--cobrand-menu-background=#fff] - Drop-down and drawer background.
 * @cssproperty [--cobrand-menu-color=#1f2329] - Drop-down and drawer text colour.
 * @cssproperty [--cobrand-focus-color=#0b3d91] - Focus ring in drop-downs and the drawer.
 * @cssproperty [--cobrand-z-index=1000] - Stacking of drop-downs.
 */
export class CobrandConsole extends CobrandElement {
  static override styles = [baseStyles, consoleStyles];

  /** A customization document to render. When set, nothing is loaded. */
  @property({ attribute: false }) config: Customization | null | undefined = undefined;

  /** The partner's id: with `api`, the element loads the partner's approved customization. */
  @property() partner = '';

  /** The review service's base URL, e.g. `https://cobrand.example.com`. */
  @property() api = '';

  /** How long to wait for the service, in milliseconds, before keeping the stored copy or showing the default bar instead of the empty bar (a later answer still shows). */
  @property({ type: Number }) timeout = 3000;

  /** `zh-CN` or `en-US`; by default the nearest `lang` up the document, then the browser's. */
  @property({ reflect: true }) override lang!: string;

  /** The signed-in user's name, shown on the user-name drop-down. */
  @property({ attribute: 'user-name' }) userName = '';

  /** Where the cloud's logo leads. */
  @property({ attribute: 'home-href' }) homeHref = '/';

  /**
   * The moment to show the bar as of (a `Date` or epoch milliseconds), e.g. to preview a
   * promotion's time window. Unset, the page's clock: entries and the announcement with
   * `activeFrom` / `activeUntil` appear and go at their boundaries without a reload.
   */
  @property({ attribute: false }) now: Date | number | null | undefined = undefined;

  @state() private drawerOpen = false;
  @query('dialog') private drawer?: HTMLDialogElement;
  @query('.drawer-button') private drawerButton?: HTMLButtonElement;

  private readonly loader = new CustomizationLoader(this);
  private readonly windows = new TimeWindowController(this);
  private readonly pageLang = new PageLangController(this);
  /** The document as it shows now: {@link shownConfig} without what is outside its time window. */
  private activeConfig: Customization | null = null;
  private readonly layout = new BarLayoutController(this, () => {
    const find = <T extends Element>(selector: string) => this.renderRoot.querySelector<T & HTMLElement>(selector);
    return { bar: find('.bar'), brand: find('cobrand-brand'), promo: find('cobrand-promo-menu'), cloud: find('cobrand-cloud-menu'), contact: find('cobrand-ops-info[view=contact]') };
  });
  /** What the layout last measured: a change of any of these means measuring anew. */
  private measuredFor: unknown[] = [];

  /** The document being shown: `config` if given, else the loaded one, else `null` (the default bar). */
  private get shownConfig(): Customization | null {
    return this.config !== undefined ? this.config : this.loader.config;
  }

  /**
   * Without `config` or `partner` at its first update, the console renders only the empty bar
   * and renders in full on the next frame (still before that frame is painted): a host that
   * sets `config` from a later module script, or just after adding the element, would
   * otherwise have the cloud's default bar rendered and measured first, for nothing. (Not by
   * delaying the first update: Lit would then restore a `config` set before the element was
   * defined over one set during the wait.)
   */
  private waitingForConfig = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated && this.config === undefined && !this.partner) {
      this.waitingForConfig = true;
      void nextFrame().then(() => {
        this.waitingForConfig = false;
        this.requestUpdate();
      });
    }
    const source = changed.has('partner') || changed.has('api') || changed.has('timeout') || changed.has('config');
    if (source && this.config === undefined) void this.loader.load({ partner: this.partner, api: this.api, timeout: this.timeout });
    if (changed.has('config')) warnIfNotDocument(this.config);
    this.activeConfig = this.windows.shown(this.shownConfig);
    // An entry that appears or goes changes the document shown: the bar is planned anew.
    const measuredFor = [this.activeConfig, resolveLang(this), this.userName];
    if (measuredFor.some((value, index) => value !== this.measuredFor[index])) this.layout.invalidate();
    this.measuredFor = measuredFor;
    if (!this.layout.plan?.narrow) this.drawerOpen = false;
  }

  protected override render() {
    const config = this.activeConfig;
    const now = this.windows.time;
    const lang: Lang = resolveLang(this);
    const text = uiText(lang);
    const plan = this.layout.plan;
    const narrow = plan?.narrow === true;
    const wide = plan && !plan.narrow ? plan : undefined;
    const loading = this.config === undefined && this.loader.waiting;
    if (this.waitingForConfig || loading) return html`<nav class="bar unplanned" part="bar" aria-label=${text.navigation} aria-busy=${loading ? 'true' : nothing}></nav>`;
    return html`
      <nav class=${plan ? 'bar' : 'bar unplanned'} part="bar" aria-label=${text.navigation} style=${isServer ? styleText(barColors(config)) : nothing}>
        ${narrow ? html`<button class="drawer-button" part="drawer-button" type="button" aria-label=${text.openMenu}
          aria-haspopup="dialog" aria-expanded=${this.drawerOpen ? 'true' : 'false'} @click=${this.openDrawer}>${menuIcon}</button>` : nothing}
        <cobrand-brand exportparts=${BRAND_PARTS} .config=${config} lang=${lang} asset-base=${this.api} home-href=${this.homeHref} ?compact=${narrow}
          @cobrand-measure=${this.layout.update}>
          <slot name="cloud-logo" slot="cloud-logo"></slot>
        </cobrand-brand>
        ${narrow
          ? html`<span class="spacer"></span>`
          : html`<cobrand-promo-menu exportparts=${MENU_PARTS} .config=${config} .now=${now} lang=${lang} .layoutWidth=${wide?.promo ?? Number.POSITIVE_INFINITY} @cobrand-measure=${this.layout.update}></cobrand-promo-menu>
              <span class="spacer"></span>
              <cobrand-cloud-menu exportparts=${MENU_PARTS} .config=${config} lang=${lang} user-name=${this.userName} .layoutWidth=${wide?.cloud ?? Number.POSITIVE_INFINITY} ?compact=${wide?.compact}
                @cobrand-measure=${this.layout.update}></cobrand-cloud-menu>
              <cobrand-ops-info view="contact" exportparts=${CONTACT_PARTS} .config=${config} lang=${lang} ?compact=${wide?.compact} @cobrand-measure=${this.layout.update}></cobrand-ops-info>`}
      </nav>
      <cobrand-ops-info view="announcement" exportparts=${ANNOUNCEMENT_PARTS} .config=${config} .now=${now} lang=${lang}></cobrand-ops-info>
      ${narrow ? this.renderDrawer(config, lang, text) : nothing}`;
  }

  protected override updated(): void {
    this.paintColors();
    if (this.drawerOpen && this.drawer && !this.drawer.open) this.drawer.showModal();
  }

  /**
   * The partner's bar colour, set through CSSOM: a host page whose Content-Security-Policy has no
   * 'unsafe-inline' refuses a style attribute, but not this. (A pre-rendered bar has the attribute.)
   */
  private paintColors(): void {
    const bar = this.renderRoot.querySelector<HTMLElement>('.bar');
    if (!bar) return;
    for (const [name, value] of Object.entries(barColors(this.activeConfig))) {
      if (value) bar.style.setProperty(name, value);
      else bar.style.removeProperty(name);
    }
  }

  private renderDrawer(config: object | null, lang: Lang, text: UiText) {
    const view = cloudMenu(config, lang);
    const promotion = promotionMenu(config, lang);
    // tabindex -1: Chrome makes a scrolling container a tab stop of its own; its links are the stops.
    return html`<dialog part="drawer" class="drawer" tabindex="-1" aria-labelledby="drawer-title" @close=${this.onDrawerClose} @click=${this.onDrawerClick}>
      <div class="drawer-head">
        <h2 id="drawer-title" class="drawer-title">${text.menu}</h2>
        <button class="close" type="button" aria-label=${text.closeMenu} @click=${this.closeDrawer}>${closeIcon}</button>
      </div>
      <nav aria-labelledby="drawer-title">
        ${this.drawerSection(text.partnerMenu, promotion, text)}
        ${this.drawerSection(text.resources, view.resource, text)}
        ${this.drawerSection(text.consoleMenu, [...view.info, ...view.custom], text)}
        ${this.drawerSection(this.userName || text.account, view.account, text)}
      </nav>
      <section class="drawer-support" aria-label=${text.support}>
        <cobrand-ops-info view="details" .config=${config} lang=${lang}></cobrand-ops-info>
      </section>
    </dialog>`;
  }

  private drawerSection(title: string, items: MenuItem[], text: UiText) {
    if (items.length === 0) return nothing;
    return html`<h3>${title}</h3><ul>${items.map((item) => html`<li>
      ${item.href ? this.drawerLink(item, text) : html`<span class="group">${item.label}</span>`}
      ${item.children.length ? html`<ul>${item.children.map((child) => html`<li>${this.drawerLink(child, text)}</li>`)}</ul>` : nothing}
    </li>`)}</ul>`;
  }

  private drawerLink(item: MenuItem, text: UiText) {
    return html`<a href=${item.href!} data-id=${item.id} target=${item.newTab ? '_blank' : '_self'} rel=${item.newTab ? 'noopener noreferrer' : nothing}
      @click=${(event: MouseEvent) => {
        announceNavigation(this, event, { area: item.area, id: item.id, href: item.href! });
        this.closeDrawer();
      }}>${item.label}${item.newTab ? html`<span class="visually-hidden"> ${text.newTab}</span>` : nothing}</a>`;
  }

  private readonly openDrawer = (): void => {
    this.drawerOpen = true;
  };

  private readonly closeDrawer = (): void => {
    this.drawer?.close();
  };

  private readonly onDrawerClose = (): void => {
    this.drawerOpen = false;
    this.drawerButton?.focus();
  };

  /** A click on the backdrop (the dialog itself, outside its content) closes the drawer. */
  private readonly onDrawerClick = (event: MouseEvent): void => {
    if (event.target === this.drawer) this.closeDrawer();
  };
}

/** The next animation frame; in a hidden page, which has none, the next task. */
function nextFrame(): Promise<unknown> {
  return new Promise((resolve) => (document.visibilityState === 'hidden' ? setTimeout(resolve) : requestAnimationFrame(resolve)));
}

/** A host that sets JSON text (or an array) would otherwise see the default bar and no reason why. */
function warnIfNotDocument(config: unknown): void {
  if (config == null || (typeof config === 'object' && !Array.isArray(config))) return;
  console.warn(`<cobrand-console>: config must be a customization document (an object), not ${Array.isArray(config) ? 'an array' : `a ${typeof config}`}; the bar shows the cloud's default. Parse JSON text with JSON.parse first.`);
}

/** The bar's colour and the text colour that contrasts with it; empty values for the default bar. */
function barColors(config: Customization | null): Record<'--_bar-bg' | '--_bar-fg', string> {
  const background = navBackground(config);
  return { '--_bar-bg': background ?? '', '--_bar-fg': background ? pickTextColor(background).color : '' };
}

const styleText = (properties: Record<string, string>): string => Object.entries(properties).filter(([, value]) => value).map(([name, value]) => `${name}:${value}`).join(';');

/** The parts' own parts, styleable from the host page as `cobrand-console::part(…)` (the two menus share theirs). */
const BRAND_PARTS = 'cloud, divider, partner-link, partner-logo';
const MENU_PARTS = 'menubar, menu-link, menu-button, menu, menu-item';
const CONTACT_PARTS = 'button: contact-button, popover: contact-popover, details: contact-details';
const ANNOUNCEMENT_PARTS = 'announcement, dismiss';

const menuIcon = html`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
  <path stroke="currentColor" stroke-width="2" d="M3 6h18M3 12h18M3 18h18"/></svg>`;
const closeIcon = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path stroke="currentColor" stroke-width="2" d="M6 6l12 12M18 6 6 18"/></svg>`;
