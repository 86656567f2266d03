import type { LitElement, ReactiveController } from 'lit';

/**
 * Decides how many of a row's leading items fit in the host's width, keeping room for a
 * "More" item. Widths are measured once per content change (all items rendered, "More"
 * last) and reused on every resize, so resizing never re-renders to measure.
 */
export class OverflowController implements ReactiveController {
  /** How many leading items to show; `Infinity` until measured. */
  visibleCount = Number.POSITIVE_INFINITY;
  /** True while every item is rendered so their widths can be read. */
  measuring = true;
  private widths: number[] = [];
  private moreWidth = 0;
  private readonly observer = new ResizeObserver(() => this.fit());

  constructor(private readonly host: LitElement, private readonly itemSelector: string) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }

  /** Call when the items change: the next update renders them all and measures. */
  remeasure(): void {
    this.measuring = true;
  }

  hostUpdated(): void {
    if (!this.measuring) return;
    const elements = [...this.host.renderRoot.querySelectorAll<HTMLElement>(this.itemSelector)];
    this.moreWidth = elements.pop()?.offsetWidth ?? 0;
    this.widths = elements.map((element) => element.offsetWidth);
    this.measuring = false;
    this.fit(true);
  }

  private fit(force = false): void {
    const available = this.host.clientWidth;
    if (available > 0 && this.widths.length > 0 && this.widths.every((width) => width === 0)) {
      this.measuring = true; // measured while not displayed
      this.host.requestUpdate();
      return;
    }
    const total = this.widths.reduce((sum, width) => sum + width, 0);
    let count = this.widths.length;
    if (total > available) {
      let used = this.moreWidth;
      count = 0;
      while (count < this.widths.length && used + this.widths[count]! <= available) used += this.widths[count++]!;
    }
    if (force || count !== this.visibleCount) {
      this.visibleCount = count;
      this.host.requestUpdate();
    }
  }
}
