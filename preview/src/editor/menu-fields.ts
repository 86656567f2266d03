/** Editing a list of menu entries: add, remove, reorder (buttons, so the keyboard works too), and sub-entries. */
import { html, nothing, type TemplateResult } from 'lit';
import { getAt } from '../shared/pointer.ts';
import type { LangController } from '../shared/i18n.ts';
import { errorText, fieldId, textField, type FieldContext } from './fields.ts';

export interface MenuContext extends FieldContext {
  i18n: LangController;
  /** Moves entry `index` of the list at `path` by `delta`, then keeps focus on the moved entry. */
  move(path: string, index: number, delta: number): void;
}

type Entry = { id?: unknown; label?: Record<string, unknown>; target?: unknown };

export function entryList(context: MenuContext, path: string, { withChildren, addLabel }: { withChildren: boolean; addLabel: string }): TemplateResult {
  const list = (getAt(context.doc, path) as Entry[] | undefined) ?? [];
  const id = fieldId(path);
  return html`<div class="entries" data-path=${path} tabindex="-1" aria-describedby=${context.errorAt(path) ? `${id}-error` : nothing}>
    ${errorText(id, context.errorAt(path))}
    <ol class="entry-list">${list.map((entry, index) => entryItem(context, `${path}/${index}`, entry, index, list.length, withChildren))}</ol>
    <button type="button" data-action="add" @click=${() => context.set(path, [...list, newEntry(list)])}>＋ ${addLabel}</button>
  </div>`;
}

function entryItem(context: MenuContext, path: string, entry: Entry, index: number, count: number, withChildren: boolean): TemplateResult {
  const { i18n } = context;
  const name = entryName(entry, i18n.lang) || `${i18n.t('entry')} ${index + 1}`;
  const listPath = path.slice(0, path.lastIndexOf('/'));
  const id = fieldId(path);
  return html`<li class="entry" data-path=${path} tabindex="-1" aria-labelledby="${id}-name">
    <div class="entry-head">
      <strong id="${id}-name">${name}</strong>
      <span class="entry-tools">
        <button type="button" class="icon" data-action="up" aria-label="${i18n.t('moveUp')}: ${name}" ?disabled=${index === 0}
          @click=${() => context.move(listPath, index, -1)}>↑</button>
        <button type="button" class="icon" data-action="down" aria-label="${i18n.t('moveDown')}: ${name}" ?disabled=${index === count - 1}
          @click=${() => context.move(listPath, index, 1)}>↓</button>
        <button type="button" class="icon danger" data-action="remove" aria-label="${i18n.t('remove')}: ${name}"
          @click=${() => context.set(listPath, ((getAt(context.doc, listPath) as Entry[]) ?? []).filter((_, i) => i !== index))}>✕</button>
      </span>
    </div>
    ${errorText(id, context.errorAt(path))}
    <div class="row">
      ${textField(context, `${path}/label/zh-CN`, i18n.t('nameZh'), { maxlength: 40 })}
      ${textField(context, `${path}/label/en-US`, i18n.t('nameEn'), { maxlength: 40 })}
      ${textField(context, `${path}/id`, i18n.t('id'), { hint: 'a-z, 0-9, -' })}
    </div>
    <div class="row">
      ${textField(context, `${path}/href`, i18n.t('link'), { type: 'url', placeholder: 'https://' })}
      <div class="field checkbox">
        <label><input type="checkbox" data-path="${path}/target" .checked=${entry.target === '_blank'}
          @change=${(event: Event) => context.set(`${path}/target`, (event.target as HTMLInputElement).checked ? '_blank' : undefined)}> ${i18n.t('newTab')}</label>
      </div>
    </div>
    ${withChildren ? html`<fieldset class="children">
      <legend>${i18n.t('subEntries')}</legend>
      ${entryList(context, `${path}/children`, { withChildren: false, addLabel: i18n.t('addSubEntry') })}
    </fieldset>` : nothing}
  </li>`;
}

function entryName(entry: Entry, lang: string): string {
  const label = entry.label?.[lang];
  return typeof label === 'string' ? label : '';
}

/** A blank entry whose id is free in the list; its empty names are flagged until filled. */
function newEntry(list: Entry[]): object {
  const taken = new Set(list.map((entry) => entry.id));
  let n = list.length + 1;
  while (taken.has(`entry-${n}`)) n++;
  return { id: `entry-${n}`, label: { 'zh-CN': '', 'en-US': '' }, href: 'https://' };
}
