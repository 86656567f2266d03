/** Documents for tests: fresh copies of the examples, and a way to change one field. */
import { readFileSync } from 'node:fs';

const read = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../schema/examples/${name}.json`, import.meta.url), 'utf8'));

export const completeDocument = (): Record<string, any> => read('acme-cloud');
export const minimalDocument = (): Record<string, any> => read('minimal');

/** A copy of `doc` with the value at JSON Pointer `path` set (or removed when `value` is undefined). */
export function withValue(doc: unknown, path: string, value: unknown): Record<string, any> {
  const copy = structuredClone(doc) as Record<string, any>;
  const tokens = path.split('/').slice(1);
  const last = tokens.pop()!;
  let parent: any = copy;
  for (const token of tokens) {
    parent = parent[token] ??= /^\d+$/.test(token) ? [] : {};
    if (typeof parent !== 'object') return copy; // an earlier change made this branch a plain value
  }
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}
