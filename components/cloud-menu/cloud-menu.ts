import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { resolveLang, uiText, type Lang } from '../shared/i18n.ts';
import { MenubarController, renderMenubar, type MenubarEntry } from '../shared/menubar.ts';
import { cloudMenu, type MenuItem } from '../shared/model.ts';
import { baseStyles, menuStyles } from '../shared/styles.ts';
import { cloudMenuStyles } from './cloud-menu.styles.ts';

/**
 * The console's own menus as the partner chose them: the resource drop-down, the
 * information entries, the partner's custom menus and the user-name drop-down. Each area
 * is the default catalog minus the partner's `hidden` entries plus its `custom` ones;
 * with no customization, exactly the cloud's default.
 *
 * @tag cobrand-cloud-menu
 * @summary The cloud console's menus, as the partner chose them.
 *
 * @event cobrand-navigate - An entry was clicked; `detail` is `{ area: 'info' | 'resource' | 'account' | 'custom', id, href }`. Cancelable.
 *
 * @csspart menubar - The row of top-level entries.
 * @csspart menu-link - A top-level entry that is a link.
 * @csspart menu-button - A top-level entry that opens a drop-down.
 * @csspart menu - A drop-down menu.
 * @csspart menu-item - An entry in a drop-down.
 */
export class CobrandCloudMenu extends LitElement {
  static override styles = [baseStyles, menuStyles, cloudMenuStyles];

  /** The customization document; only `cloudMenu` is read. */
  @property({ attribute: false }) config: unknown = null;

  /** `zh-CN` or `en-US`; by default the nearest `lang` up the document, then the browser's. */
  @property({ reflect: true }) override lang!: string;

  /** The signed-in user's name, shown on the user-name drop-down. */
  @property({ attribute: 'user-name' }) userName = '';

  private readonly menu = new MenubarController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('config') || changed.has('lang')) this.menu.close();
  }

  protected override render() {
    const lang: Lang = resolveLang(this);
    const text = uiText(lang);
    const view = cloudMenu(this.config, lang);
    const dropDown = (id: string, label: string, children: MenuItem[], area: MenuItem['area']): MenubarEntry[] =>
      children.length ? [{ item: { id, label, newTab: false, area, children } }] : [];
    const entries: MenubarEntry[] = [
      ...dropDown('resource', text.resources, view.resource, 'resource'),
      ...view.info.map((item) => ({ item })),
      ...view.custom.map((item) => ({ item })),
      { item: { id: 'account', label: this.userName || text.account, newTab: false, area: 'account', children: view.account }, className: 'account end' },
    ];
    if (this.menu.activeIndex >= entries.length) this.menu.activeIndex = 0;
    return renderMenubar(this, this.menu, entries, {
      label: text.consoleMenu,
      newTabText: text.newTab,
      icon: (item) => (item.area === 'account' && item.id === 'account' ? { icon: userIcon }
        : item.area === 'info' && item.id === 'messages' ? { icon: bellIcon, iconOnly: true } : undefined),
    });
  }
}

const bellIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none" stroke="currentColor" stroke-width="2"
  d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4"/></svg>`;
const userIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="8" r="4" fill="currentColor"/>
  <path fill="currentColor" d="M4 21a8 8 0 0 1 16 0z"/></svg>`;
