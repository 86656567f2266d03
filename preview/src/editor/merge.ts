/**
 * Three-way merge of two edits of one draft (this page's and one saved elsewhere meanwhile,
 * from the version both started from), so that edits of different fields never conflict.
 * Objects merge key by key; a list merges entry by entry while neither side added, removed or
 * reordered entries (the same ids in the same places), and is one value otherwise.
 */
import { sameJson } from '../shared/pointer.ts';

/** Who wins where both sides changed the same value differently; `null`: nobody, report it. */
export type Winner = 'mine' | 'theirs' | null;

export interface Merge<T> {
  doc: T;
  /** JSON pointers of the values both sides changed differently (empty when the merge is clean). */
  clashes: string[];
}

export function mergeDrafts<T>(base: T, mine: T, theirs: T, winner: Winner = null): Merge<T> {
  const clashes: string[] = [];
  const doc = merge(base, mine, theirs, '', winner, clashes) as T;
  return { doc, clashes };
}

function merge(base: unknown, mine: unknown, theirs: unknown, path: string, winner: Winner, clashes: string[]): unknown {
  if (sameJson(mine, theirs) || sameJson(base, theirs)) return mine;
  if (sameJson(base, mine)) return theirs;
  if (isRecord(base) && isRecord(mine) && isRecord(theirs)) {
    const merged: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const value = merge(base[key], mine[key], theirs[key], `${path}/${escape(key)}`, winner, clashes);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  if (sameShapeLists(base, mine, theirs)) {
    return mine.map((entry, index) => merge((base as unknown[])[index], entry, (theirs as unknown[])[index], `${path}/${index}`, winner, clashes));
  }
  clashes.push(path);
  return winner === 'theirs' ? theirs : mine;
}

/** Lists of one length whose entries keep their places: the same id at each index on all three sides. */
function sameShapeLists(base: unknown, mine: unknown, theirs: unknown): mine is unknown[] {
  if (!Array.isArray(base) || !Array.isArray(mine) || !Array.isArray(theirs)) return false;
  if (mine.length !== base.length || theirs.length !== base.length) return false;
  return base.every((entry, index) => idOf(entry) === idOf(mine[index]) && idOf(entry) === idOf(theirs[index]));
}

const idOf = (entry: unknown): unknown => (isRecord(entry) ? entry.id : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const escape = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');
