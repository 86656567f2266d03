/**
 * The one validator of customization documents, for Node and the browser alike:
 * the schema (ajv standalone code, no eval) plus the semantic rules.
 */
import type { ErrorObject } from 'ajv';
import { type ValidationError, type ValidationResult } from './errors.ts';
import { capErrors, structuralErrors } from './limits.ts';
import { semanticErrors, type RuleOptions } from './rules.ts';
import { fromAjvError } from './schema-errors.ts';
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
  const fromSchema = schemaValid ? [] : (validateSchema.errors ?? []).flatMap((error) => fromAjvError(error, doc) ?? []);
  const errors = capErrors(merge(fromSchema, semantic));
  return { valid: errors.length === 0, errors };
}

/**
 * One error per value: the first the schema finds (ajv checks emptiness and length before
 * the pattern), unless a semantic rule explains a link better (why it is unsafe).
 */
function merge(fromSchema: ValidationError[], semantic: ValidationError[]): ValidationError[] {
  const byPath = new Map<string, ValidationError>();
  for (const error of fromSchema) if (!byPath.has(error.path)) byPath.set(error.path, error);
  for (const error of semantic) {
    const current = byPath.get(error.path);
    if (!current || current.code.startsWith('url.')) byPath.set(error.path, error);
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
