import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { AREA_LABELS, CLOUD_MENU_CATALOG, type CloudMenuAreaId } from '../../../schema/catalog.ts';
import type { Change } from '../shared/api.ts';
import type { AppLang, LangController } from '../shared/i18n.ts';
import { humanPath } from '../shared/labels.ts';
import { getAt, tokens } from '../shared/pointer.ts';
import { ReviewView } from './view.ts';

/**
 * A field-level diff between what is live (`oldDoc`) and a version (`newDoc`), with human
 * labels: entries by name (added, removed, moved, a field changed), catalog entries as now
 * shown or now hidden, logos as images.
 */
@customElement('cobrand-diff-view')
export class CobrandDiffView extends ReviewView {
  @property({ attribute: false }) diff: Change[] = [];
  @property({ attribute: false }) oldDoc: unknown = null;
  @property({ attribute: false }) newDoc: unknown = null;

  protected override render() {
    const { t } = this.context.i18n;
    if (this.diff.length === 0) return html`<p>${t('noChanges')}</p>`;
    return html`<table class="stack diff">
      <thead><tr><th>${t('field')}</th><th>${t('change')}</th><th>${t('before')}</th><th>${t('after')}</th></tr></thead>
      <tbody>${changeRows(this.diff).map((change) => (isWindowChange(change) ? this.renderWindowRow(change) : this.renderRow(change)))}</tbody>
    </table>`;
  }

  /** Both bounds of a window in one row, before and after: "shown 2026-12-01 00:00 +08:00 → with no end". */
  private renderWindowRow(change: Change): TemplateResult {
    const { t, lang } = this.context.i18n;
    const owner = change.path.slice(0, change.path.lastIndexOf('/'));
    const before = getAt(this.oldDoc, owner);
    const after = getAt(this.newDoc, owner);
    const had = hasWindow(before);
    const has = hasWindow(after);
    const op = had && has ? 'changed' : has ? 'added' : 'removed';
    return html`<tr>
      <td>${humanPath(owner, lang, this.newDoc)} › ${t('windowLabel')}</td>
      <td class="op ${op}">${t(op)}</td>
      <td data-label=${t('before')}>${this.windowText(before)}</td>
      <td data-label=${t('after')}>${this.windowText(after)}</td>
    </tr>`;
  }

  private windowText(owner: unknown): string {
    const { t } = this.context.i18n;
    if (!hasWindow(owner)) return t('alwaysShown');
    const { activeFrom, activeUntil } = owner as { activeFrom?: unknown; activeUntil?: unknown };
    return t('windowChange', { from: activeFrom === undefined ? t('windowOpen') : readableInstant(activeFrom), until: activeUntil === undefined ? t('windowEndless') : readableInstant(activeUntil) });
  }

  private renderRow(change: Change): TemplateResult {
    const { t, lang } = this.context.i18n;
    if (change.op === 'shown' || change.op === 'hidden') {
      const area = tokens(change.path)[1] as CloudMenuAreaId;
      const entry = CLOUD_MENU_CATALOG[area]?.find((candidate) => candidate.id === change.id);
      return html`<tr>
        <td>${humanPath('/cloudMenu', lang)} › ${AREA_LABELS[area]?.[lang] ?? area} › <strong>${entry?.label[lang] ?? change.id}</strong></td>
        <td class="op ${change.op === 'shown' ? 'added' : 'removed'}">${t(change.op === 'shown' ? 'shown' : 'hiddenOp')}</td>
        <td data-label=${t('before')}>${t(change.op === 'shown' ? 'stateHidden' : 'stateShown')}</td>
        <td data-label=${t('after')}>${t(change.op === 'shown' ? 'stateShown' : 'stateHidden')}</td>
      </tr>`;
    }
    const where = humanPath(change.path, lang, change.op === 'removed' ? this.oldDoc : this.newDoc);
    const opText = change.op === 'moved' ? html`${t('moved')} <span class="hint">${t('movedFrom', { from: (change.from ?? 0) + 1, to: (change.to ?? 0) + 1 })}</span>` : t(change.op);
    return html`<tr>
      <td>${where}</td>
      <td class="op ${change.op}">${opText}</td>
      ${change.op === 'added' || change.op === 'moved' ? html`<td></td>` : html`<td data-label=${t('before')}>${value(change.before, change.path, lang, t)}</td>`}
      ${change.op === 'removed' || change.op === 'moved' ? html`<td></td>` : html`<td data-label=${t('after')}>${value(change.after, change.path, lang, t)}</td>`}
    </tr>`;
  }
}

type Entry = { id?: unknown; label?: Record<string, unknown>; href?: unknown; target?: unknown; children?: unknown[]; activeFrom?: unknown; activeUntil?: unknown };

const WINDOW_FIELD = /\/active(?:From|Until)$/;
const isWindowChange = (change: Change): boolean => WINDOW_FIELD.test(change.path) && (change.op === 'added' || change.op === 'removed' || change.op === 'changed');

const LOGO_IMAGE = /^(\/brand\/logos\/[^/]+)\/src$/;
const LOGO_SIZE = /^(\/brand\/logos\/[^/]+)\/(?:width|height)$/;

/**
 * The changes as the table shows them: the two bounds of one window are one row, and a logo's
 * new size goes with its new image (it is that image's); a size changed alone has its own row.
 */
export function changeRows(diff: Change[]): Change[] {
  const seen = new Set<string>();
  const newImages = new Set(diff.flatMap((change) => LOGO_IMAGE.exec(change.path)?.[1] ?? []));
  return diff.filter((change) => {
    if (newImages.has(LOGO_SIZE.exec(change.path)?.[1] ?? '')) return false;
    if (!isWindowChange(change)) return true;
    const owner = change.path.replace(WINDOW_FIELD, '');
    if (seen.has(owner)) return false;
    seen.add(owner);
    return true;
  });
}

function hasWindow(value: unknown): boolean {
  return value !== null && typeof value === 'object' && ('activeFrom' in value || 'activeUntil' in value);
}

/** `2026-12-01T00:00:00+08:00` → `2026-12-01 00:00 +08:00`: the moment as the partner wrote it, offset included. */
export function readableInstant(value: unknown): string {
  const text = String(value);
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return text;
  const seconds = match[3] && match[3] !== ':00' ? match[3] : '';
  return `${match[1]} ${match[2]}${seconds} ${match[4] === 'Z' ? 'UTC' : match[4]}`;
}

/** A value as a reader wants it: a logo as the image, a menu entry by name and link, an object as its fields, text whole. */
function value(input: unknown, path: string, lang: AppLang, t: LangController['t']): TemplateResult | string {
  if (typeof input === 'string' && /\/src$/.test(path) && (input.startsWith('/assets/') || input.startsWith('https://'))) {
    return html`<span class="logo-value"><img src=${input} alt=${t('logo')}><code>${input.startsWith('/assets/') ? `${input.slice(0, 20)}…` : input}</code></span>`;
  }
  if (isEntry(input)) {
    const children = Array.isArray(input.children) ? input.children.length : 0;
    const window = hasWindow(input) ? html` <span class="hint">${input.activeFrom === undefined ? '…' : readableInstant(input.activeFrom)} → ${input.activeUntil === undefined ? '…' : readableInstant(input.activeUntil)}</span>` : nothing;
    return html`${entrySummary(input, lang, t, true)}${window}${children
      ? html`<ul class="fields">${(input.children as Entry[]).map((child) => html`<li>${entrySummary(child, lang, t)}</li>`)}</ul>` : nothing}`;
  }
  if (input !== null && typeof input === 'object') {
    const leaves = flatten(input, '');
    return html`<ul class="fields">${leaves.map(([relative, leaf]) => html`<li>${humanPath(`${path}${relative}`, lang).split(' › ').slice(tokens(path).length).join(' › ')}: ${leaf}</li>`)}</ul>`;
  }
  if (/\/announcement\/level$/.test(path) && (input === 'info' || input === 'warning' || input === 'critical')) return t(input);
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/**
 * An entry as both languages' sub-customers see it: its name in the reader's language, then in
 * the other (a reviewer approves both), its link, and whether it opens in a new tab.
 */
function entrySummary(entry: Entry, lang: AppLang, t: LangController['t'], strong = false): TemplateResult {
  const other: AppLang = lang === 'zh-CN' ? 'en-US' : 'zh-CN';
  const name = `“${String(entry.label?.[lang] ?? entry.id)}”`;
  const otherName = entry.label?.[other];
  return html`${strong ? html`<strong>${name}</strong>` : name}${typeof otherName === 'string' ? html` <span lang=${other}>“${otherName}”</span>` : nothing}${typeof entry.href === 'string'
    ? html` <code>${entry.href}</code>` : nothing}${entry.target === '_blank' ? html` <span class="hint">${t('newTab')}</span>` : nothing}`;
}

function isEntry(input: unknown): input is Entry {
  return input !== null && typeof input === 'object' && !Array.isArray(input) && typeof (input as Entry).id === 'string' && typeof (input as Entry).label === 'object';
}

function flatten(input: unknown, prefix: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (input !== null && typeof input === 'object') {
    for (const [key, child] of Object.entries(input)) flatten(child, `${prefix}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  } else {
    out.push([prefix, String(input)]);
  }
  return out;
}
