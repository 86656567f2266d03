import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Change } from '../shared/api.ts';
import { humanPath } from '../shared/labels.ts';
import { ReviewView } from './view.ts';

/** A field-level diff between what is live (`before`) and a version (`after`), with human labels. */
@customElement('cobrand-diff-view')
export class CobrandDiffView extends ReviewView {
  @property({ attribute: false }) diff: Change[] = [];
  @property({ attribute: false }) oldDoc: unknown = null;
  @property({ attribute: false }) newDoc: unknown = null;

  protected override render() {
    const { i18n } = this.context;
    const { t } = i18n;
    if (this.diff.length === 0) return html`<p>${t('noChanges')}</p>`;
    return html`<table class="stack">
      <thead><tr><th>${t('field')}</th><th>${t('change')}</th><th>${t('before')}</th><th>${t('after')}</th></tr></thead>
      <tbody>${this.diff.map((change) => html`<tr>
        <td>${humanPath(change.path, i18n.lang, change.op === 'removed' ? this.oldDoc : this.newDoc)}<br><code>${change.path}</code></td>
        <td class="op ${change.op}">${t(change.op)}</td>
        <td data-label=${t('before')}>${change.op === 'added' ? '' : html`<code>${show(change.before)}</code>`}</td>
        <td data-label=${t('after')}>${change.op === 'removed' ? '' : html`<code>${show(change.after)}</code>`}</td>
      </tr>`)}</tbody>
    </table>`;
  }
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
