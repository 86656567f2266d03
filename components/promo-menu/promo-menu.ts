import { LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { resolveLang, uiText, type Lang } from '../shared/i18n.ts';
import { MenubarController, renderMenubar, type MenubarEntry } from '../shared/menubar.ts';
import { promotionMenu } from '../shared/model.ts';
import { baseStyles, menuStyles } from '../shared/styles.ts';
import { OverflowController } from './overflow.ts';
import { promoMenuStyles } from './promo-menu.styles.ts';

/**
 * The partner's promotion menu: a menubar whose entries open drop-downs when they have
 * children. Entries that do not fit the available width collapse into "More".
 *
 * @tag cobrand-promo-menu
 * @summary The partner's own menu in the console bar.
 *
 * @event cobrand-navigate - An entry was clicked; `detail` is `{ area: 'promotion', id, href }`. Cancelable: a single-page host may route itself.
 *
 * @csspart menubar - The row of top-level entries.
 * @csspart menu-link - A top-level entry that is a link.
 * @csspart menu-button - A top-level entry that opens a drop-down (including "More").
 * @csspart menu - A drop-down menu.
 * @csspart menu-item - An entry in a drop-down.
 *
 * @cssproperty [--cobrand-menu-background=#fff] - Drop-down background.
 * @cssproperty [--cobrand-menu-color=#1f2329] - Drop-down text colour.
 */
export class CobrandPromoMenu extends LitElement {
  static override styles = [baseStyles, menuStyles, promoMenuStyles];

  /** The customization document; only `promotionMenu` is read. */
  @property({ attribute: false }) config: unknown = null;

  /** `zh-CN` or `en-US`; by default the nearest `lang` up the document, then the browser's. */
  @property({ reflect: true }) override lang!: string;

  private readonly menu = new MenubarController(this);
  private readonly overflow = new OverflowController(this, '.menubar > .item');

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config') || changed.has('lang')) {
      this.overflow.remeasure();
      this.menu.close();
    }
  }

  protected override render() {
    const lang: Lang = resolveLang(this);
    const text = uiText(lang);
    const items = promotionMenu(this.config, lang);
    if (items.length === 0) return nothing;
    const shown = this.overflow.measuring ? items.length : Math.min(this.overflow.visibleCount, items.length);
    const hidden = this.overflow.measuring ? items : items.slice(shown);
    const entries: MenubarEntry[] = items.slice(0, shown).map((item) => ({ item }));
    if (hidden.length > 0) {
      entries.push({ item: { id: 'more', label: text.more, newTab: false, area: 'promotion', children: [] }, groups: hidden, className: 'more end' });
    }
    if (this.menu.activeIndex >= entries.length) this.menu.activeIndex = 0;
    return renderMenubar(this, this.menu, entries, { label: text.partnerMenu, newTabText: text.newTab });
  }

  /** `empty` lets the bar's layout drop a part with nothing to show. */
  protected override updated(): void {
    this.toggleAttribute('empty', this.renderRoot.childElementCount === 0);
  }
}
