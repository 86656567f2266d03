/**
 * Three-way merge of two edits of one draft (this page's and one saved elsewhere meanwhile,
 * from the version both started from), so that edits of different fields never conflict.
 * Objects merge key by key. A list of entries with ids (the menus) merges entry by entry by
 * id: entries added on either side are kept, in their places; one removed on a side and left
 * alone on the other is removed; the order is the side's that reordered. Other lists merge
 * entry by entry while both keep their length, and are one value otherwise.
 */
import { sameJson } from '../shared/pointer.ts';
import { isObject } from './form-shape.ts';

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
  if (isObject(base) && isObject(mine) && isObject(theirs)) {
    const merged: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const value = merge(base[key], mine[key], theirs[key], `${path}/${escape(key)}`, winner, clashes);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  if (keyedLists(base, mine, theirs)) return mergeKeyed(base as Keyed, mine as Keyed, theirs as Keyed, path, winner, clashes);
  if (sameShapeLists(base, mine, theirs)) {
    return mine.map((entry, index) => merge((base as unknown[])[index], entry, (theirs as unknown[])[index], `${path}/${index}`, winner, clashes));
  }
  clashes.push(path);
  return winner === 'theirs' ? theirs : mine;
}

type Keyed = Array<Record<string, unknown> & { id: string }>;

/** Three lists of entries, each with an id unique in its list. */
function keyedLists(base: unknown, mine: unknown, theirs: unknown): boolean {
  return [base, mine, theirs].every((list) => Array.isArray(list) && list.every((entry) => typeof idOf(entry) === 'string')
    && new Set(list.map(idOf)).size === list.length);
}

function mergeKeyed(baseList: Keyed, mineList: Keyed, theirList: Keyed, path: string, winner: Winner, clashes: string[]): unknown[] {
  const [base, mine, theirs] = [baseList, mineList, theirList].map((list) => new Map(list.map((entry) => [entry.id, entry])));
  // The order: the side's that moved entries (of those all three have); both moved differently, the winner's.
  const common = (list: Keyed) => list.map((entry) => entry.id).filter((id) => base!.has(id) && mine!.has(id) && theirs!.has(id));
  const [baseOrder, mineOrder, theirOrder] = [common(baseList), common(mineList), common(theirList)];
  const mineMoved = !sameJson(mineOrder, baseOrder);
  const theirsMoved = !sameJson(theirOrder, baseOrder);
  if (mineMoved && theirsMoved && !sameJson(mineOrder, theirOrder)) clashes.push(path);
  const lead = theirsMoved && (!mineMoved || winner === 'theirs') ? theirList : mineList;
  const other = lead === mineList ? theirList : mineList;
  const ids = lead.map((entry) => entry.id);
  // What only the other side has (it added it, or the leading side removed it: the merge of that
  // entry decides) goes after the entry it follows there.
  other.forEach((entry, index) => {
    if (ids.includes(entry.id)) return;
    const after = other.slice(0, index).reverse().find((previous) => ids.includes(previous.id));
    ids.splice(after ? ids.indexOf(after.id) + 1 : 0, 0, entry.id);
  });
  const merged: unknown[] = [];
  for (const id of ids) {
    const mineIndex = mineList.findIndex((entry) => entry.id === id);
    const at = `${path}/${mineIndex >= 0 ? mineIndex : theirList.findIndex((entry) => entry.id === id)}`;
    const value = merge(base!.get(id), mine!.get(id), theirs!.get(id), at, winner, clashes);
    if (value !== undefined) merged.push(value);
  }
  return merged;
}

/** Lists of one length whose entries keep their places: the same id at each index on all three sides. */
function sameShapeLists(base: unknown, mine: unknown, theirs: unknown): mine is unknown[] {
  if (!Array.isArray(base) || !Array.isArray(mine) || !Array.isArray(theirs)) return false;
  if (mine.length !== base.length || theirs.length !== base.length) return false;
  return base.every((entry, index) => idOf(entry) === idOf(mine[index]) && idOf(entry) === idOf(theirs[index]));
}

const idOf = (entry: unknown): unknown => (isObject(entry) ? entry.id : undefined);
const escape = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');
