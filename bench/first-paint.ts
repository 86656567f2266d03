/**
 * Branded first paint of <cobrand-console> with the complete example (target ≤ 1.2× the same
 * markup as static HTML). The baseline is the bar itself, rendered once and serialized as
 * declarative shadow DOM with its styles inlined: the same pixels with no script. Chromium
 * times first-contentful-paint of each page, in fresh contexts, alternating, over loopback.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
// @ts-expect-error plain JavaScript of the elements' build, without declarations
import { BUNDLE_ENTRY, BUNDLE_OPTIONS } from '../components/bundle.mjs';
import { renderBar } from '../server/bar-render.ts';
import { EMBED_CACHE_CONTROL } from '../server/preview-app.ts';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { report } from './measure.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const BREAKDOWN_RUNS = Number(process.env.BENCH_BREAKDOWN_RUNS ?? 7);
const TARGET_RATIO = 1.2;
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="132" height="28" viewBox="0 0 132 28"><rect width="132" height="28" rx="6" fill="#F5A623"/></svg>';
const LOGO_PATH = `/assets/${'c'.repeat(64)}`;
const DOCUMENT_ETAG = '"bench-v1"';
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
};
/** The hosts compared, and the baseline, by page. */
const HOSTS = [
  ['script tag, document set as a property', '/component.html'],
  ['script tag, the loader (partner + api)', '/loader.html'],
  ['script tag, the loader, its request preloaded', '/loader-preload.html'],
  ['pre-rendered bar (bar.html) + script tag', '/prerendered.html'],
  ['static HTML (baseline)', '/static.html'],
] as const;

export async function run(): Promise<void> {
  // The embed bundle as components/bundle.mjs builds it (with what hydrates a pre-rendered bar).
  const embed = (await build({ ...(BUNDLE_OPTIONS as BuildOptions), entryPoints: [BUNDLE_ENTRY as string], write: false })).outputFiles[0]!.text;
  const doc = JSON.parse(readFileSync(new URL('../schema/examples/acme-cloud.json', import.meta.url), 'utf8'));
  for (const logo of Object.values(doc.brand.logos) as Array<{ src: string }>) logo.src = LOGO_PATH;
  const files = new Map<string, [string, string]>([
    ['/cobrand.js', ['text/javascript', embed]],
    [LOGO_PATH, ['image/svg+xml', LOGO]],
    [`/v1/partners/${doc.partnerId}/customization`, ['application/json', JSON.stringify(doc)]],
    ['/component.html', ['text/html', componentPage(doc)]],
  ]);
  const server = await serve(files);
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  files.set('/loader.html', ['text/html', loaderPage(doc.partnerId, origin)]);
  files.set('/loader-preload.html', ['text/html', loaderPage(doc.partnerId, origin, { preload: true })]);
  const bar = await renderBar(doc, { partner: doc.partnerId, api: origin, lang: 'en-US', etag: DOCUMENT_ETAG, now: Date.now() });
  files.set('/prerendered.html', ['text/html', prerenderedPage(bar)]);
  const browser = await chromium.launch(LAUNCH);
  try {
    files.set('/static.html', ['text/html', await staticPage(browser, `${origin}/component.html`)]);
    if (process.env.BENCH_SAVE_DIR) await saveFor(process.env.BENCH_SAVE_DIR, files); // to look at what is compared
    // Every host and the baseline in turn, in fresh contexts, so that load on the machine falls on all alike.
    const paints = new Map(HOSTS.map(([, path]) => [path, [] as number[]]));
    for (let round = 0; round < RUNS + 2; round++) {
      for (const [path, samples] of paints) {
        const ms = await firstPaint(browser, `${origin}${path}`);
        if (round >= 2) samples.push(ms); // the first two warm the browser and the OS
      }
    }
    if (BREAKDOWN_RUNS > 0) {
      for (const [host, path] of HOSTS) {
        const samples: Phases[] = [];
        for (let round = 0; round < BREAKDOWN_RUNS; round++) samples.push(await breakdown(browser, `${origin}${path}`));
        report(`first-paint, where the time goes: ${host}, ms after navigation start, median of ${BREAKDOWN_RUNS} traced loads`,
          Object.fromEntries(Object.entries(medianPhases(samples)).filter(([, ms]) => !Number.isNaN(ms)).map(([phase, ms]) => [phase, ms.toFixed(1)])));
      }
    }
    for (const [host, path] of HOSTS.filter(([, path]) => path !== '/static.html')) {
      report(`first-paint, work until the bar settles (instrumented, one load): ${host}`, await renderWork(browser, `${origin}${path}`));
    }
    const staticMs = median(paints.get('/static.html')!);
    const figures: Record<string, string> = { 'baseline: the same bar as static HTML, first contentful paint (ms)': staticMs.toFixed(1) };
    for (const [host, path] of HOSTS.filter(([, path]) => path !== '/static.html')) {
      const ms = median(paints.get(path)!);
      figures[`${host}: first contentful paint (ms)`] = ms.toFixed(1);
      figures[`${host}: ratio to static`] = `${(ms / staticMs).toFixed(2)}  target ≤ ${TARGET_RATIO}×: ${ms / staticMs <= TARGET_RATIO ? 'met' : 'MISSED'}`;
    }
    report(`first-paint: <cobrand-console> with the complete example at 1440 px, median of ${RUNS} each`, figures);
    report(`first-paint, repeat landings (one browser profile: the bundle and logo from its HTTP cache, V8's code cache, the loader's stored copy), median of ${RUNS} each`,
      await repeatLandings(browser, origin));
  } finally {
    await browser.close();
    server.close();
  }
}

function componentPage(doc: unknown): string {
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><script type="module" src="/cobrand.js"></script></head>
<body style="margin:0"><cobrand-console user-name="Zhang Wei" api=""></cobrand-console>
<script type="module">document.querySelector('cobrand-console').config = ${JSON.stringify(doc)};</script></body></html>`;
}

/** A host that names the partner and lets the element load its document (the loader's request). */
function loaderPage(partner: string, api: string, { preload = false } = {}): string {
  // As docs/embedding.md recommends: the request starts with the page, not after the bundle ran.
  const hint = preload ? `<link rel="preload" href="${api}/v1/partners/${partner}/customization" as="fetch" crossorigin="anonymous">` : '';
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8">${hint}<script type="module" src="/cobrand.js"></script></head>
<body style="margin:0"><cobrand-console user-name="Zhang Wei" partner="${partner}" api="${api}"></cobrand-console></body></html>`;
}

/** A host that includes GET /v1/partners/:pid/bar.html as it comes, and the embed bundle, which hydrates it. */
function prerenderedPage(bar: string): string {
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"><script type="module" src="/cobrand.js"></script></head>
<body style="margin:0">${bar}</body></html>`;
}

/**
 * Runs in the page: every shadow root gets a <style> with its adopted style sheets, and the
 * body is serialized with them as declarative shadow DOM. Sent as text, since the compiled
 * TypeScript of a function would call helpers the page does not have.
 */
const SERIALIZE_BAR = `(() => {
  const roots = [];
  const visit = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (!element.shadowRoot) continue;
      roots.push(element.shadowRoot);
      visit(element.shadowRoot);
    }
  };
  visit(document.body);
  for (const root of roots) {
    const style = document.createElement('style');
    style.textContent = root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\\n');
    root.prepend(style);
  }
  for (const script of document.body.querySelectorAll('script')) script.remove();
  return document.body.getHTML({ shadowRoots: roots });
})()`;

/** The rendered bar as declarative shadow DOM, each shadow root with its adopted styles inlined. */
async function staticPage(browser: Browser, url: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 400 } });
  await page.goto(url);
  await page.locator('cobrand-console [part="partner-logo"]').waitFor();
  await page.waitForTimeout(300);
  const body = await page.evaluate<string>(SERIALIZE_BAR);
  await page.close();
  return `<!doctype html><html lang="en-US"><head><meta charset="utf-8"></head><body style="margin:0">${body}</body></html>`;
}

/**
 * A sub-customer's later landings: one browser profile on disk throughout, as a real browser
 * has, so the bundle and the logo come from its HTTP cache (with the service's Cache-Control),
 * V8 may use its code cache, and the loader has its stored copy; the static page in the same
 * profile is the baseline. Informative: the target is the first landing's.
 */
async function repeatLandings(browser: Browser, origin: string): Promise<Record<string, string>> {
  const profile = mkdtempSync(join(tmpdir(), 'cobrand-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...LAUNCH, viewport: { width: 1440, height: 400 } });
  try {
    const hosts = HOSTS.filter(([, path]) => path !== '/prerendered.html');
    const paints = new Map(hosts.map(([, path]) => [path, [] as number[]]));
    for (let round = 0; round < RUNS + 2; round++) {
      for (const [path, samples] of paints) {
        const ms = await firstPaint(browser, `${origin}${path}`, context);
        if (round >= 2) samples.push(ms);
      }
    }
    for (const [host, path] of HOSTS.filter(([, path]) => path !== '/static.html')) {
      report(`first-paint, work until the bar settles (instrumented, one load): ${host}`, await renderWork(browser, `${origin}${path}`));
    }
    const staticMs = median(paints.get('/static.html')!);
    const figures: Record<string, string> = { 'baseline: static HTML (ms)': staticMs.toFixed(1) };
    for (const [host, path] of hosts.filter(([, path]) => path !== '/static.html')) {
      const ms = median(paints.get(path)!);
      figures[`${host} (ms, ratio to static)`] = `${ms.toFixed(1)}, ${(ms / staticMs).toFixed(2)}`;
    }
    return figures;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function firstPaint(browser: Browser, url: string, shared?: BrowserContext): Promise<number> {
  const context = shared ?? await browser.newContext({ viewport: { width: 1440, height: 400 } });
  const page = await context.newPage();
  await page.goto(url);
  const fcp = await page.evaluate(() => new Promise<number>((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (entry) resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  }));
  if (shared) await page.close();
  else await context.close();
  return fcp;
}

function serve(files: Map<string, [string, string]>): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      const file = files.get(request.url ?? '');
      if (!file) return response.writeHead(404).end();
      const etag = file[0] === 'application/json' ? { etag: DOCUMENT_ETAG, 'access-control-allow-origin': '*' } : undefined;
      if (etag && request.headers['if-none-match'] === DOCUMENT_ETAG) return response.writeHead(304, etag).end();
      response.writeHead(200, { 'content-type': file[0], 'cache-control': cacheControl(request.url!), ...etag }).end(file[1]);
    }).listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** As the service sends them: the embed bundle (server/preview-app.ts), uploaded images (server/routes/public.ts); pages not stored. */
function cacheControl(path: string): string {
  if (path === '/cobrand.js') return EMBED_CACHE_CONTROL;
  if (path === LOGO_PATH) return 'public, max-age=31536000, immutable';
  return 'no-store';
}

async function saveFor(dir: string, files: Map<string, [string, string]>): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  for (const [path, [, body]] of files) {
    await mkdir(`${dir}${path.slice(0, path.lastIndexOf('/'))}`, { recursive: true });
    await writeFile(`${dir}${path}`, body);
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One phase of a landing, from Chromium's trace, in ms after navigation start (`at`) and long (`ms`). */
interface Phases {
  [phase: string]: number;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'loading', 'blink.user_timing', 'disabled-by-default-devtools.timeline'];

interface TraceEvent { name: string; ts: number; dur?: number; pid: number; tid: number; args?: { data?: { url?: string } } }

/**
 * Where the time of one landing goes, read from a Chromium trace of it: when the page and
 * the script arrived, how long the script took to parse and compile (streamed, off the main
 * thread) and to evaluate, how long the first renders ran (the microtasks after it, before
 * the first paint), style, layout and paint before the first paint, the logo's request and its
 * first paint, and the loader's request.
 */
/**
 * Counted, not timed, so it does not depend on the machine's load: how many times each element
 * updated and how many `getComputedStyle` reads (each may force a layout) the page made in
 * its first 1.5 s, by wrapping both before any script of the page runs.
 */
async function renderWork(browser: Browser, url: string): Promise<Record<string, number>> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const counts: Record<string, number> = { 'getComputedStyle reads': 0 };
      (window as unknown as { renderWork: typeof counts }).renderWork = counts;
      const getComputedStyle = window.getComputedStyle.bind(window);
      window.getComputedStyle = (...args) => { counts['getComputedStyle reads']!++; return getComputedStyle(...args); };
      const define = customElements.define.bind(customElements);
      customElements.define = (name, constructor, options) => {
        const prototype = constructor.prototype as { update?: (...args: unknown[]) => unknown };
        const update = prototype.update;
        if (update) prototype.update = function (this: unknown, ...args: unknown[]) { counts[`${name} updates`] = (counts[`${name} updates`] ?? 0) + 1; return update.apply(this, args); };
        define(name, constructor, options);
      };
    });
    await page.goto(url);
    await page.waitForTimeout(1500);
    return await page.evaluate(() => (window as unknown as { renderWork: Record<string, number> }).renderWork);
  } finally {
    await context.close();
  }
}

async function breakdown(browser: Browser, url: string): Promise<Phases> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 400 } });
  const page = await context.newPage();
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('/assets/')) || !document.querySelector('script[src]'));
  await page.waitForTimeout(200);
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  await context.close();
  const fcpEvent = events.find((event) => event.name === 'firstContentfulPaint')!;
  const onMain = (event: TraceEvent) => event.pid === fcpEvent.pid && event.tid === fcpEvent.tid;
  const navigation = (event: TraceEvent) => (event.args?.data as { navigationId?: string } | undefined)?.navigationId;
  const start = events.find((event) => event.name === 'navigationStart' && navigation(event) === navigation(fcpEvent))!.ts;
  const fcp = fcpEvent.ts;
  const at = (ts: number | undefined) => (ts === undefined ? NaN : (ts - start) / 1000);
  const resource = (part: string) => {
    const send = events.find((event) => event.name === 'ResourceSendRequest' && event.args?.data?.url?.includes(part));
    const requestId = (send?.args?.data as { requestId?: string } | undefined)?.requestId;
    const finish = events.find((event) => event.name === 'ResourceFinish' && (event.args?.data as { requestId?: string } | undefined)?.requestId === requestId);
    return [at(send?.ts), at(finish?.ts)] as const;
  };
  const total = (pattern: RegExp, until = fcp, main = true) => events
    .filter((event) => pattern.test(event.name) && event.ts >= start && event.ts < until && (!main || onMain(event)))
    .reduce((sum, event) => sum + (event.dur ?? 0) / 1000, 0);
  const [, html] = resource('.html');
  const [scriptStart, scriptEnd] = resource('/cobrand.js');
  const [, documentEnd] = resource('/customization');
  const [logoStart] = resource('/assets/');
  const imagePaint = events.find((event) => event.name === 'firstImagePaint' && event.pid === fcpEvent.pid);
  return {
    'page received (whole body)': html,
    'script requested': scriptStart,
    'script received': scriptEnd,
    'script parse + compile (off the main thread)': total(/^v8\.(parseOnBackground|compileModule|compile)$/, fcp, false),
    'script evaluation (defines the elements)': total(/^v8\.evaluateModule$/),
    'first render (microtasks before first paint)': total(/^RunMicrotasks$/),
    'style, layout and paint before first paint': total(/^(UpdateLayoutTree|Layout|Paint|PrePaint|Commit)$/),
    'layouts before first paint (count)': events.filter((event) => event.name === 'Layout' && onMain(event) && event.ts >= start && event.ts < fcp).length,
    'loader request answered': documentEnd,
    'logo requested': logoStart,
    'first contentful paint': at(fcp),
    'logo painted': at(imagePaint?.ts),
  };
}

function medianPhases(samples: Phases[]): Phases {
  return Object.fromEntries(Object.keys(samples[0]!).map((phase) => [phase, median(samples.map((sample) => sample[phase]!))]));
}
