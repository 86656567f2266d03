/**
 * Time windows in the elements: what a document shows at a moment (schema/windows.ts),
 * by the page's clock unless the element is given `now`, and a wake-up at the next
 * boundary so that a promotion appears or goes while the page stays open.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { activeAt, windowBoundaries } from '../../schema/windows.ts';

/** setTimeout's longest delay (2^31 − 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** An element with a time property: a moment to show the document as of, or unset for the page's clock. */
export interface TimedHost extends ReactiveControllerHost {
  now?: Date | number | null;
}

export const timeOf = (now: Date | number): number => (typeof now === 'number' ? now : now.getTime());

export class TimeWindowController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  private wakeAt?: number;
  private shownFor?: { source: unknown; passed: number; shown: unknown; time: number };

  constructor(private readonly host: TimedHost) {
    host.addController(this);
  }

  /**
   * `config` as it shows now: the same object for as long as no boundary is crossed (so the
   * parts and the layout see a change only when an entry appears or goes).
   */
  shown<T>(config: T): T {
    const fixed = this.host.now !== undefined && this.host.now !== null;
    const time = fixed ? timeOf(this.host.now!) : Date.now();
    const boundaries = windowBoundaries(config);
    let passed = 0;
    while (passed < boundaries.length && boundaries[passed]! <= time) passed++;
    this.wakeAt = fixed ? undefined : boundaries[passed];
    const memo = this.shownFor;
    if (memo && memo.source === config && memo.passed === passed) return memo.shown as T;
    const shown = boundaries.length ? activeAt(config, time) : config;
    this.shownFor = { source: config, passed, shown, time };
    return shown;
  }

  /** The moment the shown document was worked out for: the parts are given it, so they agree and keep no timer of their own. */
  get time(): number | undefined {
    return this.shownFor?.time;
  }

  hostUpdated(): void {
    this.schedule();
  }

  hostConnected(): void {
    this.schedule();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One timer, to the next boundary (in steps of at most {@link MAX_TIMER_DELAY}): then the host renders again. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.wakeAt === undefined) return;
    const delay = Math.min(Math.max(this.wakeAt - Date.now(), 0), MAX_TIMER_DELAY);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.host.requestUpdate();
    }, delay);
  }
}
