/** Editing a list of menu entries: add (up to the limit), remove, reorder (buttons, so the keyboard works too), and sub-entries. */
import { html, nothing, type TemplateResult } from 'lit';
import { CLOUD_MENU_CATALOG } from '../../../schema/catalog.ts';
import { sendNotice } from '../shared/notice.ts';
import { getAt, setAt, tokens } from '../shared/pointer.ts';
import { commentNote, errorText, fieldId, textField, type FieldContext } from './fields.ts';
import { maxItemsAt } from './limits.ts';
import { windowFields } from './window-fields.ts';

export interface MenuContext extends FieldContext {
  /** Moves entry `index` of the list at `path` by `delta`, then keeps focus on the moved entry. */
  move(path: string, index: number, delta: number): void;
  /** An entry was added at `path`: its empty fields wait to be left before they show errors. */
  added(path: string): void;
  /** Whether the entry at `path` was added in this session (its id may still follow its English name). */
  isNew(path: string): boolean;
}

type Entry = { id?: unknown; label?: Record<string, unknown>; target?: unknown; children?: Entry[] };

export interface EntryListOptions {
  withChildren: boolean;
  addLabel: string;
  /** Entries may have a time window (the promotion menu's). */
  withWindow?: boolean;
}

export function entryList(context: MenuContext, path: string, options: EntryListOptions): TemplateResult {
  const { addLabel } = options;
  const list = (getAt(context.doc, path) as Entry[] | undefined) ?? [];
  const id = fieldId(path);
  const max = maxItemsAt(path) ?? Infinity;
  const full = list.length >= max;
  // Focus goes to the new entry (named by its heading; Tab leads into its fields): the button may
  // have just become disabled (the list is full), which would drop focus to the page. Not into a
  // field, which, left empty, would show its error before the partner typed anything.
  const add = async (event: MouseEvent) => {
    const root = (event.currentTarget as HTMLElement).getRootNode() as ParentNode;
    const added = `${path}/${list.length}`;
    context.set(path, [...list, newEntry(context.doc, path)]);
    context.added(added);
    await new Promise(requestAnimationFrame);
    root.querySelector<HTMLElement>(`li.entry[data-path="${added}"]`)?.focus();
  };
  return html`<div class="entries" data-path=${path} tabindex="-1" aria-describedby=${context.errorAt(path) ? `${id}-error` : nothing}>
    ${errorText(id, context.errorAt(path))}
    ${list.length ? html`<ol class="entry-list">${list.map((entry, index) => entryItem(context, `${path}/${index}`, entry, index, list.length, options))}</ol>` : nothing}
    <div class="add-row">
      <button type="button" data-action="add" ?disabled=${full} aria-describedby="${id}-count" @click=${add}>＋ ${addLabel}</button>
      <span class="counter ${full ? 'full' : ''}" id="${id}-count">${context.i18n.t(list.length > max ? 'countOver' : full ? 'countFull' : 'countOf', { count: list.length, max, extra: list.length - max })}</span>
    </div>
  </div>`;
}

function entryItem(context: MenuContext, path: string, entry: Entry, index: number, count: number, { withChildren, withWindow }: EntryListOptions): TemplateResult {
  const { i18n } = context;
  const name = entryName(entry, i18n.lang) || `${i18n.t('entry')} ${index + 1}`;
  const listPath = path.slice(0, path.lastIndexOf('/'));
  const id = fieldId(path);
  // Removing the last entry removes the list, so no empty drop-down (nor an error about one) is left behind.
  // Focus goes to the entry that takes its place (not its button: a second press would remove that one
  // too), else to the one before, else to the list's Add button.
  const remove = async (event: MouseEvent) => {
    const button = event.currentTarget as HTMLElement;
    const root = button.getRootNode() as ParentNode;
    const rest = ((getAt(context.doc, listPath) as Entry[]) ?? []).filter((_, i) => i !== index);
    announce(button, () => i18n.t('entryRemoved', { name: entryName(entry, i18n.lang) || `${i18n.t('entry')} ${index + 1}` }));
    button.closest<HTMLElement>('.entries')?.focus();
    context.set(listPath, rest.length ? rest : undefined);
    await new Promise(requestAnimationFrame);
    const next = rest.length ? root.querySelector<HTMLElement>(`li.entry[data-path="${listPath}/${Math.min(index, rest.length - 1)}"]`)
      : root.querySelector<HTMLElement>(`.entries[data-path="${listPath}"] > .add-row [data-action="add"]`);
    next?.focus();
  };
  const move = (event: MouseEvent, delta: number) => {
    announce(event.currentTarget as HTMLElement, () => i18n.t('entryMoved', { name: entryName(entry, i18n.lang) || i18n.t('entry'), position: index + delta + 1, count }));
    context.move(listPath, index, delta);
  };
  return html`<li class="entry" data-path=${path} tabindex="-1" aria-labelledby="${id}-name">
    <div class="entry-head">
      <strong id="${id}-name">${name}</strong>
      <span class="entry-tools">
        <button type="button" class="icon" data-action="up" aria-label="${i18n.t('moveUp')}: ${name}" ?disabled=${index === 0}
          @click=${(event: MouseEvent) => move(event, -1)}>↑</button>
        <button type="button" class="icon" data-action="down" aria-label="${i18n.t('moveDown')}: ${name}" ?disabled=${index === count - 1}
          @click=${(event: MouseEvent) => move(event, 1)}>↓</button>
        <button type="button" class="icon danger" data-action="remove" aria-label="${i18n.t('remove')}: ${name}" @click=${remove}>✕</button>
      </span>
    </div>
    ${errorText(id, context.errorAt(path))}
    ${commentNote(context, id, context.commentsAt?.(path) ?? [])}
    <div class="row">
      ${textField(context, `${path}/label/zh-CN`, i18n.t('nameZh'))}
      ${textField(context, `${path}/label/en-US`, i18n.t('nameEn'), { onValue: (value) => renameWithLabel(context, path, entry, value) })}
      ${textField(context, `${path}/id`, i18n.t('id'), { hint: i18n.t('idHint'), ascii: true })}
    </div>
    <div class="row">
      ${textField(context, `${path}/href`, i18n.t('link'), { type: 'url', placeholder: 'https://' })}
      <div class="field checkbox">
        <label><input type="checkbox" data-path="${path}/target" .checked=${entry.target === '_blank'}
          @change=${(event: Event) => context.set(`${path}/target`, (event.target as HTMLInputElement).checked ? '_blank' : undefined)}> ${i18n.t('newTab')}</label>
      </div>
    </div>
    ${withWindow ? windowFields(context, path) : nothing}
    ${withChildren ? html`<fieldset class="children">
      <legend>${i18n.t('subEntries')}</legend>
      ${entryList(context, `${path}/children`, { withChildren: false, withWindow, addLabel: i18n.t('addSubEntry') })}
    </fieldset>` : nothing}
  </li>`;
}

/** Says what happened in the editor's status line. */
function announce(from: HTMLElement, text: () => string): void {
  sendNotice(from, { kind: 'ok', text });
}

function entryName(entry: Entry, lang: string): string {
  const label = entry.label?.[lang];
  return typeof label === 'string' ? label : '';
}

/** `Cloud Backup` → `cloud-backup`: the id pattern's letters, digits and hyphens, starting with a letter. */
export function slug(text: string): string {
  const base = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+|-+$/g, '').slice(0, 32).replace(/-+$/, '');
  return base || 'entry';
}

/** The root of the menu a path is in (ids are unique within a whole menu, sub-entries included). */
function menuRoot(path: string): string {
  const parts = tokens(path);
  return parts[0] === 'cloudMenu' ? `/cloudMenu/${parts[1]}` : `/${parts[0]}`;
}

/** Every id already used in the menu of `path`, with the catalog's for a cloud-menu area. */
function idsInMenu(doc: unknown, path: string, except?: unknown): Set<unknown> {
  const found = new Set<unknown>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node !== except && 'id' in node) found.add((node as Entry).id);
      for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value);
    }
  };
  const root = menuRoot(path);
  walk(getAt(doc, root));
  const area = tokens(root)[1] as keyof typeof CLOUD_MENU_CATALOG | undefined;
  if (area && area in CLOUD_MENU_CATALOG) for (const entry of CLOUD_MENU_CATALOG[area]) found.add(entry.id);
  return found;
}

function unique(base: string, taken: Set<unknown>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A blank entry whose id is free in its whole menu; the id follows the English name until someone edits it. */
function newEntry(doc: unknown, path: string): object {
  return { id: unique('entry', idsInMenu(doc, path)), label: { 'zh-CN': '', 'en-US': '' }, href: 'https://' };
}

/** Sets the English name and, while the id is still the one derived from it, the id too, in one step. */
function renameWithLabel(context: MenuContext, path: string, entry: Entry, value: string | undefined): void {
  const taken = idsInMenu(context.doc, path, entry);
  const previous = typeof entry.label?.['en-US'] === 'string' ? entry.label['en-US'] : '';
  // Only a new entry's id follows its name: an existing id may be known elsewhere (the preview, the host's analytics).
  const automatic = typeof entry.id === 'string' && context.isNew(path) && (/^entry(-\d+)?$/.test(entry.id) || entry.id === unique(slug(previous), taken));
  let doc = setAt(context.doc, `${path}/label/en-US`, value);
  if (automatic) doc = setAt(doc, `${path}/id`, unique(slug(value ?? ''), taken));
  context.set('', doc, `${path}/label/en-US`);
}
