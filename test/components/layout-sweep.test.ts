/**
 * The bar at every width a sub-customer may have: 320 to 2560 px in steps of 16, in both
 * languages, for the shipped examples and for documents at the schema's limits. At each
 * width nothing in the row overlaps, nothing leaves the bar, and every entry stays reachable.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Lang } from '../../components/shared/i18n.ts';
import type { Customization } from '../../schema/types.generated.ts';
import minimal from '../../schema/examples/minimal.json' with { type: 'json' };
import { layoutProblems, orderProblems, unreachableEntries } from './bar-geometry.ts';
import { completeDocument, consoleFixture, deepQuery, settle, TEST_API, TEST_LOGO, topLabels } from './helpers.ts';
import { limitsDocument, generatedDocument, WIDE_LOGO, WIDEST_LOGO } from './limits.ts';

const WIDTHS = Array.from({ length: (2560 - 320) / 16 + 1 }, (_, index) => 320 + index * 16);
const LANGS: Lang[] = ['en-US', 'zh-CN'];
const LONG_NAME = 'Maximilian Featherstonehaugh-Worthington';

function withLogo(doc: Record<string, any>, src: string): Record<string, any> {
  for (const logo of Object.values(doc.brand.logos) as Array<{ src: string }>) logo.src = src;
  return doc;
}

/** Renders `config` at every width and returns what went wrong, width by width. */
async function sweep(config: object | null, lang: Lang, userName = 'Zhang Wei', widths = WIDTHS): Promise<string[]> {
  const el = await consoleFixture(config, { lang, width: widths[0]!, userName });
  const host = el.parentElement as HTMLElement;
  const problems: string[] = [];
  for (const width of widths) {
    host.style.width = `${width}px`;
    await settle(el);
    for (const problem of [...layoutProblems(el), ...orderProblems(el), ...unreachableEntries(el, config, lang)]) problems.push(`${width}px: ${problem}`);
  }
  return problems;
}

const CASES: Array<[string, () => object | null, string?]> = [
  ['the complete example', completeDocument],
  ['the complete example with a 240×48 logo', () => withLogo(completeDocument(), WIDE_LOGO)],
  ['the minimal example', () => structuredClone(minimal)],
  ['no customization (the default bar)', () => null],
  ['a document at every limit, with the widest logo and a long user name', () => limitsDocument(WIDEST_LOGO), LONG_NAME],
];

describe('layout: every width from 320 to 2560 px', function () {
  this.timeout(120_000);
  for (const [name, make, userName] of CASES) {
    for (const lang of LANGS) {
      it(`${name}, ${lang}`, async () => {
        expect(await sweep(make(), lang, userName)).to.deep.equal([]);
      });
    }
  }

  // FC_SEED=… npm run test:components replays a run (web-test-runner.config.mjs passes it in).
  const seed = Number((globalThis as { FC_SEED?: string }).FC_SEED) || Date.now() % 2 ** 31;
  for (const [index, doc] of fc.sample(generatedDocument(), { numRuns: 2, seed }).entries()) {
    for (const lang of LANGS) {
      it(`generated document ${index + 1} (seed ${seed}), ${lang}`, async () => {
        expect(await sweep(doc, lang, LONG_NAME, WIDTHS.filter((_, at) => at % 3 === index % 3))).to.deep.equal([]);
      });
    }
  }
});

describe('layout: before and right after the first measurement', () => {
  for (const lang of LANGS) {
    it(`paints nothing overlapping in the first frame, ${lang}`, async () => {
      // The logo is in the image cache, so its size is known at the first layout. (A logo that
      // gets its size later resizes the observed image: the bar plans again before that frame paints.)
      const logo = new Image();
      logo.src = `${TEST_API}${WIDEST_LOGO}`;
      await logo.decode();
      for (const width of [800, 1024, 1280]) {
        const host = document.createElement('div');
        host.style.width = `${width}px`;
        document.body.append(host);
        const el = document.createElement('cobrand-console');
        el.lang = lang;
        el.api = TEST_API;
        el.config = limitsDocument(WIDEST_LOGO);
        host.append(el);
        // What the first frame painted is what the second frame starts from.
        for (let frame = 0; frame < 2; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
        const first = layoutProblems(el);
        await settle(el);
        const settled = layoutProblems(el);
        host.remove();
        expect({ width, first, settled }).to.deep.equal({ width, first: [], settled: [] });
      }
    });
  }
});

describe('layout: plans anew when what it measured changes', () => {
  it('when the language, the document and the user name change', async () => {
    const el = await consoleFixture(completeDocument(), { lang: 'en-US', width: 1024 });
    const problems: string[] = [];
    const check = async (step: string) => {
      await settle(el);
      problems.push(...layoutProblems(el).map((problem) => `${step}: ${problem}`));
      problems.push(...unreachableEntries(el, el.config, el.lang as Lang).map((problem) => `${step}: ${problem} unreachable`));
    };
    el.lang = 'zh-CN';
    await check('zh-CN');
    el.config = limitsDocument(WIDEST_LOGO);
    await check('limits');
    el.userName = LONG_NAME;
    await check('long name');
    el.lang = 'en-US';
    await check('en-US');
    expect(problems).to.deep.equal([]);
  });
});

describe('layout: web fonts', () => {
  it('measures anew when a web font finishes loading', async () => {
    const family = `CobrandLateFont${Date.now()}`;
    const el = await consoleFixture(completeDocument(), { width: 1280 });
    el.style.setProperty('--cobrand-font-family', `'${family}', 'Liberation Sans Narrow'`);
    el.lang = 'zh-CN';
    el.lang = 'en-US';
    await settle(el);
    expect(layoutProblems(el)).to.deep.equal([]);
    const face = new FontFace(family, 'local("DejaVu Sans Mono")');
    document.fonts.add(face);
    await face.load();
    await settle(el);
    const problems = layoutProblems(el);
    document.fonts.delete(face);
    expect(problems).to.deep.equal([]);
  });
});

describe('layout: under a CSS transform', () => {
  it('lays out a preview scaled to fit a panel as the screen it shows', async () => {
    const plain = await consoleFixture(completeDocument(), { width: 1440 });
    const expected = topLabels(deepQuery(plain, 'cobrand-promo-menu'));
    const scaled = await consoleFixture(completeDocument(), { width: 1440 });
    (scaled.parentElement as HTMLElement).style.transform = 'scale(0.44)';
    await settle(scaled);
    scaled.config = completeDocument() as Customization;
    await settle(scaled);
    expect(topLabels(deepQuery(scaled, 'cobrand-promo-menu'))).to.deep.equal(expected);
    expect(expected).to.include('Backup');
  });
});

describe('layout: drop-downs at the schema\'s limits stay on the screen', () => {
  for (const [logoName, logo] of [['no logo', ''], ['a small logo', TEST_LOGO], ['a wide logo', WIDE_LOGO]] as const) {
  for (const lang of ['zh-CN', 'en-US'] as const) {
    for (const width of [1920, 1440, 1280, 1024, 900, 768]) {
      it(`${logoName}, ${lang}, ${width} px: every open drop-down lies within the screen's width and height, and scrolls to its last entry`, async () => {
        const el = await consoleFixture(limitsDocument(logo), { lang, width, userName: 'Zhang Wei' });
        const problems: string[] = [];
        for (const part of ['cobrand-promo-menu', 'cobrand-cloud-menu'] as const) {
          const root = deepQuery(el, part).shadowRoot!;
          const buttons = [...root.querySelectorAll<HTMLButtonElement>('[role=menubar] > [role=none] > button[aria-haspopup=menu]')];
          for (const button of buttons) {
            button.focus();
            button.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true })); // opens at the last entry
            await settle(el);
            const menu = button.parentElement!.querySelector<HTMLElement>('[role=menu]')!;
            const box = menu.getBoundingClientRect();
            const name = `${part} "${button.textContent!.trim()}"`;
            if (box.left < 0 || box.right > width) problems.push(`${name}: ${Math.round(box.left)}–${Math.round(box.right)} px, outside 0–${width}`);
            if (box.top < 0 || box.bottom > innerHeight) problems.push(`${name}: ${Math.round(box.top)}–${Math.round(box.bottom)} px high, outside the screen's 0–${innerHeight} (the page had to scroll)`);
            const cut = [...menu.querySelectorAll<HTMLElement>('.entry')].filter((entry) => entry.scrollWidth > entry.clientWidth + 1);
            if (cut.length) problems.push(`${name}: ${cut.length} entries cut short, such as "${cut[0]!.textContent!.trim()}"`);
            const focused = root.activeElement?.getBoundingClientRect();
            if (!focused || focused.bottom > innerHeight || focused.bottom > box.bottom + 1) problems.push(`${name}: its last entry, focused, is not in view`);
            button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
            scrollTo(0, 0);
            await settle(el);
          }
        }
        expect(problems).to.deep.equal([]);
      });
    }
  }
  }
});

describe('layout: a host page whose own CSS is hostile', function () {
  this.timeout(120_000);
  // What a host's global rules do to the element itself (they match <cobrand-console>, and their
  // inherited properties would flow into the shadow tree), in a right-to-left page.
  const HOSTILE = `* { box-sizing: content-box !important; letter-spacing: 2px !important; word-spacing: 8px !important;
    line-height: 3 !important; font-family: serif !important; font-size: 20px !important; text-transform: uppercase !important;
    text-align: center !important; white-space: pre !important; }`;
  let style: HTMLStyleElement;
  beforeEach(() => {
    style = document.head.appendChild(document.createElement('style'));
    style.textContent = HOSTILE;
    document.documentElement.dir = 'rtl';
  });
  afterEach(() => {
    style.remove();
    document.documentElement.removeAttribute('dir');
  });

  for (const lang of LANGS) {
    it(`lays out as on a plain page, ${lang}, 768 to 1440 px`, async () => {
      const widths = Array.from({ length: (1440 - 768) / 24 + 1 }, (_, index) => 768 + index * 24);
      expect(await sweep(completeDocument(), lang, 'Zhang Wei', widths)).to.deep.equal([]);
      const el = await consoleFixture(completeDocument(), { lang, width: 1280 });
      const entry = deepQuery(deepQuery(el, 'cobrand-promo-menu'), '[role=menubar] [role=menuitem]');
      const text = getComputedStyle(entry);
      expect([text.letterSpacing, text.textTransform, text.direction, text.lineHeight, text.fontSize, text.boxSizing, text.fontFamily.split(',')[0]])
        .to.deep.equal(['normal', 'none', 'ltr', '19.6px', '14px', 'border-box', 'system-ui']);
    });
  }
});

describe('layout: the announcement at every width', function () {
  this.timeout(120_000);
  const unbroken = 'x'.repeat(280);
  const withUrl = 'Billing maintenance tonight, details: https://status.acme.example/incidents/2026-12-05/billing-maintenance-window-for-all-regions';
  for (const [name, text] of [['a long link in its text', withUrl], ['280 characters with no break', unbroken]] as const) {
    for (const lang of LANGS) {
      it(`${name}, ${lang}: wraps within the strip, clear of its link and close button`, async () => {
        const doc = completeDocument();
        doc.operations.announcement = { ...doc.operations.announcement, text: { 'zh-CN': text, 'en-US': text }, href: 'https://status.acme.example/' };
        const el = await consoleFixture(doc, { lang, width: WIDTHS[0]! });
        const host = el.parentElement as HTMLElement;
        const problems: string[] = [];
        for (const width of WIDTHS.filter((_, at) => at % 4 === 0)) {
          host.style.width = `${width}px`;
          await settle(el);
          const strip = deepQuery(el, '[part=announcement]');
          const words = deepQuery(el, '.announcement-text').getBoundingClientRect();
          const controls = [deepQuery(el, '[part=announcement] a'), deepQuery(el, '[part=dismiss]')].map((control) => control.getBoundingClientRect());
          if (strip.scrollWidth > strip.clientWidth + 1) problems.push(`${width}px: the strip scrolls sideways (${strip.scrollWidth} > ${strip.clientWidth})`);
          const range = document.createRange();
          range.selectNodeContents(deepQuery(el, '.announcement-text'));
          const textRight = Math.max(range.getBoundingClientRect().right, words.right);
          if (textRight > controls[0]!.left + 0.5) problems.push(`${width}px: the text [to ${Math.round(textRight)}] runs under the link [from ${Math.round(controls[0]!.left)}]`);
          if (controls.some((rect) => rect.right > host.getBoundingClientRect().right + 0.5)) problems.push(`${width}px: a control leaves the page`);
        }
        expect(problems).to.deep.equal([]);
      });
    }
  }
});
