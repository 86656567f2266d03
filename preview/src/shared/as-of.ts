/**
 * "Preview as of": the moment the previews show the bar as of (time windows), in the browser's
 * time zone, or now. Given `moments` (the boundaries of the documents' time windows, a
 * scheduled go-live), it offers each as one click, so that a reviewer sees a promotion that
 * starts next week without typing its date.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LangController } from './i18n.ts';

/** At most this many moments are offered as buttons (the soonest ones). */
const MAX_MOMENTS = 8;

export function asOfControl(i18n: LangController, asOf: number | undefined, choose: (moment: number | undefined) => void, moments: readonly number[] = []): TemplateResult {
  const { t } = i18n;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offered = [...new Set(moments)].sort((a, b) => a - b).slice(0, MAX_MOMENTS);
  return html`<div class="as-of">
    <label for="as-of">${t('asOf')}</label>
    <input id="as-of" type="datetime-local" step="1" aria-describedby="as-of-hint" .value=${asOf === undefined ? '' : localInputValue(asOf)}
      @change=${(event: Event) => {
        const value = (event.target as HTMLInputElement).value;
        choose(value ? new Date(value).getTime() : undefined);
      }}>
    <button type="button" aria-pressed=${asOf === undefined ? 'true' : 'false'} @click=${() => choose(undefined)}>${t('asOfNow')}</button>
    ${offered.length ? html`<span class="moments" role="group" aria-label=${t('asOfMoments')}>${offered.map((moment) => html`<button type="button"
      aria-pressed=${asOf === moment ? 'true' : 'false'} @click=${() => choose(moment)}>${i18n.date(new Date(moment).toISOString())}</button>`)}</span>` : nothing}
    <span class="hint" id="as-of-hint">${t('asOfHint', { zone: `${zone}, UTC${browserOffset()}` })}</span>
  </div>`;
}

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The browser's offset from UTC now, e.g. +08:00 in Beijing. */
export const browserOffset = (): string => offsetText(-new Date().getTimezoneOffset());

/** Epoch milliseconds as a datetime-local input's value, in the browser's time zone. */
export function localInputValue(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
