/**
 * The WAI-ARIA menubar pattern, shared by the promotion menu and the cloud menu:
 * a row of top-level items with a roving tabindex, some of which open a drop-down menu.
 *
 * Keys on the bar: ←/→ move (wrapping), Home/End go to the ends, ↓/Enter/Space open a
 * drop-down at its first item and ↑ at its last, Escape closes. In a drop-down: ↑/↓ move
 * (wrapping), Home/End, Escape closes and returns focus to its button, ←/→ go to the
 * neighbouring top-level item, Tab closes it and leaves the bar. Space follows a link as
 * Enter does; choosing an entry returns focus to its drop-down's button. A letter moves to the
 * next item starting with it (type-ahead). A click outside, or focus leaving the element,
 * closes any drop-down.
 */
import { html, nothing, type LitElement, type ReactiveController, type TemplateResult } from 'lit';
import { announceNavigation } from './navigate.ts';
import type { MenuItem } from './model.ts';

export class MenubarController implements ReactiveController {
  /** Index of the top-level item whose drop-down is open, or -1. */
  openIndex = -1;
  /** Index of the top-level item that Tab reaches (roving tabindex). */
  activeIndex = 0;

  constructor(private readonly host: LitElement) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('pointerdown', this.onDocumentPointerDown, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.onDocumentPointerDown, true);
  }

  async open(index: number, focus: 'first' | 'last' | 'none' = 'none'): Promise<void> {
    this.openIndex = index;
    this.activeIndex = index;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const items = this.menuItems(index);
    if (focus === 'first') items[0]?.focus();
    if (focus === 'last') items.at(-1)?.focus();
  }

  close(returnFocus = false): void {
    const index = this.openIndex;
    if (index === -1) return;
    this.openIndex = -1;
    this.host.requestUpdate();
    if (returnFocus) this.topItems()[index]?.focus();
  }

  toggle(index: number): void {
    if (this.openIndex === index) this.close();
    else void this.open(index);
  }

  readonly onKeydown = (event: KeyboardEvent): void => {
    const target = event.composedPath()[0] as HTMLElement;
    const top = this.topItems();
    const topIndex = top.indexOf(target);
    const handled = this.typeAhead(event, topIndex, target)
      || (topIndex >= 0 ? this.onTopKey(event.key, topIndex, target) : this.onMenuKey(event.key, target));
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  readonly onFocusIn = (event: FocusEvent): void => {
    const index = this.topItems().indexOf(event.composedPath()[0] as HTMLElement);
    if (index >= 0 && index !== this.activeIndex) {
      this.activeIndex = index;
      this.host.requestUpdate();
    }
  };

  readonly onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.host.renderRoot.contains(next)) this.close();
  };

  private onTopKey(key: string, index: number, target: HTMLElement): boolean {
    const count = this.topItems().length;
    const hasMenu = target.getAttribute('aria-haspopup') === 'menu';
    switch (key) {
      case 'ArrowRight': return this.focusTop((index + 1) % count);
      case 'ArrowLeft': return this.focusTop((index - 1 + count) % count);
      case 'Home': return this.focusTop(0);
      case 'End': return this.focusTop(count - 1);
      case 'ArrowDown':
      case 'Enter':
      case ' ':
        if (hasMenu) void this.open(index, 'first');
        else if (key === ' ') target.click();
        return hasMenu || key === ' ';
      case 'ArrowUp':
        if (hasMenu) void this.open(index, 'last');
        return hasMenu;
      case 'Escape':
        this.close(true);
        return true;
      default:
        return false;
    }
  }

  private onMenuKey(key: string, target: HTMLElement): boolean {
    const index = this.openIndex;
    if (index === -1) return false;
    const items = this.menuItems(index);
    const position = items.indexOf(target);
    if (position === -1) return false;
    const count = this.topItems().length;
    switch (key) {
      case 'ArrowDown': items[(position + 1) % items.length]!.focus(); return true;
      case 'ArrowUp': items[(position - 1 + items.length) % items.length]!.focus(); return true;
      case 'Home': items[0]!.focus(); return true;
      case 'End': items.at(-1)!.focus(); return true;
      case 'Escape': this.close(true); return true;
      case 'ArrowRight': this.close(); return this.focusTop((index + 1) % count);
      case 'ArrowLeft': this.close(); return this.focusTop((index - 1 + count) % count);
      case 'Tab':
        // From the menu's own top-level item, the browser's Tab leaves the bar (its other items are tabindex -1).
        this.close(true);
        return false;
      case ' ': target.click(); return true;
      default: return false;
    }
  }

  private typed = '';
  private typedAt = 0;

  /**
   * Type-ahead: a letter moves to the next item whose name starts with it; letters typed
   * within half a second spell a longer beginning. Any other key ends the word.
   */
  private typeAhead(event: KeyboardEvent, topIndex: number, target: HTMLElement): boolean {
    const { key } = event;
    if ([...key].length !== 1 || key === ' ' || event.ctrlKey || event.metaKey || event.altKey) {
      this.typed = '';
      return false;
    }
    const items = topIndex >= 0 ? this.topItems() : this.openIndex === -1 ? [] : this.menuItems(this.openIndex);
    const current = items.indexOf(target);
    if (current === -1) return false;
    const letter = key.toLowerCase();
    this.typed = event.timeStamp - this.typedAt < 500 ? this.typed + letter : letter;
    this.typedAt = event.timeStamp;
    let index = this.match(items, current, this.typed);
    if (index === undefined && this.typed !== letter) {
      // A word that matches nothing starts again from this letter.
      this.typed = letter;
      index = this.match(items, current, letter);
    }
    if (index === undefined) return true;
    if (topIndex >= 0) this.focusTop(index);
    else items[index]!.focus();
    return true;
  }

  /** The next item after `current` whose name starts with `word` (one letter pressed again and again steps through them). */
  private match(items: HTMLElement[], current: number, word: string): number | undefined {
    const repeated = [...word].every((letter) => letter === word[0]);
    const prefix = repeated ? word[0]! : word;
    const from = repeated ? current + 1 : current;
    for (let step = 0; step < items.length; step++) {
      const index = (from + step) % items.length;
      if (items[index]!.textContent!.trim().toLowerCase().startsWith(prefix)) return index;
    }
    return undefined;
  }

  private focusTop(index: number): boolean {
    this.close();
    this.activeIndex = index;
    this.host.requestUpdate();
    this.topItems()[index]?.focus();
    return true;
  }

  private readonly onDocumentPointerDown = (event: PointerEvent): void => {
    if (this.openIndex !== -1 && !event.composedPath().includes(this.host)) this.close();
  };

  private topItems(): HTMLElement[] {
    return [...this.host.renderRoot.querySelectorAll<HTMLElement>('[role=menubar] > [role=none] > [role=menuitem]')];
  }

  private menuItems(index: number): HTMLElement[] {
    const wrapper = this.host.renderRoot.querySelectorAll('[role=menubar] > [role=none]')[index];
    return [...(wrapper?.querySelectorAll<HTMLElement>('[role=menu] [role=menuitem]') ?? [])];
  }
}

export interface MenubarOptions {
  label: string;
  /** Read after "(opens in a new tab)" links. */
  newTabText: string;
  /** An icon before a top-level item's label; with `iconOnly`, the label is only read, not shown. */
  icon?: (item: MenuItem) => { icon: TemplateResult; iconOnly?: boolean } | undefined;
  /** The render that draws every item invisibly so that the row can be measured. */
  measuring?: boolean;
}

/** A top-level entry: a link, or a button with a drop-down (whose first entry is the parent's own link, if it has one). */
export interface MenubarEntry {
  item: MenuItem;
  /** Groups shown in the drop-down instead of `item.children` (the "More" menu's overflowed entries). */
  groups?: MenuItem[];
  className?: string;
  /** A tooltip, for an entry whose label may be cut short. */
  title?: string;
}

export function renderMenubar(host: LitElement, menu: MenubarController, entries: MenubarEntry[], options: MenubarOptions): TemplateResult {
  return html`<div role="menubar" aria-label=${options.label} part="menubar" class=${options.measuring ? 'menubar measuring' : 'menubar'}
    @keydown=${menu.onKeydown} @focusin=${menu.onFocusIn} @focusout=${menu.onFocusOut}>
    ${entries.map((entry, index) => renderTop(host, menu, entry, index, options))}
  </div>`;
}

function renderTop(host: LitElement, menu: MenubarController, entry: MenubarEntry, index: number, options: MenubarOptions): TemplateResult {
  const { item } = entry;
  const tabindex = index === menu.activeIndex ? 0 : -1;
  const decoration = options.icon?.(item);
  const hasMenu = item.children.length > 0 || (entry.groups?.length ?? 0) > 0;
  if (!hasMenu) {
    return html`<div role="none" class="item ${entry.className ?? ''}">${renderLink(host, menu, item, options, tabindex, 'top', decoration)}</div>`;
  }
  const open = menu.openIndex === index;
  const menuId = `menu-${index}`;
  return html`<div role="none" class="item ${entry.className ?? ''}">
    <button role="menuitem" part="menu-button" class="top" type="button" tabindex=${tabindex}
      title=${entry.title ?? (decoration?.iconOnly ? item.label : nothing)} data-id=${item.id} aria-haspopup="menu" aria-expanded=${open ? 'true' : 'false'} aria-controls=${menuId}
      @click=${() => menu.toggle(index)}>${decoration?.icon ?? nothing}<span class=${decoration?.iconOnly ? 'label visually-hidden' : 'label'}>${item.label}</span><span class="caret" aria-hidden="true"></span></button>
    <div role="menu" id=${menuId} part="menu" class="menu" aria-label=${item.label} ?hidden=${!open}>
      ${entry.groups
        ? entry.groups.map((group) => renderGroup(host, menu, group, options))
        : [item.href ? renderLink(host, menu, { ...item, children: [] }, options, -1, 'entry') : nothing,
           item.children.map((child) => renderLink(host, menu, child, options, -1, 'entry'))]}
    </div>
  </div>`;
}

function renderGroup(host: LitElement, menu: MenubarController, item: MenuItem, options: MenubarOptions): TemplateResult {
  if (item.children.length === 0) return renderLink(host, menu, item, options, -1, 'entry');
  return html`<div role="group" aria-label=${item.label} class="group">
    <div class="group-label" aria-hidden="true">${item.label}</div>
    ${item.href ? renderLink(host, menu, { ...item, children: [] }, options, -1, 'entry') : nothing}
    ${item.children.map((child) => renderLink(host, menu, child, options, -1, 'entry'))}
  </div>`;
}

function renderLink(host: LitElement, menu: MenubarController, item: MenuItem, options: MenubarOptions, tabindex: number, place: 'top' | 'entry', decoration?: { icon: TemplateResult; iconOnly?: boolean }): TemplateResult {
  const onClick = (event: MouseEvent) => {
    announceNavigation(host, event, { area: item.area, id: item.id, href: item.href! });
    // As the menu-button pattern asks: choosing an entry returns focus to its drop-down's button.
    menu.close(place === 'entry');
  };
  return html`<a role="menuitem" part=${place === 'top' ? 'menu-link' : 'menu-item'} class=${place}
    href=${item.href!} target=${item.newTab ? '_blank' : '_self'} rel=${item.newTab ? 'noopener noreferrer' : nothing}
    tabindex=${tabindex} data-id=${item.id} title=${decoration?.iconOnly || place === 'entry' ? item.label : nothing} @click=${onClick}>${decoration?.icon ?? nothing}<span
      class=${decoration?.iconOnly ? 'label visually-hidden' : 'label'}>${item.label}</span>${item.newTab
      ? html`<span class="visually-hidden">${options.newTabText}</span>`
      : nothing}</a>`;
}
