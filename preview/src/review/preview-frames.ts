import { html, type TemplateResult } from 'lit';
import type { ReviewContext } from './view.ts';

/** Shrunk to fit (four bars at a glance) or at their real size, readable, with drop-downs that open. */
export function actualSizeSwitch({ i18n, actualSize, setActualSize }: ReviewContext): TemplateResult {
  return html`<button type="button" class="actual-size" aria-pressed=${actualSize ? 'true' : 'false'} @click=${() => setActualSize(!actualSize)}>${i18n.t('actualSize')}</button>`;
}

/** `doc` as the bar shows it in both languages, at the chosen width and size, as of `now` (unset: now). */
export function previewFrames({ i18n, previewWidth, actualSize }: ReviewContext, doc: unknown, now?: number): TemplateResult {
  return html`${(['zh-CN', 'en-US'] as const).map((lang) => html`<cobrand-preview-frame .config=${doc} .now=${now} lang=${lang} width=${previewWidth} ?interactive=${actualSize}
    hint=${actualSize ? i18n.t('previewHint') : ''}
    label=${i18n.t('previewOf', { lang: lang === 'zh-CN' ? '简体中文' : 'English', width: previewWidth })}></cobrand-preview-frame>`)}`;
}
