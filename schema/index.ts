/**
 * @cobrand/schema: the customization contract in one import. The JSON Schema itself is
 * `@cobrand/schema/customization.schema.json`.
 */
export { validateCustomization } from './validate.ts';
export type { ValidateOptions } from './validate.ts';
export { messageIn, MAX_DOCUMENT_BYTES, type MessageLocale, type ValidationError, type ValidationResult } from './errors.ts';
export { decodeUtf8, parseDocument, type DecodeResult, type ParseResult } from './parse.ts';
export { AREA_LABELS, CLOUD_MENU_AREAS, CLOUD_MENU_CATALOG, catalogEntry, type CatalogEntry, type CatalogLocale, type CloudMenuAreaId } from './catalog.ts';
export { AA_MIN_RATIO, contrastRatio, DARK_TEXT, isHexColor, LIGHT_TEXT, pickTextColor, relativeLuminance, type TextColorChoice } from './contrast.ts';
export { externalHost, safeUrl, urlProblem, type UrlKind, type UrlProblem } from './url.ts';
export { LIMITS } from './limits.ts';
export { isLogoShape, LOGO_MAX_TALL_RATIO, LOGO_MAX_WIDE_RATIO } from './rules.ts';
export { activeAt, isActiveAt, nextBoundary, parseInstant, windowBoundaries, type TimeWindow } from './windows.ts';
export type * from './types.generated.ts';
