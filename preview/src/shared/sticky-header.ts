import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps what the keyboard focuses out from under the app's sticky header (WCAG 2.4.11): the
 * page's scroll padding follows the header's height, which wraps to more lines on a phone, so
 * that the browser scrolls a focused control below it.
 */
export class StickyHeaderController implements ReactiveController {
  private readonly observer = new ResizeObserver(([entry]) => {
    const height = entry?.borderBoxSize[0]?.blockSize ?? entry?.contentRect.height ?? 0;
    document.documentElement.style.scrollPaddingTop = `${Math.ceil(height) + 8}px`;
  });
  private observed: Element | null = null;

  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  hostUpdated(): void {
    const header = this.host.shadowRoot?.querySelector('header.top') ?? null;
    if (header === this.observed) return;
    if (this.observed) this.observer.unobserve(this.observed);
    this.observed = header;
    if (header) this.observer.observe(header);
  }

  hostDisconnected(): void {
    this.observer.disconnect();
    this.observed = null;
    document.documentElement.style.scrollPaddingTop = '';
  }
}
