/**
 * What each section of the form needs of the document's shape. The JSON view accepts any JSON,
 * and a field writes through the containers on its path (shared/pointer.ts `setAt` replaces
 * what is not one): a section whose containers are not of the kind the schema describes shows
 * a notice instead of its fields, so no field can overwrite the partner's JSON edit.
 */

/** The first place (a JSON Pointer) where `value` is not what the form expects, or undefined. */
export type ShapeCheck = (value: unknown, path: string) => string | undefined;

/** A JSON object (not an array, not null). */
export const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const optional = (check: ShapeCheck): ShapeCheck => (value, path) => (value === undefined ? undefined : check(value, path));

const object = (fields: Record<string, ShapeCheck> = {}): ShapeCheck => (value, path) => {
  if (!isObject(value)) return path || '/';
  for (const [key, check] of Object.entries(fields)) {
    const problem = check(value[key], `${path}/${key}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
};

const list = (item: ShapeCheck): ShapeCheck => (value, path) => {
  if (!Array.isArray(value)) return path;
  for (const [index, element] of value.entries()) {
    const problem = item(element, `${path}/${index}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
};

/** Texts by language (`{ "zh-CN": …, "en-US": … }`). */
const texts = optional(object());
const entry = (children: boolean): ShapeCheck => object({ label: texts, ...(children ? { children: optional(list(entry(false))) } : {}) });
const area = optional(object({ hidden: optional(list(() => undefined)), custom: optional(list(entry(false))) }));

export const SECTION_SHAPES = {
  brand: object({ brand: optional(object({ logos: optional(object({ 'zh-CN': optional(object()), 'en-US': optional(object()) })) })) }),
  promotion: object({ promotionMenu: optional(list(entry(true))) }),
  cloudMenu: object({ cloudMenu: optional(object({ info: area, resource: area, account: area, custom: optional(list(entry(true))) })) }),
  operations: object({ operations: optional(object({ contact: optional(object({ hours: texts })), announcement: optional(object({ text: texts })) })) }),
} satisfies Record<string, ShapeCheck>;
