/**
 * Branded first paint of <cobrand-console> with the complete example (target ≤ 1.5× the same
 * markup as static HTML). The baseline is the bar itself, rendered once and serialized as
 * declarative shadow DOM with its styles inlined: the same pixels with no script. Chromium
 * times first-contentful-paint of each page, in fresh contexts, alternating, over loopback.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { report } from './measure.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const TARGET_RATIO = 1.5;
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="132" height="28" viewBox="0 0 132 28"><rect width="132" height="28" rx="6" fill="#F5A623"/></svg>';
const LOGO_PATH = `/assets/${'c'.repeat(64)}`;

export async function run(): Promise<void> {
  const embed = (await build({
    entryPoints: [new URL('../components/index.ts', import.meta.url).pathname],
    bundle: true, minify: true, format: 'esm', target: 'es2021', write: false,
  })).outputFiles[0]!.text;
  const doc = JSON.parse(readFileSync(new URL('../schema/examples/acme-cloud.json', import.meta.url), 'utf8'));
  for (const logo of Object.values(doc.brand.logos) as Array<{ src: string }>) logo.src = LOGO_PATH;
  const files = new Map<string, [string, string]>([
    ['/cobrand.js', ['text/javascript', embed]],
    [LOGO_PATH, ['image/svg+xml', LOGO]],
    ['/component.html', ['text/html', componentPage(doc)]],
  ]);
  const server = await serve(files);
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    files.set('/static.html', ['text/html', await staticPage(browser, `${origin}/component.html`)]);
    if (process.env.BENCH_SAVE_DIR) await saveFor(process.env.BENCH_SAVE_DIR, files); // to look at what is compared
    const component: number[] = [];
    const staticHtml: number[] = [];
    for (let round = 0; round < RUNS + 2; round++) {
      const [a, b] = [await firstPaint(browser, `${origin}/component.html`), await firstPaint(browser, `${origin}/static.html`)];
      if (round < 2) continue; // warm the browser and the OS
      component.push(a);
      staticHtml.push(b);
    }
    const [componentMs, staticMs] = [median(component), median(staticHtml)];
    report(`first-paint: <cobrand-console> with the complete example, median of ${RUNS}`, {
      'component, first contentful paint (ms)': componentMs.toFixed(1),
      'baseline: the same markup as static HTML (ms)': staticMs.toFixed(1),
      'ratio component / static': (componentMs / staticMs).toFixed(2),
      [`target ≤ ${TARGET_RATIO}×`]: componentMs / staticMs <= TARGET_RATIO ? 'met' : 'MISSED',
    });
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

async function firstPaint(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 400 } });
  const page = await context.newPage();
  await page.goto(url);
  const fcp = await page.evaluate(() => new Promise<number>((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (entry) resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  }));
  await context.close();
  return fcp;
}

function serve(files: Map<string, [string, string]>): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      const file = files.get(request.url ?? '');
      if (!file) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
    }).listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function saveFor(dir: string, files: Map<string, [string, string]>): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  for (const [path, [, body]] of files) {
    await mkdir(`${dir}${path.slice(0, path.lastIndexOf('/'))}`, { recursive: true });
    await writeFile(`${dir}${path}`, body);
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
