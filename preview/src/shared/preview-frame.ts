import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../../components/index.ts';
import { markTarget } from './preview-marks.ts';
import { SettledLogos } from './settled-logos.ts';

/** A place in the document to mark on the bar (a reviewer's comment), and what the caption says of it. */
export interface PreviewMark { pointer: string; label: string }
/** `end`: the entry ends at the screen's right edge, so its badge goes inside the outline rather than beyond the screen. */
interface PlacedMark { n: number; left: number; top: number; width: number; height: number; end: boolean }

/** The screen widths the previews offer: desktop, laptop, phone. */
/** Screens sub-customers have; 1280 and 1024 are where a partner's entries start going into "More", 768 the narrowest before the drawer. */
export const PREVIEW_WIDTHS = [1440, 1280, 1024, 768, 375] as const;
export type PreviewWidth = (typeof PREVIEW_WIDTHS)[number];

/** Toggle buttons choosing a preview width. */
export function widthSwitch(label: string, current: PreviewWidth, choose: (width: PreviewWidth) => void): TemplateResult {
  return html`<span class="widths" role="group" aria-label=${label}>${PREVIEW_WIDTHS.map((width) => html`<button type="button"
    aria-pressed=${current === width ? 'true' : 'false'} @click=${() => choose(width)}>${width}px</button>`)}</span>`;
}

/**
 * A `<cobrand-console>` at a real screen width (one of PREVIEW_WIDTHS).
 *
 * `interactive` (the editor's live preview): the real element at 100 %; a wider screen than the
 * panel scrolls sideways instead of being shrunk, drop-downs and sub-entries open, and on the
 * phone width the menu button opens the drawer. Links do not leave the page: the caption says
 * where one would have gone.
 *
 * Otherwise (the review console, which shows four bars side by side): a picture of the bar,
 * scaled down to fit the panel, out of the way of keyboards and screen readers.
 */
@customElement('cobrand-preview-frame')
export class CobrandPreviewFrame extends LitElement {
  static override styles = css`
    :host { display: block; min-width: 0; }
    .viewport { position: relative; border: 1px solid #d0d5dd; border-radius: 6px; background: #f3f5f8; overflow: hidden; }
    /* Scrolls sideways when the screen is wider than the panel; tall enough for a drop-down to open. */
    .viewport.live { overflow-x: auto; overflow-y: hidden; }
    .viewport:focus-visible { outline: 2px solid #0b3d91; outline-offset: 2px; }
    .screen { transform-origin: 0 0; }
    .body { height: 72px; padding: 12px 16px; }
    .live .body { height: 240px; }
    .body span { display: inline-block; width: 30%; height: 10px; margin-right: 8px; border-radius: 4px; background: #e4e7ec; }
    figcaption { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 4px 0 0; color: #475467; font: 12px system-ui, sans-serif; }
    .went { color: #1849a9; overflow-wrap: anywhere; }
    /* A reviewer's comment: an outline and a numbered badge over the entry, drawn by the preview (the bar knows nothing of it). */
    .marks { position: absolute; inset: 0 auto auto 0; pointer-events: none; }
    .mark { position: absolute; box-sizing: border-box; border: 2px solid #dc6803; border-radius: 4px; box-shadow: 0 0 0 1px #fff; }
    .mark b { position: absolute; bottom: -10px; right: -8px; min-width: 18px; height: 18px; padding: 0 4px; border-radius: 9px;
      background: #b54708; color: #fff; font: 600 11px/18px system-ui, sans-serif; text-align: center; }
    .mark.end b { right: 2px; }
    .legend { color: #93370d; }
  `;

  @property({ attribute: false }) config: unknown = null;
  @property() override lang = 'en-US';
  @property({ type: Number }) width = 1440;
  @property() label = '';
  /** Said under a screen wider than the panel. */
  @property() hint = '';
  /** The real, usable bar at 100 % (otherwise a scaled picture of it). */
  @property({ type: Boolean }) interactive = false;
  /** Origin that uploaded logos (`/assets/…`) are served from. */
  @property() api = location.origin;
  /** The moment to show the bar as of (time windows); unset, now. */
  @property({ attribute: false }) now: number | undefined = undefined;
  /** Places to mark on the bar, numbered in order (the editor's open review comments). */
  @property({ attribute: false }) marks: PreviewMark[] = [];
  /** Said before the marks' list in the caption. */
  @property({ attribute: 'marks-title' }) marksTitle = '';

  /** What the bar shows: `config`, except that a logo address being typed waits for typing to pause. */
  private readonly settled = new SettledLogos(this, () => this.config);

  @state() private placed: PlacedMark[] = [];
  private placing = 0;

  @state() private went = '';
  @state() private scale = 1;
  @state() private height = 0;
  private readonly observer = new ResizeObserver(() => this.fit());

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
  }

  protected override firstUpdated(): void {
    this.observer.observe(this.renderRoot.querySelector('.screen')!);
  }

  private fit(): void {
    const screen = this.renderRoot.querySelector<HTMLElement>('.screen');
    if (!screen) return;
    this.scale = this.interactive ? 1 : Math.min(1, this.clientWidth / this.width);
    this.height = screen.offsetHeight * this.scale;
    this.placeMarks();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (['config', 'marks', 'width', 'lang', 'scale'].some((name) => (changed as Map<string, unknown>).has(name))) this.placeMarks();
  }

  /** Where each mark goes: the bar lays itself out over a few frames (and fonts arrive), so measure then and a little later. */
  private placeMarks(): void {
    const run = ++this.placing;
    const measure = () => {
      if (run !== this.placing) return;
      const viewport = this.renderRoot.querySelector<HTMLElement>('.viewport');
      const bar = this.renderRoot.querySelector('cobrand-console');
      if (!viewport || !bar) return;
      const origin = viewport.getBoundingClientRect();
      const screenRight = this.renderRoot.querySelector('.screen')!.getBoundingClientRect().right;
      const placed = this.marks.flatMap((mark, index) => {
        const box = markTarget(bar, this.config, mark.pointer)?.getBoundingClientRect();
        if (!box || box.width === 0) return [];
        // Positioned from the viewport's padding box (inside its border), scrolling with the bar.
        return [{ n: index + 1, left: box.left - origin.left - viewport.clientLeft + viewport.scrollLeft, top: box.top - origin.top - viewport.clientTop, width: box.width, height: box.height, end: box.right + 10 > screenRight }];
      });
      if (JSON.stringify(placed) !== JSON.stringify(this.placed)) this.placed = placed;
    };
    requestAnimationFrame(measure);
    for (const delay of [150, 600]) setTimeout(measure, delay);
  }

  private renderMarks(): TemplateResult | typeof nothing {
    if (!this.placed.length) return nothing;
    return html`<div class="marks" aria-hidden="true">${this.placed.map((mark) => html`<span class="mark comment-mark ${mark.end ? 'end' : ''}" data-n=${mark.n}
      style="left:${mark.left}px;top:${mark.top}px;width:${mark.width}px;height:${mark.height}px"><b>${mark.n}</b></span>`)}</div>`;
  }

  private renderLegend(): TemplateResult | typeof nothing {
    if (!this.marks.length) return nothing;
    return html`<span class="legend">${this.marksTitle} ${this.marks.map((mark) => mark.label).join('; ')}</span>`;
  }

  /** A click on a link of the preview stays in the page; the caption names the target. */
  private readonly onNavigate = (event: CustomEvent<{ href: string }>) => {
    event.preventDefault();
    this.went = event.detail.href;
  };

  protected override render() {
    const bar = html`<cobrand-console .config=${this.settled.shown ?? null} .now=${this.now} lang=${this.lang} user-name="Zhang Wei" api=${this.api}></cobrand-console>
      <div class="body" aria-hidden="true"><span></span><span></span></div>`;
    if (!this.interactive) {
      return html`<figure style="margin:0">
        <div class="viewport" style="height:${this.height}px" role="img" aria-label=${this.label}>
          <div class="screen" style="width:${this.width}px;transform:scale(${this.scale})" inert>${bar}</div>
          ${this.renderMarks()}
        </div>
        <figcaption>${this.label}${this.renderLegend()}</figcaption>
      </figure>`;
    }
    return html`<figure style="margin:0" lang=${this.lang}>
      <div class="viewport live" tabindex="0" role="group" aria-label=${this.label}>
        <div class="screen" style="width:${this.width}px" @cobrand-navigate=${this.onNavigate}>${bar}</div>
        ${this.renderMarks()}
      </div>
      <figcaption><span>${this.label} · 100%${this.hint && this.width > this.clientWidth ? ` · ${this.hint}` : ''}</span>${this.renderLegend()}<span class="went" role="status">${this.went ? `→ ${this.went}` : ''}</span></figcaption>
    </figure>`;
  }
}
