/**
 * Time-window fields: `activeFrom` / `activeUntil` as a date and time (the browser's
 * picker) beside an explicit time zone (UTC offset), written to the document as RFC 3339,
 * e.g. 2026-12-01T00:00:00+08:00. A partner never has to type an offset by hand, and
 * never gets one they did not choose.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { browserOffset, offsetText } from '../shared/as-of.ts';
import { getAt } from '../shared/pointer.ts';
import { errorText, fieldId, type FieldContext } from './fields.ts';

/** The UTC offsets in use somewhere, in minutes. */
const OFFSETS = [-720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120, 180, 210, 240, 270, 300, 330, 345, 360, 390,
  420, 480, 525, 540, 570, 600, 630, 660, 720, 765, 780, 840];

const STORED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `2026-12-01T00:00:00+08:00` → the picker's `2026-12-01T00:00` and `+08:00`; `undefined` when the value is not one. */
export function splitDateTime(value: unknown): { local: string; offset: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = STORED.exec(value);
  if (!match) return undefined;
  const seconds = match[2] && match[2] !== '00' ? `:${match[2]}` : '';
  return { local: `${match[1]}${seconds}`, offset: match[3] === 'Z' ? '+00:00' : match[3]! };
}

/** The picker's value and an offset → RFC 3339 (seconds added when the picker leaves them out). */
export function joinDateTime(local: string, offset: string): string {
  return `${local.length === 16 ? `${local}:00` : local}${offset}`;
}

/** Offsets chosen while the date was still empty, so that the choice is not lost. */
const chosenOffsets = new Map<string, string>();

/** The end of a window takes the zone of its start until it has one of its own. */
const startOf = (end: string) => (end.endsWith('/activeUntil') ? end.replace(/activeUntil$/, 'activeFrom') : undefined);
const endOf = (start: string) => (start.endsWith('/activeFrom') ? start.replace(/activeFrom$/, 'activeUntil') : undefined);

/** The offset a bound has: its date's, else the one chosen for it; for an end, else its start's. */
function offsetAt(context: FieldContext, path: string, { own = false } = {}): string | undefined {
  const start = own ? undefined : startOf(path);
  return splitDateTime(getAt(context.doc, path))?.offset ?? chosenOffsets.get(path) ?? (start === undefined ? undefined : offsetAt(context, start));
}

function dateTimeField(context: FieldContext, path: string, label: string): TemplateResult {
  const { t } = context.i18n;
  const id = fieldId(path);
  const stored = getAt(context.doc, path);
  const parts = splitDateTime(stored);
  const offset = offsetAt(context, path) ?? browserOffset();
  const error = context.errorAt(path);
  const offsets = OFFSETS.map(offsetText);
  if (!offsets.includes(offset)) offsets.push(offset);
  // The offset is read from its select: one chosen before any date was set is not in the document yet.
  const setLocal = (input: HTMLInputElement) => {
    const zone = input.parentElement!.querySelector('select')!.value;
    context.set(path, input.value ? joinDateTime(input.value, zone) : undefined);
  };
  const setOffset = (event: Event) => {
    const select = event.target as HTMLSelectElement;
    chosenOffsets.set(path, select.value);
    if (parts) context.set(path, joinDateTime(parts.local, select.value));
    // The end follows the start's zone while it has none of its own; no render follows a choice made before any date.
    const end = endOf(path);
    if (end && offsetAt(context, end, { own: true }) === undefined) {
      (select.getRootNode() as ParentNode).querySelector<HTMLSelectElement>(`#${fieldId(end)}-zone`)!.value = select.value;
    }
  };
  return html`<div class="field window-bound">
    <label for=${id}>${label}</label>
    <span class="date-time">
      <input id=${id} data-path=${path} type="datetime-local" step="1" .value=${parts?.local ?? ''}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${[error ? `${id}-error` : '', stored !== undefined && !parts ? `${id}-raw` : ''].filter(Boolean).join(' ') || nothing}
        @blur=${() => context.touch(path)} @change=${(event: Event) => setLocal(event.target as HTMLInputElement)}>
      <label class="visually-hidden" for="${id}-zone">${t('timeZone')}: ${label}</label>
      <select id="${id}-zone" title=${t('timeZone')} @change=${setOffset}>
        ${offsets.map((value) => html`<option value=${value} ?selected=${value === offset}>UTC${value}</option>`)}
      </select>
    </span>
    ${stored !== undefined && !parts ? html`<span class="hint" id="${id}-raw"><code>${String(stored)}</code></span>` : nothing}
    ${errorText(id, error)}
  </div>`;
}

/** The two bounds of an entry's or the announcement's window, at `path` (the object that carries them). */
export function windowFields(context: FieldContext, path: string): TemplateResult {
  const { t } = context.i18n;
  const id = fieldId(`${path}/window`);
  return html`<fieldset class="window" aria-describedby="${id}-hint"><legend>${t('timeWindow')}</legend>
    <div class="row">
      ${dateTimeField(context, `${path}/activeFrom`, t('activeFrom'))}
      ${dateTimeField(context, `${path}/activeUntil`, t('activeUntil'))}
    </div>
    <p class="hint" id="${id}-hint">${t('windowHint')}</p>
  </fieldset>`;
}
