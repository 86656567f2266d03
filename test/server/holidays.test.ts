import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addWorkingDays, loadHolidayCalendar } from '../../server/working-days.ts';

describe('due dates skip public holidays and count make-up working days (issue 14, item 15)', () => {
  const due = (iso: string, calendar = loadHolidayCalendar('')) => addWorkingDays(new Date(iso), 3, 'Asia/Shanghai', calendar).toISOString();

  it('counts mainland China\'s National Day week out, and its Saturday make-up day in', () => {
    // Wednesday 2026-09-30 10:00 in Shanghai: 1–7 October are holidays, Saturday 10 October is a working day.
    assert.equal(due('2026-09-30T02:00:00Z'), '2026-10-10T02:00:00.000Z');
    // The Spring Festival 2026: 15–23 February off, Saturday 28 February worked.
    assert.equal(due('2026-02-13T02:00:00Z'), '2026-02-25T02:00:00.000Z');
  });

  it('takes another region\'s calendar from a file, or none at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cobrand-holidays-'));
    const file = join(dir, 'holidays.json');
    writeFileSync(file, JSON.stringify({ holidays: ['2026-10-01', '2026-10-02'], workdays: [] }));
    assert.equal(due('2026-09-30T02:00:00Z', loadHolidayCalendar(file)), '2026-10-07T02:00:00.000Z'); // Thu, Fri off; Mon, Tue, Wed
    assert.equal(due('2026-09-30T02:00:00Z', loadHolidayCalendar('none')), '2026-10-05T02:00:00.000Z'); // weekends only
    writeFileSync(file, JSON.stringify({ holidays: ['1 October'] }));
    assert.throws(() => loadHolidayCalendar(file), /COBRAND_HOLIDAYS: .*"holidays" must list dates as YYYY-MM-DD/);
    assert.throws(() => loadHolidayCalendar(join(dir, 'missing.json')), /COBRAND_HOLIDAYS: cannot read/);
  });
});
