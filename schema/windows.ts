/**
 * Time windows: a promotion entry, a promotion drop-down entry or the announcement may
 * carry `activeFrom` / `activeUntil` (RFC 3339 with offset) and shows only from the one
 * (included) until the other (excluded). The components, the service and the editor all
 * read windows through this module, so they agree on every instant.
 */

/** A window's bounds, as written in the document. */
export interface TimeWindow {
  activeFrom?: unknown;
  activeUntil?: unknown;
}

type Json = Record<string, unknown>;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an RFC 3339 date-time with offset (`Z` or `±hh:mm`); `undefined` for anything else, a 30 February included. */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = Number(`0.${match[7] ?? '0'}`);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutes = Number(match[10] ?? 0);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offset = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(fraction * 1000) - offset;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const toMs = (now: number | Date): number => (typeof now === 'number' ? now : now.getTime());

/** Whether `item` shows at `now`. A bound that is present but not a date-time hides it: an unreadable end must not show a promotion for ever. */
export function isActiveAt(item: TimeWindow, now: number | Date): boolean {
  const time = toMs(now);
  if (item.activeFrom !== undefined) {
    const from = parseInstant(item.activeFrom);
    if (from === undefined || time < from) return false;
  }
  if (item.activeUntil !== undefined) {
    const until = parseInstant(item.activeUntil);
    if (until === undefined || time >= until) return false;
  }
  return true;
}

export const hasWindow = (item: TimeWindow): boolean => item.activeFrom !== undefined || item.activeUntil !== undefined;

/** Visits the objects of `doc` that may carry a window (promotion entries, their children, the announcement) with their JSON Pointers. */
export function eachWindowable(doc: unknown, visit: (item: Json, path: string) => void): void {
  if (!isObject(doc)) return;
  if (Array.isArray(doc.promotionMenu)) {
    doc.promotionMenu.forEach((entry, index) => {
      if (!isObject(entry)) return;
      visit(entry, `/promotionMenu/${index}`);
      if (!Array.isArray(entry.children)) return;
      entry.children.forEach((child, childIndex) => { if (isObject(child)) visit(child, `/promotionMenu/${index}/children/${childIndex}`); });
    });
  }
  const announcement = isObject(doc.operations) ? doc.operations.announcement : undefined;
  if (isObject(announcement)) visit(announcement, '/operations/announcement');
}

/** Every instant at which what `doc` shows may change, each once, in order. */
export function windowBoundaries(doc: unknown): number[] {
  const found = new Set<number>();
  eachWindowable(doc, (item) => {
    for (const bound of [item.activeFrom, item.activeUntil]) {
      const time = parseInstant(bound);
      if (time !== undefined) found.add(time);
    }
  });
  return [...found].sort((a, b) => a - b);
}

/** The first boundary after `now`, or `undefined` when what `doc` shows never changes again. */
export function nextBoundary(doc: unknown, now: number | Date): number | undefined {
  const time = toMs(now);
  return windowBoundaries(doc).find((boundary) => boundary > time);
}

/**
 * `doc` as it shows at `now`: promotion entries, drop-down entries and the announcement
 * outside their windows left out, and a drop-down with no link left with no entry goes too.
 * A document with no window is returned as it is (the same object).
 */
export function activeAt<T>(doc: T, now: number | Date): T {
  let windows = false;
  eachWindowable(doc, (item) => { windows ||= hasWindow(item); });
  if (!windows) return doc;
  const source = doc as Json;
  const result: Json = { ...source };
  if (Array.isArray(source.promotionMenu)) result.promotionMenu = activeEntries(source.promotionMenu, now);
  const operations = source.operations as Json | undefined;
  if (isObject(operations) && isObject(operations.announcement) && !isActiveAt(operations.announcement, now)) {
    const { announcement: _hidden, ...rest } = operations;
    result.operations = rest;
  }
  return result as T;
}

function activeEntries(entries: unknown[], now: number | Date): unknown[] {
  const shown: unknown[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) {
      shown.push(entry);
      continue;
    }
    if (!isActiveAt(entry, now)) continue;
    if (!Array.isArray(entry.children)) {
      shown.push(entry);
      continue;
    }
    const children = entry.children.filter((child) => !isObject(child) || isActiveAt(child, now));
    if (children.length === entry.children.length) shown.push(entry);
    else if (children.length > 0) shown.push({ ...entry, children });
    else if (entry.href !== undefined) {
      const { children: _none, ...rest } = entry;
      shown.push(rest);
    }
  }
  return shown;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
