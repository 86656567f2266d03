/** A message at the top of the page. Its text is made each time it is shown, so it follows a switch of language. */
import { html, nothing, type TemplateResult } from 'lit';
import { localizedMessage, offlineMessage } from './api-messages.ts';
import { ApiError, OfflineError } from './api.ts';
import { LangController } from './i18n.ts';

export interface Notice {
  kind: 'ok' | 'bad';
  text: () => string;
  /** The draft it speaks of (a refused submit's errors): an edit makes it stale, and it goes. */
  about?: unknown;
}

/** Sends `notice` up from `from` to the editor, which shows it (null clears what it shows). */
export function sendNotice(from: EventTarget, notice: Notice | null): void {
  from.dispatchEvent(new CustomEvent('notice', { detail: notice, bubbles: true }));
}

/** A failed request, said in the page's language of the moment (the service's own words for what has no translation). */
export function errorNotice(error: unknown): Notice {
  return {
    kind: 'bad',
    text: () => (error instanceof ApiError ? localizedMessage(error.body, LangController.lang)
      : error instanceof OfflineError ? offlineMessage(LangController.lang)
      : (error as Error).message),
  };
}

/**
 * The page's notice, in live regions that are in the page before they speak: a region
 * inserted together with its text is not reliably read out. `also` goes into the status
 * region before the notice (the editor's news of a merge).
 */
export function noticeRegions(notice: Notice | null, also: TemplateResult | typeof nothing = nothing): TemplateResult {
  const shown = (kind: Notice['kind']) => (notice?.kind === kind ? html`<div class="notice ${kind}">${notice.text()}</div>` : nothing);
  return html`<div class="notices" role="status">${also}${shown('ok')}</div><div class="notices" role="alert">${shown('bad')}</div>`;
}
