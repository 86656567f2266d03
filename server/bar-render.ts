/**
 * The console bar pre-rendered for hosts that can include HTML: `<cobrand-console>` with its
 * shadow roots as declarative shadow DOM (@lit-labs/ssr, the same elements the browser runs),
 * and the document it shows embedded as JSON, so that the elements hydrate it into the same
 * bar without asking the service first (components/console/loader.ts reads it).
 * Lit and the elements load on the first render only: no other command or route pays for them.
 */
import type { TemplateResult } from 'lit';

export const BAR_LANGS = ['zh-CN', 'en-US'] as const;
export type BarLang = (typeof BAR_LANGS)[number];

export interface BarOptions {
  partner: string;
  /** The service's origin, for the element's `api` attribute (logos at /assets/… and revalidation). */
  api: string;
  lang: BarLang;
  /** The ETag of the document's public read, so the loader revalidates with If-None-Match. */
  etag: string;
  /** The moment to render as of: time windows decide what shows. */
  now: number;
}

interface Renderer {
  render(template: TemplateResult): Promise<string>;
  html: typeof import('lit').html;
}

let renderer: Promise<Renderer> | undefined;

function loadRenderer(): Promise<Renderer> {
  renderer ??= (async () => {
    const [{ render }, { collectResult }, { html }] = await Promise.all([
      import('@lit-labs/ssr'),
      import('@lit-labs/ssr/lib/render-result.js'),
      import('lit'),
    ]);
    await import('../components/cobrand-console.ts');
    return { html, render: (template: TemplateResult) => collectResult(render(template)) };
  })();
  return renderer;
}

export async function renderBar(document: unknown, { partner, api, lang, etag, now }: BarOptions): Promise<string> {
  const { html, render } = await loadRenderer();
  const markup = await render(html`<cobrand-console partner=${partner} api=${api} lang=${lang} .config=${document} .now=${now}></cobrand-console>`);
  // The cloud's default bar (no document) embeds nothing: the loader asks the service.
  const embedded = document === null ? '' : `<script type="application/json" data-cobrand-document>${scriptSafeJson({ etag, config: document })}</script>`;
  const end = markup.lastIndexOf('</cobrand-console>');
  // The outer template's markers serve a client-side render() of that template, which never
  // happens: the element hydrates itself from its own shadow root.
  return `${markup.slice(0, end)}${embedded}${markup.slice(end)}`
    .replace(/^(?:<!--lit-part[^>]*-->)?(?:<!--lit-node \d+-->)?<cobrand-console\s+/, '<cobrand-console ')
    .replace(/<!--\/lit-part-->$/, '');
}

/** JSON that cannot end its <script> element or open a comment: every `<` is escaped. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
