/**
 * What a submission changes against what is live: a field-level diff by JSON Pointer, and the
 * link hosts it introduces. Lists of menu entries are matched by id, so reordering reads as a
 * move and an entry's edits stay with it (not every field of every later entry "changed");
 * the catalog entries an area hides are a set, so ticking one reads as "now shown" or "now
 * hidden". Other arrays are compared by position. A time window's bounds (`activeFrom`,
 * `activeUntil`) are fields like any other, each at its own pointer; the review console
 * shows one object's two bounds as one row ("shown 2026-12-01 00:00 +08:00 → …").
 *
 * (jsondiffpatch with an objectHash does the id matching too, but it also matches arrays of
 * plain values by content, which the rest of the document does not want, and its delta format
 * needs as much code again to turn into this list; 40 lines of our own were the smaller choice.)
 */
import { pointer } from '../schema/errors.ts';
import { externalHost } from '../schema/url.ts';

export interface Change {
  /** Where: in the new document, except for `removed` (in the old one). */
  path: string;
  op: 'added' | 'removed' | 'changed' | 'moved' | 'shown' | 'hidden';
  before?: unknown;
  after?: unknown;
  /** For `moved`: the positions in the old and the new list, from 0. */
  from?: number;
  to?: number;
  /** For `shown` and `hidden`: the catalog entry's id; the path is the area's `hidden` list. */
  id?: string;
}

export function diffDocuments(before: unknown, after: unknown, path = '', changes: Change[] = []): Change[] {
  if (/^\/cloudMenu\/[^/]+\/hidden$/.test(path) && Array.isArray(before) && Array.isArray(after)) {
    for (const id of before) if (typeof id === 'string' && !after.includes(id)) changes.push({ path, op: 'shown', id });
    for (const id of after) if (typeof id === 'string' && !before.includes(id)) changes.push({ path, op: 'hidden', id });
  } else if (Array.isArray(before) && Array.isArray(after) && byId(before) && byId(after)) {
    diffEntries(before, after, path, changes);
  } else if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) {
      const childPath = pointer(path, key);
      const had = Object.hasOwn(before, key);
      const has = Object.hasOwn(after, key);
      const was = (before as Record<string, unknown>)[key];
      const is = (after as Record<string, unknown>)[key];
      if (!had) {
        if (/^\/cloudMenu\/[^/]+\/hidden$/.test(childPath)) diffDocuments([], is, childPath, changes);
        else changes.push({ path: childPath, op: 'added', after: is });
      } else if (!has) {
        if (/^\/cloudMenu\/[^/]+\/hidden$/.test(childPath)) diffDocuments(was, [], childPath, changes);
        else changes.push({ path: childPath, op: 'removed', before: was });
      } else diffDocuments(was, is, childPath, changes);
    }
  } else if (!sameJson(before, after)) {
    changes.push({ path, op: 'changed', before, after });
  }
  return changes;
}

type Entry = { id: string };
const byId = (list: unknown[]): list is Entry[] =>
  list.every((item) => isContainer(item) && typeof (item as { id?: unknown }).id === 'string') && new Set(list.map((item) => (item as Entry).id)).size === list.length;

/**
 * Entries matched by id: removed, added, moved (those off the longest run kept in order), and each
 * kept entry's own changes. An entry whose id alone changed is matched too, and reads as that change.
 */
function diffEntries(before: Entry[], after: Entry[], path: string, changes: Change[]): void {
  const oldIndex = new Map(before.map((entry, index) => [entry.id, index]));
  const newIds = new Set(after.map((entry) => entry.id));
  const renamedFrom = renamedEntries(before, after, oldIndex, newIds);
  const renamed = new Set(renamedFrom.values());
  const fromIndex = (entry: Entry, index: number) => oldIndex.get(entry.id) ?? renamedFrom.get(index);
  before.forEach((entry, index) => { if (!newIds.has(entry.id) && !renamed.has(index)) changes.push({ path: pointer(path, String(index)), op: 'removed', before: entry }); });
  const kept = after.map((entry, index) => ({ entry, index, from: fromIndex(entry, index) })).filter((item): item is { entry: Entry; index: number; from: number } => item.from !== undefined);
  const inOrder = longestIncreasing(kept.map((item) => item.from));
  after.forEach((entry, index) => {
    const childPath = pointer(path, String(index));
    const from = fromIndex(entry, index);
    if (from === undefined) {
      changes.push({ path: childPath, op: 'added', after: entry });
      return;
    }
    if (!inOrder.has(from)) changes.push({ path: childPath, op: 'moved', from, to: index });
    diffDocuments(before[from], entry, childPath, changes);
  });
}

/** New-id entries (by new index) that are a gone entry (its old index) with nothing but the id changed. */
function renamedEntries(before: Entry[], after: Entry[], oldIndex: Map<string, number>, newIds: Set<string>): Map<number, number> {
  const gone = before.map((entry, index) => ({ entry, index })).filter(({ entry }) => !newIds.has(entry.id));
  const renamed = new Map<number, number>();
  after.forEach((entry, index) => {
    if (oldIndex.has(entry.id)) return;
    const match = gone.find((candidate) => ![...renamed.values()].includes(candidate.index) && sameJson({ ...candidate.entry, id: entry.id }, entry));
    if (match) renamed.set(index, match.index);
  });
  return renamed;
}

/** The values of the longest strictly increasing subsequence of `values`. */
function longestIncreasing(values: number[]): Set<number> {
  const length = values.map(() => 1);
  const previous = values.map(() => -1);
  values.forEach((value, i) => {
    for (let j = 0; j < i; j++) {
      if (values[j]! < value && length[j]! + 1 > length[i]!) { length[i] = length[j]! + 1; previous[i] = j; }
    }
  });
  let at = length.indexOf(Math.max(0, ...length));
  const found = new Set<number>();
  while (at >= 0) { found.add(values[at]!); at = previous[at]!; }
  return found;
}

/** Hosts of the absolute links and images in `after` that `before` does not have, sorted. */
export function introducedHosts(before: unknown, after: unknown): string[] {
  const known = linkHosts(before);
  return [...linkHosts(after)].filter((host) => !known.has(host)).sort();
}

export function linkHosts(doc: unknown, found = new Set<string>()): Set<string> {
  if (!isContainer(doc)) return found;
  for (const [key, value] of Object.entries(doc)) {
    if ((key === 'href' || key === 'src') && typeof value === 'string') {
      const host = externalHost(value);
      if (host) found.add(host);
    } else {
      linkHosts(value, found);
    }
  }
  return found;
}

/** Equality of JSON values, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object';
}
