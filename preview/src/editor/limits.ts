/**
 * The schema's limits for a place in the document (maxLength of a text, maxItems of a list),
 * read from the published JSON Schema itself, so the form's counters and `maxlength` are the
 * contract's, not a copy that can drift.
 */
import schema from '../../../schema/customization.schema.json' with { type: 'json' };
import { tokens } from '../shared/pointer.ts';

type Node = { $ref?: string; properties?: Record<string, Node>; additionalProperties?: Node | boolean; items?: Node; maxLength?: number; maxItems?: number; allOf?: Node[]; anyOf?: Node[]; oneOf?: Node[] };

const defs = (schema as { $defs: Record<string, Node> }).$defs;
const cache = new Map<string, Node | undefined>();

function resolve(node: Node | undefined): Node | undefined {
  let current = node;
  for (let depth = 0; current?.$ref && depth < 10; depth++) current = defs[current.$ref.replace('#/$defs/', '')];
  return current;
}

function child(node: Node | undefined, token: string): Node | undefined {
  const here = resolve(node);
  if (!here) return undefined;
  if (/^\d+$/.test(token) && here.items) return here.items;
  const direct = here.properties?.[token] ?? (typeof here.additionalProperties === 'object' ? here.additionalProperties : undefined);
  if (direct) return direct;
  for (const branch of [...(here.allOf ?? []), ...(here.anyOf ?? []), ...(here.oneOf ?? [])]) {
    const found = child(branch, token);
    if (found) return found;
  }
  return undefined;
}

/** The schema node at a JSON Pointer of the document, `$ref`s followed. */
function nodeAt(path: string): Node | undefined {
  if (!cache.has(path)) {
    let node: Node | undefined = schema as Node;
    for (const token of tokens(path)) node = child(node, token);
    cache.set(path, resolve(node));
  }
  return cache.get(path);
}

export const maxLengthAt = (path: string): number | undefined => nodeAt(path)?.maxLength;
export const maxItemsAt = (path: string): number | undefined => nodeAt(path)?.maxItems;
