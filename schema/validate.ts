/**
 * The one validator of customization documents, for Node and the browser alike:
 * the schema (ajv standalone code, no eval) plus the semantic rules.
 */
import { type ValidationError, type ValidationResult } from './errors.ts';
import { capErrors, MAX_REPORTED_ERRORS, structuralErrors } from './limits.ts';
import { semanticErrors, type RuleOptions } from './rules.ts';
import { ajvErrorPath, fromAjvError, type ErrorObject } from './schema-errors.ts';
import { validate as schemaValidate } from './validator.generated.ts';

export type { ValidationError, ValidationResult } from './errors.ts';
export type { RuleOptions as ValidateOptions } from './rules.ts';

interface StandaloneValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const validateSchema = schemaValidate as StandaloneValidate;

/**
 * Validates in time bounded on any input: structural limits first (where it stops when one
 * is exceeded), then the schema and the semantic rules; at most 100 errors and a count of the rest.
 */
export function validateCustomization(doc: unknown, options: RuleOptions = {}): ValidationResult {
  const structural = structuralErrors(doc);
  if (structural.length) return { valid: false, errors: structural };
  const semantic = semanticErrors(doc, options);
  const schemaValid = validateSchema(doc);
  const errors = merge(schemaValid ? [] : (validateSchema.errors ?? []), semantic, doc);
  return { valid: errors.length === 0, errors };
}

/**
 * One error per value: the first the schema finds (ajv checks emptiness and length before
 * the pattern), unless a semantic rule explains a link better (why it is unsafe). Sorted by
 * path and capped; messages are made only for the errors reported.
 */
function merge(fromSchema: ErrorObject[], semantic: ValidationError[], doc: unknown): ValidationError[] {
  const byPath = new Map<string, ErrorObject | ValidationError>();
  for (const error of fromSchema) {
    const path = ajvErrorPath(error, doc);
    if (path !== undefined && !byPath.has(path)) byPath.set(path, error);
  }
  const toError = (error: ErrorObject | ValidationError): ValidationError => ('keyword' in error ? fromAjvError(error, doc)! : error);
  for (const error of semantic) {
    const current = byPath.get(error.path);
    if (!current || toError(current).code.startsWith('url.')) byPath.set(error.path, error);
  }
  const paths = [...byPath.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const shown = paths.slice(0, MAX_REPORTED_ERRORS).map((path) => toError(byPath.get(path)!));
  return capErrors(shown, paths.length);
}
