import { css, html, LitElement, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import '../../../components/index.ts';

/** The screen widths the previews offer: desktop, laptop, phone. */
export const PREVIEW_WIDTHS = [1440, 1024, 375] as const;
export type PreviewWidth = (typeof PREVIEW_WIDTHS)[number];

/** Toggle buttons choosing a preview width. */
export function widthSwitch(label: string, current: PreviewWidth, choose: (width: PreviewWidth) => void): TemplateResult {
  return html`<span class="widths" role="group" aria-label=${label}>${PREVIEW_WIDTHS.map((width) => html`<button type="button"
    aria-pressed=${current === width ? 'true' : 'false'} @click=${() => choose(width)}>${width}px</button>`)}</span>`;
}

/**
 * A `<cobrand-console>` laid out at a real screen width (1440, 1024, 375 px) and scaled
 * down to fit the panel, so the preview shows what that screen shows, overflow and drawer
 * included.
 */
@customElement('cobrand-preview-frame')
export class CobrandPreviewFrame extends LitElement {
  static override styles = css`
    /* min-width: 0, or the 1440 px screen (a transform does not shrink layout) would widen the frame. */
    :host { display: block; min-width: 0; }
    .viewport { position: relative; overflow: hidden; border: 1px solid #d0d5dd; border-radius: 6px; background: #f3f5f8; }
    .screen { transform-origin: 0 0; }
    .body { height: 72px; padding: 12px 16px; color: #667085; font: 13px system-ui, sans-serif; }
    .body span { display: inline-block; width: 30%; height: 10px; margin-right: 8px; border-radius: 4px; background: #e4e7ec; }
    figcaption { margin: 4px 0 0; color: #475467; font: 12px system-ui, sans-serif; }
  `;

  @property({ attribute: false }) config: unknown = null;
  @property() override lang = 'en-US';
  @property({ type: Number }) width = 1440;
  @property() label = '';
  /** Origin that uploaded logos (`/assets/…`) are served from. */
  @property() api = location.origin;

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
    this.scale = Math.min(1, this.clientWidth / this.width);
    this.height = screen.offsetHeight * this.scale;
  }

  protected override render() {
    return html`<figure style="margin:0">
      <div class="viewport" style="height:${this.height}px" role="img" aria-label=${this.label}>
        <div class="screen" style="width:${this.width}px;transform:scale(${this.scale})" inert>
          <cobrand-console .config=${this.config ?? null} lang=${this.lang} user-name="Zhang Wei" api=${this.api}></cobrand-console>
          <div class="body"><span></span><span></span></div>
        </div>
      </div>
      <figcaption>${this.label}</figcaption>
    </figure>`;
  }
}
