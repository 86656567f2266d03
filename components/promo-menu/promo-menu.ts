import { nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { PageLangController, resolveLang, uiText, type Lang } from '../shared/i18n.ts';
import { MenubarController, renderMenubar, type MenubarEntry } from '../shared/menubar.ts';
import { promotionMenu } from '../shared/model.ts';
import { OverflowController, type RowWidths } from '../shared/overflow.ts';
import { baseStyles, menuStyles } from '../shared/styles.ts';
import { TimeWindowController } from '../shared/time-windows.ts';
import { promoMenuStyles } from './promo-menu.styles.ts';
import { CobrandElement } from '../shared/element.ts';

/**
 * The partner's promotion menu: a menubar whose entries open drop-downs when they have
 * children. Entries that do not fit the available width collapse into "More", from the end.
 *
 * @tag cobrand-promo-menu
 * @summary The partner's own menu in the console bar.
 *
 * @event {CustomEvent<NavigateDetail>} cobrand-navigate - An entry was clicked; `detail` is `{ area: 'promotion', id, href }`. Cancelable: a single-page host may route itself.
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
export class CobrandPromoMenu extends CobrandElement {
  static {
    // Measuring then fitting is two renders by design (shared/overflow.ts): not the mistake Lit's development build warns of.
    this.disableWarning?.('change-in-update');
  }

  static override styles = [baseStyles, menuStyles, promoMenuStyles];

  /** The customization document; only `promotionMenu` is read. */
  @property({ attribute: false }) config: unknown = null;

  /** `zh-CN` or `en-US`; by default the nearest `lang` up the document, then the browser's. */
  @property({ reflect: true }) override lang!: string;

  /** The width `<cobrand-console>`'s layout gives the menu; unset, the menu fits its own width. */
  @property({ attribute: false }) layoutWidth?: number;

  /**
   * The moment to show the menu as of (a `Date` or epoch milliseconds). Unset, the page's clock:
   * entries with `activeFrom` / `activeUntil` appear and go at their boundaries without a reload.
   */
  @property({ attribute: false }) now: Date | number | null | undefined = undefined;

  private readonly menu = new MenubarController(this);
  private readonly overflow = new OverflowController(this);
  private readonly windows = new TimeWindowController(this);
  private readonly pageLang = new PageLangController(this);
  /** The document as it shows now (entries outside their time windows left out). */
  private shown: unknown = undefined;

  /** @internal What the menu needs: every entry shown, or only "More". */
  get rowWidths(): RowWidths | undefined {
    return this.overflow.widths;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const shown = this.windows.shown(this.config);
    if (shown !== this.shown || changed.has('lang')) {
      this.shown = shown;
      this.overflow.remeasure();
      this.menu.close();
    }
  }

  protected override render() {
    const lang: Lang = resolveLang(this);
    const text = uiText(lang);
    const items = promotionMenu(this.shown, lang);
    if (items.length === 0) return nothing;
    const measuring = this.overflow.measuring;
    const shown = this.overflow.visibleCount(items.length);
    const hidden = measuring ? items : items.slice(shown);
    const entries: MenubarEntry[] = items.slice(0, shown).map((item) => ({ item }));
    if (hidden.length > 0) {
      entries.push({ item: { id: 'more', label: text.more, newTab: false, area: 'promotion', children: [] }, groups: hidden, className: 'more' });
    }
    if (this.menu.activeIndex >= entries.length) this.menu.activeIndex = 0;
    return renderMenubar(this, this.menu, entries, { label: text.partnerMenu, newTabText: text.newTab, measuring });
  }

  /** `empty` lets the bar's layout drop a part with nothing to show. */
  protected override updated(): void {
    this.toggleAttribute('empty', this.renderRoot.childElementCount === 0);
  }
}
