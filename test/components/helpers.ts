import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.ts';
import type { CobrandConsole } from '../../components/index.ts';
import example from '../../schema/examples/acme-cloud.json' with { type: 'json' };

/** The test server's stand-in for the review service (test-api.mjs). */
export const TEST_API = `${location.origin}/test-api`;
/** An uploaded logo the test server serves (this machine reaches no other host). */
export const TEST_LOGO = `/assets/${'a'.repeat(64)}`;

/** The complete example, with logos the test server serves (typed loosely: tests edit it freely). */
export function completeDocument(): Record<string, any> {
  const doc = structuredClone(example) as Record<string, any>;
  for (const logo of Object.values(doc.brand.logos) as Array<{ src: string }>) logo.src = TEST_LOGO;
  return doc;
}

/** A console of a given width (px), rendered from `config`, settled. */
export async function consoleFixture(config: object | null, { lang = 'en-US', width = 1920, userName = 'alice' } = {}): Promise<CobrandConsole> {
  const host = await fixture<HTMLDivElement>(html`<div style="width:${width}px">
    <cobrand-console .config=${config} lang=${lang} user-name=${userName} api=${TEST_API}></cobrand-console></div>`);
  const element = host.querySelector('cobrand-console')!;
  await settle(element);
  return element;
}

/**
 * Waits until the element and every element inside its shadow tree has rendered and stays
 * rendered: images loaded (a logo's size re-plans the bar), then frames until no element has
 * an update pending (overflow measures, then fits). Under load this can take more frames.
 * `images: false` settles the bar as it stands while its images are still on their way.
 */
export async function settle(root: Element, { images = true } = {}): Promise<void> {
  if (images) {
    const loading = deepElements(root).filter((element): element is HTMLImageElement => element instanceof HTMLImageElement);
    await Promise.all(loading.map((image) => image.decode().catch(() => undefined)));
  }
  for (let round = 0, quiet = 0; round < 30 && quiet < 3; round++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const elements = deepElements(root) as Array<Element & { updateComplete?: Promise<unknown>; isUpdatePending?: boolean }>;
    quiet = elements.some((element) => element.isUpdatePending) ? 0 : quiet + 1;
    await Promise.all(elements.map((element) => element.updateComplete));
  }
}

/** Every element in `root`'s tree, shadow trees included. */
export function deepElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const child of node.children) {
      found.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  if (root instanceof Element) {
    found.push(root);
    if (root.shadowRoot) visit(root.shadowRoot);
  }
  visit(root);
  return found;
}

/** The first element matching `selector` anywhere in the shadow trees under `root`. */
export function deepQuery<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = deepElements(root).find((element) => element.matches(selector));
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found as T;
}

export const deepQueryAll = <T extends Element = HTMLElement>(root: Element, selector: string): T[] =>
  deepElements(root).filter((element) => element.matches(selector)) as T[];

/** The element that has focus, looking into shadow roots. */
export function activeElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Asserts that focus is on `element`. Chai's message for two unequal elements inspects them
 * and never finishes, hanging the whole browser run; this names them instead.
 */
export function expectFocusOn(element: Element, why = ''): void {
  const focused = activeElement();
  expect(focused === element, `${why ? `${why}: ` : ''}focus is on ${describeElement(focused)}, not on ${describeElement(element)}`).to.be.true;
}

export function describeElement(element: Element | null): string {
  if (!element) return 'nothing';
  if (element === document.body) return 'the page';
  const text = element.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40);
  return `<${element.localName}${element.getAttribute('data-id') ? ` data-id="${element.getAttribute('data-id')}"` : ''}>${text ? ` "${text}"` : ''}`;
}

/** Visible text of the top-level entries of a menubar inside `part`. */
export function topLabels(part: Element): string[] {
  return deepQueryAll(part, '[role=menubar] > [role=none] > [role=menuitem]')
    .filter((element) => element.getClientRects().length > 0)
    .map((element) => element.querySelector('.label')!.textContent!.trim());
}
