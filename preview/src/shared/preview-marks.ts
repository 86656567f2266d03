/**
 * Which element of a rendered `<cobrand-console>` a JSON Pointer of its document is about, so
 * the preview can draw a mark over it. This reads the bar's shadow trees from outside: it lives
 * in the preview app, never in the embed bundle that sub-customers load.
 */
import { getAt, tokens } from './pointer.ts';

const visible = (element: Element | null | undefined): HTMLElement | undefined =>
  element instanceof HTMLElement && element.getBoundingClientRect().width > 0 ? element : undefined;

/** A top-level entry of a menubar by its id, or the "More" entry it went into. */
function menuEntry(menu: Element | null | undefined, id: unknown): HTMLElement | undefined {
  const row = menu?.shadowRoot?.querySelector('.menubar:not(.measuring)');
  if (!row) return undefined;
  const top = (wanted: string) => visible(row.querySelector(`:scope > .item > [data-id="${CSS.escape(wanted)}"]`));
  return (typeof id === 'string' ? top(id) : undefined) ?? top('more');
}

/** The element to mark for `pointer` in `config` rendered by `bar`: the entry, the part of the bar, or the whole bar. */
export function markTarget(bar: Element, config: unknown, pointer: string): HTMLElement | undefined {
  const root = bar.shadowRoot;
  if (!root) return undefined;
  const path = tokens(pointer);
  // A text or logo of one language (…/zh-CN, …/en-US/src) is on that language's bar only.
  const lang = path.find((token) => token === 'zh-CN' || token === 'en-US');
  if (lang && (bar as HTMLElement).lang !== lang) return undefined;
  const [part, second, third, fourth] = path;
  const whole = visible(root.querySelector('.bar'));
  // On a narrow screen the entries are in the drawer: the menu button stands for them.
  const drawer = visible(root.querySelector('.drawer-button'));
  switch (part) {
    case 'brand': {
      const brand = root.querySelector('cobrand-brand');
      return visible(brand?.shadowRoot?.querySelector('[part="partner-link"]')) ?? visible(brand) ?? whole;
    }
    case 'promotionMenu': {
      if (drawer) return drawer;
      const id = second === undefined ? undefined : getAt(config, `/promotionMenu/${second}/id`);
      const menu = root.querySelector('cobrand-promo-menu');
      return menuEntry(menu, id) ?? visible(menu) ?? whole;
    }
    case 'cloudMenu': {
      if (drawer) return drawer;
      const menu = root.querySelector('cobrand-cloud-menu');
      const id = second === 'custom' ? getAt(config, `/cloudMenu/custom/${third}/id`)
        : second === 'info' && third === 'custom' && fourth !== undefined ? getAt(config, `/cloudMenu/info/custom/${fourth}/id`)
        : second === 'resource' || second === 'account' ? second : undefined;
      return (id === undefined ? undefined : menuEntry(menu, id)) ?? visible(menu) ?? whole;
    }
    case 'operations': {
      const view = second === 'announcement' ? 'announcement' : 'contact';
      const info = root.querySelector(`cobrand-ops-info[view="${view}"]`);
      return visible(info?.shadowRoot?.firstElementChild) ?? visible(info) ?? drawer ?? whole;
    }
    default:
      return whole;
  }
}
