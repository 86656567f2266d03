/** Reading and writing a JSON document by JSON Pointer (RFC 6901). */

export function tokens(path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function getAt(doc: unknown, path: string): unknown {
  let node = doc;
  for (const token of tokens(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** A copy of `doc` with `value` at `path` (containers made as needed); `undefined` removes the key. */
export function setAt<T>(doc: T, path: string, value: unknown): T {
  const [head, ...rest] = tokens(path);
  if (head === undefined) return value as T;
  const restPath = rest.length ? `/${rest.map((token) => token.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` : '';
  const container: Record<string, unknown> | unknown[] = Array.isArray(doc) ? [...doc] : doc && typeof doc === 'object' ? { ...doc } : /^\d+$/.test(head) ? [] : {};
  const child = setAt((container as Record<string, unknown>)[head], restPath, value);
  if (child === undefined && !Array.isArray(container)) delete (container as Record<string, unknown>)[head];
  else (container as Record<string, unknown>)[head] = child;
  return container as T;
}

/** Equality of JSON values, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
