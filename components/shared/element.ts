import { adoptStyles, LitElement } from 'lit';

/**
 * The elements' base. A pre-rendered bar's shadow roots bring their styles as `<style>`
 * elements, which Lit's hydration keeps without adopting the styles again; a host page whose
 * Content-Security-Policy refuses inline styles refuses those, and the bar would stay unstyled
 * for good. So a shadow root that was there before the element adopts its styles as well, as
 * one Lit makes does: no policy refuses adopted style sheets.
 */
export class CobrandElement extends LitElement {
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    if (root instanceof ShadowRoot && root.adoptedStyleSheets.length === 0) adoptStyles(root, (this.constructor as typeof LitElement).elementStyles);
    return root;
  }
}
