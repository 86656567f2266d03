import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { PageLangController, resolveLang, uiText, type Lang } from '../shared/i18n.ts';
import { MenubarController, renderMenubar, type MenubarEntry } from '../shared/menubar.ts';
import { cloudMenu, type MenuItem } from '../shared/model.ts';
import { layoutWidth, OverflowController, type RowWidths } from '../shared/overflow.ts';
import { baseStyles, menuStyles } from '../shared/styles.ts';
import { cloudMenuStyles, COMPACT_NAME_EM } from './cloud-menu.styles.ts';
import { CobrandElement } from '../shared/element.ts';

/** The cloud menu's widths, and its least width once the user name is cut short. */
export interface CloudMenuWidths extends RowWidths {
  compactMinimum: number;
}

/**
 * The console's own menus as the partner chose them: the resource drop-down, the
 * information entries, the partner's custom menus and the user-name drop-down. Each area
 * is the default catalog minus the partner's `hidden` entries plus its `custom` ones;
 * with no customization, exactly the cloud's default. Entries that do not fit the width
 * go, from the end, into an overflow menu ("⋯"); the user-name drop-down always stays.
 *
 * @tag cobrand-cloud-menu
 * @summary The cloud console's menus, as the partner chose them.
 *
 * @event {CustomEvent<NavigateDetail>} cobrand-navigate - An entry was clicked; `detail` is `{ area: 'info' | 'resource' | 'account' | 'custom', id, href }`. Cancelable.
 *
 * @csspart menubar - The row of top-level entries.
 * @csspart menu-link - A top-level entry that is a link.
 * @csspart menu-button - A top-level entry that opens a drop-down (including the overflow menu).
 * @csspart menu - A drop-down menu.
 * @csspart menu-item - An entry in a drop-down.
 *
 * @attr compact - Cuts the user name short (6em, with an ellipsis; the full name stays its accessible name and tooltip).
 */
export class CobrandCloudMenu extends CobrandElement {
  static {
    // Measuring then fitting is two renders by design (shared/overflow.ts): not the mistake Lit's development build warns of.
    this.disableWarning?.('change-in-update');
  }

  static override styles = [baseStyles, menuStyles, cloudMenuStyles];

  /** The customization document; only `cloudMenu` is read. */
  @property({ attribute: false }) config: unknown = null;

  /** `zh-CN` or `en-US`; by default the nearest `lang` up the document, then the browser's. */
  @property({ reflect: true }) override lang!: string;

  /** The signed-in user's name, shown on the user-name drop-down. */
  @property({ attribute: 'user-name' }) userName = '';

  /** Cuts the user name short, for narrow bars. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** The width `<cobrand-console>`'s layout gives the menu; unset, the menu fits its own width. */
  @property({ attribute: false }) layoutWidth?: number;

  private readonly menu = new MenubarController(this);
  private readonly overflow = new OverflowController(this);
  private readonly pageLang = new PageLangController(this);
  private nameSaving = 0;

  /** @internal What the menu needs: every entry, only "⋯" and the user menu, and that with the name cut short. */
  get rowWidths(): CloudMenuWidths | undefined {
    const widths = this.overflow.widths;
    return widths && { ...widths, compactMinimum: widths.minimum - this.nameSaving };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config') || changed.has('lang') || changed.has('userName')) {
      this.overflow.remeasure();
      this.menu.close();
    }
  }

  protected override render() {
    const lang: Lang = resolveLang(this);
    const text = uiText(lang);
    const view = cloudMenu(this.config, lang);
    const dropDown = (id: string, label: string, children: MenuItem[], area: MenuItem['area']): MenuItem[] =>
      children.length ? [{ id, label, newTab: false, area, children }] : [];
    const items = [...dropDown('resource', text.resources, view.resource, 'resource'), ...view.info, ...view.custom];
    const measuring = this.overflow.measuring;
    const shown = this.overflow.visibleCount(items.length);
    const entries: MenubarEntry[] = items.slice(0, shown).map((item) => ({ item }));
    if (measuring || shown < items.length) {
      const hidden = measuring ? items : items.slice(shown);
      entries.push({ item: { id: 'more', label: text.moreConsole, newTab: false, area: 'info', children: [] }, groups: hidden, className: 'more end' });
    }
    const name = this.userName || text.account;
    entries.push({ item: { id: 'account', label: name, newTab: false, area: 'account', children: view.account }, className: 'account end pinned', title: name });
    if (this.menu.activeIndex >= entries.length) this.menu.activeIndex = 0;
    return renderMenubar(this, this.menu, entries, {
      label: text.consoleMenu,
      newTabText: text.newTab,
      measuring,
      icon: (item) => (item.area === 'account' && item.id === 'account' ? { icon: userIcon }
        : item.id === 'more' ? { icon: moreIcon, iconOnly: true }
        : item.area === 'info' && item.id === 'messages' ? { icon: bellIcon, iconOnly: true } : undefined),
    });
  }

  /** Before the controller reads the row: what cutting the user name short saves (it is measured uncut). */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    if (!this.overflow.measuring) return;
    const label = this.renderRoot.querySelector('.pinned .label');
    if (!label) return;
    const width = layoutWidth(label);
    this.nameSaving = Math.max(0, width - COMPACT_NAME_EM * parseFloat(getComputedStyle(label).fontSize));
  }
}

const bellIcon = html`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2"
  d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4"/></svg>`;
const userIcon = html`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><circle cx="12" cy="8" r="4" fill="currentColor"/>
  <path fill="currentColor" d="M4 21a8 8 0 0 1 16 0z"/></svg>`;
const moreIcon = html`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><circle cx="5" cy="12" r="2" fill="currentColor"/>
  <circle cx="12" cy="12" r="2" fill="currentColor"/><circle cx="19" cy="12" r="2" fill="currentColor"/></svg>`;
