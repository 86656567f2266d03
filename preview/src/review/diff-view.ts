import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { AREA_LABELS, CLOUD_MENU_CATALOG, type CloudMenuAreaId } from '../../../schema/catalog.ts';
import type { Change } from '../shared/api.ts';
import type { AppLang } from '../shared/i18n.ts';
import { humanPath } from '../shared/labels.ts';
import { tokens } from '../shared/pointer.ts';
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
      <tbody>${this.diff.map((change) => this.renderRow(change))}</tbody>
    </table>`;
  }

  private renderRow(change: Change): TemplateResult {
    const { t, lang } = this.context.i18n;
    if (change.op === 'shown' || change.op === 'hidden') {
      const area = tokens(change.path)[1] as CloudMenuAreaId;
      const entry = CLOUD_MENU_CATALOG[area]?.find((candidate) => candidate.id === change.id);
      return html`<tr>
        <td>${humanPath('/cloudMenu', lang)} › ${AREA_LABELS[area]?.[lang] ?? area} › <strong>${entry?.label[lang] ?? change.id}</strong></td>
        <td class="op ${change.op === 'shown' ? 'added' : 'removed'}">${t(change.op === 'shown' ? 'shown' : 'hiddenOp')}</td>
        <td data-label=${t('before')}>${t(change.op === 'shown' ? 'hiddenOp' : 'shown')}</td>
        <td data-label=${t('after')}>${t(change.op === 'shown' ? 'shown' : 'hiddenOp')}</td>
      </tr>`;
    }
    const where = humanPath(change.path, lang, change.op === 'removed' ? this.oldDoc : this.newDoc);
    const opText = change.op === 'moved' ? html`${t('moved')} <span class="hint">${t('movedFrom', { from: (change.from ?? 0) + 1, to: (change.to ?? 0) + 1 })}</span>` : t(change.op);
    return html`<tr>
      <td>${where}</td>
      <td class="op ${change.op}">${opText}</td>
      ${change.op === 'added' || change.op === 'moved' ? html`<td></td>` : html`<td data-label=${t('before')}>${value(change.before, change.path, lang, t('logo'))}</td>`}
      ${change.op === 'removed' || change.op === 'moved' ? html`<td></td>` : html`<td data-label=${t('after')}>${value(change.after, change.path, lang, t('logo'))}</td>`}
    </tr>`;
  }
}

type Entry = { id?: unknown; label?: Record<string, unknown>; href?: unknown; children?: unknown[] };

/** A value as a reader wants it: a logo as the image, a menu entry by name and link, an object as its fields, text whole. */
function value(input: unknown, path: string, lang: AppLang, logo: string): TemplateResult | string {
  if (typeof input === 'string' && /\/src$/.test(path) && (input.startsWith('/assets/') || input.startsWith('https://'))) {
    return html`<span class="logo-value"><img src=${input} alt=${logo}><code>${input.startsWith('/assets/') ? `${input.slice(0, 20)}…` : input}</code></span>`;
  }
  if (isEntry(input)) {
    const name = input.label?.[lang] ?? input.id;
    const children = Array.isArray(input.children) ? input.children.length : 0;
    return html`<strong>“${String(name)}”</strong>${typeof input.href === 'string' ? html` <code>${input.href}</code>` : nothing}${children
      ? html`<ul class="fields">${(input.children as Entry[]).map((child) => html`<li>“${String(child.label?.[lang] ?? child.id)}”${typeof child.href === 'string' ? html` <code>${child.href}</code>` : nothing}</li>`)}</ul>` : nothing}`;
  }
  if (input !== null && typeof input === 'object') {
    const leaves = flatten(input, '');
    return html`<ul class="fields">${leaves.map(([relative, leaf]) => html`<li>${humanPath(`${path}${relative}`, lang).split(' › ').slice(tokens(path).length).join(' › ')}: ${leaf}</li>`)}</ul>`;
  }
  return typeof input === 'string' ? input : JSON.stringify(input);
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
