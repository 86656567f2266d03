/**
 * One layout plan for the whole console bar. The brand and the user-name menu are never
 * hidden; as the bar narrows, in this order and each step measured:
 *  1. promotion entries move into "More", from the end;
 *  2. cloud-menu entries move into the cloud menu's overflow ("⋯"), from the end;
 *  3. the user name is cut short and Contact becomes an icon;
 *  4. below {@link NARROW_WIDTH}, or when even that does not fit, the drawer takes over.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CobrandCloudMenu, CloudMenuWidths } from '../cloud-menu/cloud-menu.ts';
import type { CobrandOpsInfo } from '../ops-info/ops-info.ts';
import type { CobrandPromoMenu } from '../promo-menu/promo-menu.ts';
import { layoutWidth, type RowWidths } from '../shared/overflow.ts';

/** Below this width of the element the menus move into a drawer. */
export const NARROW_WIDTH = 768;

/** What the bar measured: the brand, and the widths each part needs. */
export interface BarWidths {
  brand: number;
  promo: RowWidths;
  cloud: CloudMenuWidths;
  contact: { full: number; compact: number };
}

export type BarPlan =
  | { narrow: true }
  | { narrow: false; promo: number; cloud: number; compact: boolean };

/** Sub-pixel widths are summed: keep one pixel so that rounding never pushes the last item out. */
const ROUNDING = 1;

/** The plan for a bar `width` px wide. */
export function planBar(width: number, measured: BarWidths): BarPlan {
  if (width < NARROW_WIDTH) return { narrow: true };
  const { promo, cloud, contact } = measured;
  const room = width - measured.brand - ROUNDING;
  if (promo.natural + cloud.natural + contact.full <= room) return { narrow: false, promo: promo.natural, cloud: cloud.natural, compact: false };
  if (promo.minimum + cloud.natural + contact.full <= room) return { narrow: false, promo: room - cloud.natural - contact.full, cloud: cloud.natural, compact: false };
  if (promo.minimum + cloud.minimum + contact.full <= room) return { narrow: false, promo: promo.minimum, cloud: room - promo.minimum - contact.full, compact: false };
  if (promo.minimum + cloud.compactMinimum + contact.compact <= room) return { narrow: false, promo: promo.minimum, cloud: cloud.compactMinimum, compact: true };
  return { narrow: true };
}

const samePlan = (a: BarPlan | undefined, b: BarPlan): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The parts of the bar the plan reads, found in the host's shadow root. */
export interface BarParts {
  bar: HTMLElement | null;
  brand: HTMLElement | null;
  promo: CobrandPromoMenu | null;
  cloud: CobrandCloudMenu | null;
  contact: CobrandOpsInfo | null;
}

/**
 * Keeps the host's `plan` current: plans when the bar is resized, and when a part reports
 * (`cobrand-measure`) that it has measured itself anew (content, language, fonts, a logo
 * that loaded). Until every part has been measured the plan is `undefined`, and the host
 * shows nothing that could overflow: nothing is painted that was not measured.
 *
 * Observed are the bar and the partner's logo (whose size is known before its `load` event),
 * never a part: the plan never changes their sizes, so re-rendering parts from the
 * observer's callback never resizes what is observed (no ResizeObserver loop).
 */
export class BarLayoutController implements ReactiveController {
  plan?: BarPlan;
  /** The last measurements, kept while the drawer shows (its parts are not rendered then). */
  private measured?: BarWidths;
  /** Made on connection: server-side rendering constructs elements where there is no ResizeObserver. */
  private observer?: ResizeObserver;
  private observed: Array<Element | null> = [];

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly parts: () => BarParts) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer ??= new ResizeObserver(() => this.update());
    if ((this.host as { hasUpdated?: boolean }).hasUpdated) {
      // Moved in the page: what was observed was let go on disconnection, and the new place may be of another width.
      this.observe();
      return;
    }
    // A pre-rendered bar (declarative shadow DOM) was rendered unplanned, and hydration needs the
    // first render to be the same: the plan comes from measuring, right after.
    const prerendered = this.host.shadowRoot?.querySelector(':not(style)') != null;
    this.plan = !prerendered && layoutWidth(this.host) < NARROW_WIDTH ? { narrow: true } : undefined;
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observed = [];
  }

  hostUpdated(): void {
    this.observe();
  }

  private observe(): void {
    const { bar, brand } = this.parts();
    const targets = [bar, brand?.shadowRoot?.querySelector('[part=partner-logo]') ?? null];
    if (!this.observer || targets.every((target, index) => target === this.observed[index])) return;
    this.observer.disconnect();
    for (const target of targets) if (target) this.observer.observe(target);
    this.observed = targets;
  }

  /** The document, language or user changed: what was measured no longer holds. */
  invalidate(): void {
    this.measured = undefined;
  }

  /** Plans from what the parts measure now (or, under the drawer, from the last measurements). */
  readonly update = (): void => {
    this.observe();
    const width = layoutWidth(this.parts().bar);
    if (width === 0) return;
    const measured = this.measure() ?? this.measured;
    if (measured) this.measured = measured;
    const next = this.nextPlan(width, measured);
    if (next === undefined && this.plan === undefined) return;
    if (next !== undefined && samePlan(this.plan, next)) return;
    this.plan = next;
    this.host.requestUpdate();
  };

  /**
   * With nothing measured, a drawer that has room again goes unplanned (its parts render, hidden,
   * to be measured); any other plan stays until measurements come.
   */
  private nextPlan(width: number, measured: BarWidths | undefined): BarPlan | undefined {
    if (measured) return planBar(width, measured);
    if (width < NARROW_WIDTH) return { narrow: true };
    return this.plan?.narrow ? undefined : this.plan;
  }

  private measure(): BarWidths | undefined {
    const { brand, promo, cloud, contact } = this.parts();
    if (!brand || !promo || !cloud || !contact?.hasUpdated) return undefined;
    const promoWidths = promo.rowWidths;
    const cloudWidths = cloud.rowWidths;
    // A part that measured while not displayed measures again now that the bar has a width.
    if (!promoWidths) promo.requestUpdate();
    if (!cloudWidths) cloud.requestUpdate();
    if (!promoWidths || !cloudWidths) return undefined;
    return { brand: layoutWidth(brand), promo: promoWidths, cloud: cloudWidths, contact: contact.buttonWidths };
  }
}
