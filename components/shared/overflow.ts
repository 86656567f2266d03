import type { LitElement, ReactiveController } from 'lit';

/** What a row needs: every item shown (`natural`), and the least it can live with (`minimum`: "More" and the pinned items). */
export interface RowWidths {
  natural: number;
  minimum: number;
}

/** An element with a row of top-level items; the bar's layout may give it a width to fit into. */
export interface OverflowHost extends LitElement {
  /** The width the console bar's layout gives this row; unset, the row fits its own width. */
  layoutWidth?: number;
}

/** Fired (not bubbling) on the host each time the row has been measured: the bar's layout plans anew. */
export const MEASURE_EVENT = 'cobrand-measure';

/**
 * An element's laid-out width in CSS px, fractional and untouched by transforms (a preview
 * scaled to fit a panel measures as the screen it shows); 0 when it is not rendered.
 */
export function layoutWidth(element: Element | null | undefined): number {
  if (!element) return 0;
  const width = parseFloat(getComputedStyle(element).width);
  return Number.isFinite(width) ? width : 0;
}

/**
 * Fits a row into a width: leading items stay, the others go into a "More" item, and pinned
 * items (the user-name menu) always stay. The row's widths are measured once per content
 * change, in one render where every item, "More" and the pinned items are drawn invisibly
 * (the host gives the row the class `measuring`), and reused for any width, so a resize
 * never re-renders to measure. Fonts that finish loading change widths: the row measures anew.
 *
 * Items are the row's `.item` children; "More" is `.item.more`, pinned ones `.item.pinned`.
 */
export class OverflowController implements ReactiveController {
  /** True for the render that draws every item to measure them. */
  measuring = true;
  private items: number[] = [];
  private more = 0;
  private pinned = 0;
  private measured = false;
  /** Standalone, the row follows its own width; given a `layoutWidth`, it observes nothing (the bar's layout does). */
  private observer?: ResizeObserver;
  private observing = false;

  constructor(private readonly host: OverflowHost, private readonly rowSelector = '.menubar') {
    host.addController(this);
  }

  hostConnected(): void {
    document.fonts?.addEventListener('loadingdone', this.remeasure);
    // Moved in the page: observe again what the disconnection let go.
    if (this.host.hasUpdated) this.observe(this.host.layoutWidth === undefined);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observing = false;
    document.fonts?.removeEventListener('loadingdone', this.remeasure);
  }

  /** The items changed (content, language, fonts): the next render draws them all and measures. */
  readonly remeasure = (): void => {
    this.measuring = true;
    this.host.requestUpdate();
  };

  /** The row's widths, once measured (not during a new measurement). */
  get widths(): RowWidths | undefined {
    if (this.measuring || !this.measured) return undefined;
    const natural = sum(this.items) + this.pinned;
    // A row of entries narrower than "More" itself (one short label) is its own minimum.
    return { natural, minimum: Math.min(natural, this.more + this.pinned) };
  }

  /** How many of `total` leading items to show now (all of them while measuring). */
  visibleCount(total: number): number {
    if (this.measuring || !this.measured) return total;
    const available = this.host.layoutWidth ?? layoutWidth(this.host);
    if (sum(this.items) + this.pinned <= available) return total;
    let used = this.more + this.pinned;
    let count = 0;
    while (count < this.items.length && used + this.items[count]! <= available) used += this.items[count++]!;
    return count;
  }

  hostUpdated(): void {
    this.observe(this.host.layoutWidth === undefined);
    if (!this.measuring) return;
    const row = this.host.renderRoot.querySelector(this.rowSelector);
    const elements = [...(row?.children ?? [])].filter((element) => element.matches('.item'));
    if (elements.length > 0 && elements.every((element) => layoutWidth(element) === 0)) return; // not displayed: measure once it is
    this.items = elements.filter((element) => !element.matches('.more, .pinned')).map(layoutWidth);
    this.more = layoutWidth(elements.find((element) => element.matches('.more')));
    this.pinned = sum(elements.filter((element) => element.matches('.pinned')).map(layoutWidth));
    this.measured = true;
    this.measuring = false;
    this.host.requestUpdate();
    this.host.dispatchEvent(new Event(MEASURE_EVENT));
  }

  private observe(standalone: boolean): void {
    if (standalone === this.observing) return;
    // Made here, not in a field: server-side rendering constructs elements where there is no ResizeObserver.
    this.observer ??= new ResizeObserver(() => this.host.requestUpdate());
    if (standalone) this.observer.observe(this.host);
    else this.observer.disconnect();
    this.observing = standalone;
  }
}

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
