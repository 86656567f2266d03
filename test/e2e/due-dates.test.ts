import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { addWorkingDays, loadHolidayCalendar } from '../../server/working-days.ts';
import { launchChromium, startService, type Service } from './harness.ts';
import { openPage, partnerApi } from './helpers.ts';

/** The next 14 days (Shanghai dates) as holidays, so any submission today is due after them. */
function holidayFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cobrand-e2e-holidays-'));
  const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));
  const file = join(dir, 'holidays.json');
  writeFileSync(file, JSON.stringify({ holidays: Array.from({ length: 14 }, (_, offset) => day(offset + 1)), workdays: [] }));
  return file;
}

describe('due dates follow the configured holiday calendar (issue 14, item 15)', () => {
  let service: Service;
  let browser: Browser;
  let file: string;

  before(async () => {
    file = holidayFile();
    process.env.COBRAND_HOLIDAYS = file;
    try {
      [service, browser] = await Promise.all([startService(), launchChromium()]);
    } finally {
      delete process.env.COBRAND_HOLIDAYS;
    }
  });
  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('shows the partner a due date past the holidays, three working days after them', async () => {
    const partner = partnerApi(service);
    await partner.edit((config) => { config.operations.contact.phone = '+86 400 555 0000'; });
    const submittedAt = new Date();
    await partner.submit();
    const page = await openPage(browser);
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    const dueCell = page.locator('#history tbody tr').first().locator('td[data-label="Review due"]');
    await dueCell.waitFor();
    const { items } = await (await fetch(`${service.url}/v1/partners/acme-cloud/submissions`, { headers: { authorization: `Bearer ${service.partnerToken}` } })).json() as { items: Array<{ dueAt: string }> };
    const expected = addWorkingDays(submittedAt, 3, 'Asia/Shanghai', loadHolidayCalendar(file));
    assert.ok(Math.abs(new Date(items[0]!.dueAt).getTime() - expected.getTime()) < 60_000, `due ${items[0]!.dueAt}, expected about ${expected.toISOString()}`);
    assert.ok(new Date(items[0]!.dueAt).getTime() - submittedAt.getTime() > 14 * 86_400_000, 'after the 14 holidays');
    const shown = await page.evaluate((iso) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)), items[0]!.dueAt);
    assert.equal(await dueCell.textContent(), shown);
    assert.match((await page.locator('#status').textContent()) ?? '', new RegExp(`due by ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await page.context().close();
  });
});
