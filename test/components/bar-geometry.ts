/**
 * What a sub-customer sees of the bar, as geometry: the boxes of every visible link,
 * button and logo in the bar's row (through the shadow roots), and whether each entry of a
 * document can be reached (in the row, in a "More"/overflow menu, or in the drawer).
 */
import { cloudMenu, promotionMenu, type MenuItem } from '../../components/shared/model.ts';
import type { Lang } from '../../components/shared/i18n.ts';
import { deepElements, deepQuery } from './helpers.ts';

interface Box { name: string; rect: DOMRect; owner: Element }

/** Links, buttons and logos drawn in the bar's row (not in drop-downs, pop-overs or the drawer). */
function rowBoxes(el: Element): Box[] {
  const bar = deepQuery(el, '.bar');
  const inRow = (node: Element) => {
    for (let at: Node | null = node; at && at !== el; at = at.parentNode ?? (at as ShadowRoot).host ?? null) {
      if (at instanceof Element && at.matches('[role=menu], dialog, [part=popover]')) return false;
    }
    return true;
  };
  return deepElements(bar)
    .filter((node) => node.matches('a, button, img, .logo-text') && !(node.matches('img, .logo-text') && node.closest('a')))
    .filter((node) => inRow(node) && node.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
    .map((node) => ({ node, rect: node.getBoundingClientRect() }))
    .filter(({ rect }) => rect.width > 1 && rect.height > 1)
    .map(({ node, rect }) => ({
      name: `${node.localName}${node.getAttribute('data-id') ? `#${node.getAttribute('data-id')}` : ''} "${(node.textContent ?? '').trim().slice(0, 24) || node.getAttribute('aria-label') || node.getAttribute('alt') || ''}"`,
      rect,
      owner: (node.getRootNode() as ShadowRoot).host,
    }));
}

const EPSILON = 0.5;

/** Overlaps between row items, items outside the bar, and items outside their own part. */
export function layoutProblems(el: Element): string[] {
  const problems: string[] = [];
  const bar = deepQuery(el, '.bar').getBoundingClientRect();
  const boxes = rowBoxes(el);
  for (const [index, box] of boxes.entries()) {
    const { rect } = box;
    if (rect.left < bar.left - EPSILON || rect.right > bar.right + EPSILON || rect.top < bar.top - EPSILON || rect.bottom > bar.bottom + EPSILON) {
      problems.push(`${box.name} [${Math.round(rect.left)}–${Math.round(rect.right)}] is outside the bar [${Math.round(bar.left)}–${Math.round(bar.right)}]`);
    }
    const part = box.owner.getBoundingClientRect();
    if (box.owner !== el && (rect.left < part.left - EPSILON || rect.right > part.right + EPSILON)) {
      problems.push(`${box.name} [${Math.round(rect.left)}–${Math.round(rect.right)}] is clipped by its part ${box.owner.localName} [${Math.round(part.left)}–${Math.round(part.right)}]`);
    }
    for (const other of boxes.slice(index + 1)) {
      const width = Math.min(rect.right, other.rect.right) - Math.max(rect.left, other.rect.left);
      const height = Math.min(rect.bottom, other.rect.bottom) - Math.max(rect.top, other.rect.top);
      if (width > EPSILON && height > EPSILON) problems.push(`${box.name} overlaps ${other.name} by ${width.toFixed(1)} px`);
    }
  }
  return problems;
}

/** Ids of a document's entries that have a link, in the bar's order of areas. */
export function linkedEntries(config: unknown, lang: Lang): MenuItem[] {
  const view = cloudMenu(config, lang);
  const all = [...promotionMenu(config, lang), ...view.resource, ...view.info, ...view.custom, ...view.account];
  return all.flatMap((item) => [...(item.href ? [item] : []), ...item.children]);
}

/** Entries whose link is neither shown in the row, nor in a menu whose button is shown, nor in the drawer. */
export function unreachableEntries(el: Element, config: unknown, lang: Lang): string[] {
  const links = deepElements(el).filter((node): node is HTMLAnchorElement => node.matches('a[data-id]'));
  const reachable = (link: HTMLAnchorElement) => {
    if (link.closest('dialog')) return true;
    const menu = link.closest('[role=menu]');
    if (!menu) return link.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && link.getBoundingClientRect().width > 1;
    const button = menu.previousElementSibling;
    return !!button && button.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && button.getBoundingClientRect().width > 1;
  };
  return linkedEntries(config, lang)
    .filter((item) => !links.some((link) => link.dataset.id === item.id && link.getAttribute('href') === item.href && reachable(link)))
    .map((item) => `${item.area}/${item.id} "${item.label}"`);
}

/** The layout's steps happen in order: cloud entries overflow only once every promotion entry is in "More", names shrink only once every cloud entry has overflowed. */
export function orderProblems(el: Element): string[] {
  const shown = (part: string, selector: string) => deepElements(el)
    .filter((node) => node.localName === part)
    .flatMap((host) => deepElements(host).filter((node) => node.matches(selector) && node.checkVisibility({ visibilityProperty: true }) && node.getBoundingClientRect().width > 1));
  const promoEntries = shown('cobrand-promo-menu', '[role=menubar] > .item:not(.more) > [role=menuitem]').length;
  const cloudEntries = shown('cobrand-cloud-menu', '[role=menubar] > .item:not(.more):not(.pinned) > [role=menuitem]').length;
  const cloudOverflow = shown('cobrand-cloud-menu', '[role=menubar] > .more > [role=menuitem]').length > 0;
  const compact = deepElements(el).some((node) => node.localName === 'cobrand-cloud-menu' && node.hasAttribute('compact'));
  const problems: string[] = [];
  const promoMore = shown('cobrand-promo-menu', '[role=menubar] > .more > [role=menuitem]').length > 0;
  const promoWidth = deepElements(el).find((node) => node.localName === 'cobrand-promo-menu')?.getBoundingClientRect().width ?? 0;
  // Entries that are together narrower than a "More" button (about 60 px) may stay: More would not save room.
  const promoAtLeast = !promoMore && promoWidth <= 100;
  if (cloudOverflow && promoEntries > 0 && !promoAtLeast) problems.push(`cloud entries overflow while ${promoEntries} promotion entries are shown`);
  if (compact && cloudEntries > 0) problems.push(`the user name is cut short while ${cloudEntries} cloud entries are shown`);
  return problems;
}
