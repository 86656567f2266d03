import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.ts';
import type { CobrandOpsInfo, CobrandPromoMenu } from '../../components/index.ts';
import { MAX_TIMER_DELAY } from '../../components/shared/time-windows.ts';
import { completeDocument, consoleFixture, deepQuery, deepQueryAll, settle, topLabels } from './helpers.ts';

/**
 * A fake clock for the page: Date.now and the timers move only when the test says.
 * (Animation frames stay real, so rendering and `settle` work as usual.)
 */
class FakeClock {
  private current: number;
  private timers = new Map<number, { due: number; run: () => void }>();
  private nextId = 1;
  readonly delays: number[] = [];
  private readonly original = { now: Date.now, setTimeout: window.setTimeout, clearTimeout: window.clearTimeout };

  constructor(start: number) {
    this.current = start;
    Date.now = () => this.current;
    (window as any).setTimeout = (run: () => void, delay = 0) => {
      this.delays.push(delay);
      const id = this.nextId++;
      this.timers.set(id, { due: this.current + Math.max(0, delay), run });
      return id;
    };
    (window as any).clearTimeout = (id?: number) => { if (id !== undefined) this.timers.delete(id); };
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves the clock by `ms`, running every timer that falls due on the way, in order. */
  tick(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = [...this.timers].filter(([, timer]) => timer.due <= end).sort((a, b) => a[1].due - b[1].due)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.current = Math.max(this.current, due[1].due);
      due[1].run();
    }
    this.current = end;
  }

  uninstall(): void {
    Object.assign(Date, { now: this.original.now });
    Object.assign(window, { setTimeout: this.original.setTimeout, clearTimeout: this.original.clearTimeout });
  }
}

const START = Date.parse('2026-11-25T12:00:00Z');
const iso = (ms: number) => new Date(START + ms).toISOString();
const MINUTE = 60_000;

function windowedDocument() {
  const doc = completeDocument();
  doc.promotionMenu[0].activeUntil = iso(10 * MINUTE); // Backup: ends in ten minutes
  doc.promotionMenu[3].activeFrom = iso(5 * MINUTE); // Training: starts in five
  doc.operations.announcement.activeFrom = iso(30 * 24 * 60 * MINUTE); // beyond one setTimeout
  return doc;
}

describe('time windows in the bar', () => {
  let clock: FakeClock;
  beforeEach(() => { clock = new FakeClock(START); });
  afterEach(() => { clock.uninstall(); });

  it('shows a promotion that starts, and drops one that ends, while the page stays open', async () => {
    const el = await consoleFixture(windowedDocument());
    const promo = () => deepQuery<CobrandPromoMenu>(el, 'cobrand-promo-menu');
    expect(topLabels(promo())).to.deep.equal(['Backup', 'Migration', 'Managed services']);

    clock.tick(5 * MINUTE);
    await settle(el);
    expect(topLabels(promo())).to.deep.equal(['Backup', 'Migration', 'Managed services', 'Training']);

    clock.tick(5 * MINUTE);
    await settle(el);
    expect(topLabels(promo())).to.deep.equal(['Migration', 'Managed services', 'Training']);
  });

  it('shows the announcement only inside its window, waiting past setTimeout\'s longest delay', async () => {
    const el = await consoleFixture(windowedDocument());
    const strip = () => deepQuery<CobrandOpsInfo>(el, 'cobrand-ops-info[view=announcement]');
    expect(strip().hasAttribute('empty')).to.be.true;
    expect(Math.max(...clock.delays)).to.be.at.most(MAX_TIMER_DELAY);
    clock.tick(30 * 24 * 60 * MINUTE - 1);
    await settle(el);
    expect(strip().hasAttribute('empty')).to.be.true;
    clock.tick(1);
    await settle(el);
    expect(strip().hasAttribute('empty')).to.be.false;
  });

  it('plans the bar anew when an entry appears: it fits, or goes into More', async () => {
    const el = await consoleFixture(windowedDocument(), { width: 1100 });
    const promo = () => deepQuery<CobrandPromoMenu>(el, 'cobrand-promo-menu');
    const reachable = () => deepQueryAll(promo(), '.label').map((label) => label.textContent!.trim());
    expect(reachable()).to.not.include('Training');
    clock.tick(5 * MINUTE);
    await settle(el);
    expect(reachable()).to.include('Training');
    const bar = deepQuery(el, '.bar').getBoundingClientRect();
    for (const item of deepQueryAll(promo(), '[role=menubar] > [role=none]')) {
      if (item.getClientRects().length) expect(item.getBoundingClientRect().right).to.be.at.most(bar.right + 0.5);
    }
  });

  it('shows the bar as of `now` when it is given, and keeps no timer then', async () => {
    const el = await consoleFixture(windowedDocument());
    el.now = new Date(START + 20 * MINUTE);
    await settle(el);
    expect(topLabels(deepQuery(el, 'cobrand-promo-menu'))).to.deep.equal(['Migration', 'Managed services', 'Training']);
    el.now = START;
    await settle(el);
    expect(topLabels(deepQuery(el, 'cobrand-promo-menu'))).to.deep.equal(['Backup', 'Migration', 'Managed services']);
    expect(clock.pending).to.equal(0);
  });

  it('clears its timer when taken out of the page', async () => {
    const el = await consoleFixture(windowedDocument());
    expect(clock.pending).to.be.greaterThan(0);
    el.parentElement!.remove();
    expect(clock.pending).to.equal(0);
  });

  it('applies windows in the parts placed on their own', async () => {
    const promo = await fixture<CobrandPromoMenu>(html`<cobrand-promo-menu lang="en-US" .config=${windowedDocument()}></cobrand-promo-menu>`);
    await settle(promo);
    expect(topLabels(promo)).to.not.include('Training');
    clock.tick(5 * MINUTE);
    await settle(promo);
    expect(topLabels(promo)).to.include('Training');
  });
});
