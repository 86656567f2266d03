import { html, type TemplateResult } from 'lit';
import type { ReviewContext } from './view.ts';

/** Shrunk to fit (four bars at a glance) or at their real size, readable, with drop-downs that open. */
export function actualSizeSwitch({ i18n, actualSize, setActualSize }: ReviewContext): TemplateResult {
  return html`<button type="button" class="actual-size" aria-pressed=${actualSize ? 'true' : 'false'} @click=${() => setActualSize(!actualSize)}>${i18n.t('actualSize')}</button>`;
}
