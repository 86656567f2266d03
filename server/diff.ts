/** What a submission changes against what is live: a field-level diff by JSON Pointer, and the link hosts it introduces. */
import { pointer } from '../schema/errors.ts';
import { externalHost } from '../schema/url.ts';

export interface Change {
  path: string;
  op: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export function diffDocuments(before: unknown, after: unknown, path = '', changes: Change[] = []): Change[] {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) {
      const childPath = pointer(path, key);
      const had = Object.hasOwn(before, key);
      const has = Object.hasOwn(after, key);
      const was = (before as Record<string, unknown>)[key];
      const is = (after as Record<string, unknown>)[key];
      if (!had) changes.push({ path: childPath, op: 'added', after: is });
      else if (!has) changes.push({ path: childPath, op: 'removed', before: was });
      else diffDocuments(was, is, childPath, changes);
    }
  } else if (!sameJson(before, after)) {
    changes.push({ path, op: 'changed', before, after });
  }
  return changes;
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
