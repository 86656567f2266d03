/** The `cobrand-navigate` event every link of the bar sends before the browser follows it. */

export type NavigateArea = 'brand' | 'promotion' | 'info' | 'resource' | 'account' | 'custom' | 'operations';

export interface NavigateDetail {
  area: NavigateArea;
  /** The entry's id (`logo` for the partner logo, `announcement` or `support` for operations). */
  id: string;
  href: string;
}

/**
 * Sends `cobrand-navigate` from `source` for a click on a link; when a single-page host
 * calls `preventDefault()` on it, the click's default (following the link) is prevented too.
 * A click with a modifier key (a new tab or window) or another button is the browser's, as
 * single-page routers leave it: it is not announced.
 */
export function announceNavigation(source: Element, click: Event, detail: NavigateDetail): boolean {
  if (click instanceof MouseEvent && (click.ctrlKey || click.metaKey || click.shiftKey || click.altKey || click.button !== 0)) return true;
  const event = new CustomEvent<NavigateDetail>('cobrand-navigate', { bubbles: true, composed: true, cancelable: true, detail });
  const proceed = source.dispatchEvent(event);
  if (!proceed) click.preventDefault();
  return proceed;
}

declare global {
  interface HTMLElementEventMap {
    'cobrand-navigate': CustomEvent<NavigateDetail>;
  }
}
