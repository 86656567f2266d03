/**
 * The bar as a sub-customer sees it on the demo landing, in both languages at the widths
 * people have: `npm run screenshots` writes docs/screenshots/bar-<lang>-<width>.png (the
 * README shows some of them). Look at every one after changing the bar's layout.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium, startService } from './harness.ts';

const WIDTHS = [1920, 1440, 1280, 1024, 900, 800, 768, 375];
const LANGS = ['en-US', 'zh-CN'];
const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const service = await startService();
const browser = await launchChromium();
try {
  await mkdir(OUT, { recursive: true });
  for (const lang of LANGS) {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 640 } });
      await page.goto(`${service.url}/demo?partner=acme-cloud&lang=${lang}`);
      await page.waitForFunction(() => {
        const bar = document.querySelector('cobrand-console')?.shadowRoot?.querySelector('.bar');
        return bar && !bar.classList.contains('unplanned');
      });
      await page.evaluate(() => document.fonts.ready);
      const path = `${OUT}bar-${lang}-${width}.png`;
      await page.screenshot({ path, clip: { x: 0, y: 0, width, height: 160 } });
      console.log(path);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await service.stop();
}
