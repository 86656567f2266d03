/** zod shapes shared by the routes: the API's own payloads (the customization document is checked by schema/). */
import { z } from 'zod';
import schema from '../../schema/customization.schema.json' with { type: 'json' };
import { freeTextProblem } from '../../schema/limits.ts';

/**
 * Requests refused in the API's words rather than zod's: an unknown field (a misspelt
 * `effectiveAt` must not pass as "now") names the fields the route takes. A message a schema
 * gives itself (such as "say why") still wins.
 */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'unrecognized_keys': {
        const taken = Object.keys((issue.inst as { shape?: object } | undefined)?.shape ?? {});
        const names = issue.keys.map((key) => JSON.stringify(key)).join(', ');
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${names}: check the spelling (${taken.length ? `this takes ${taken.join(', ')}` : 'this takes no fields'})`;
      }
      case 'invalid_type':
        if (issue.input === undefined) return 'is required';
        if (issue.expected === 'int') return typeof issue.input === 'number' ? 'must be a whole number' : 'must be a number';
        return issue.expected === 'number' ? 'must be a number' : `must be ${issue.expected === 'array' ? 'a list' : `a${/^[aeiou]/.test(issue.expected) ? 'n' : ''} ${issue.expected}`}`;
      case 'too_big':
        return `must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' entries' : ''}`;
      case 'too_small':
        return `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' entries' : ''}`;
      default:
        return undefined;
    }
  },
});

/** Where the OpenAPI document keeps the customization document's JSON Schema (server/app.ts puts it there). */
export const CUSTOMIZATION_REF = '#/components/schemas/Customization';

/**
 * A customization document inside an API payload. zod accepts any JSON here, as before: documents are
 * checked by the schema/ validator (a draft is saved even when invalid). In OpenAPI it is a `$ref` to the
 * published JSON Schema.
 */
export const customizationDocument = z.unknown().meta({ $ref: CUSTOMIZATION_REF });

/**
 * A draft as the partner edits it: saved even when it breaks the schema, so any object; the answer's
 * `validation` says what is wrong. Only what is submitted must be a Customization.
 */
export const draftDocument = z.unknown().meta({
  type: 'object',
  description: `A customization document as edited: saved even when it does not validate against ${CUSTOMIZATION_REF} (the answer's validation lists what is wrong); it must, to be submitted.`,
});

/**
 * The published JSON Schema as an OpenAPI 3.1 component, unchanged but for its identity (`$id`, `$schema`:
 * an `$id` would make its references resolve against cobrand.dev) and its `#/$defs/…` references, which
 * now point inside the component.
 */
export function customizationComponent(): Record<string, unknown> {
  const { $schema: _dialect, $id: _id, ...component } = schema;
  return JSON.parse(JSON.stringify(component).replaceAll('"#/$defs/', `"${CUSTOMIZATION_REF}/$defs/`));
}

/** The logo upload's body: the image bytes (the content decides the type, server/images.ts). */
export const imageBytes = z.unknown().meta({ type: 'string', format: 'binary', description: 'The image bytes: PNG, JPEG, WebP or SVG, told by their content.' });

/** A partner id: what the schema's `partnerId` takes. */
export const PARTNER_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const partnerParams = z.object({ pid: z.string().regex(PARTNER_ID, 'a partner id: 1 to 64 lowercase letters, digits and inner hyphens') });
export const submissionParams = z.object({ sid: z.uuid('a submission id (UUID)') });
export const partnerSubmissionParams = partnerParams.extend(submissionParams.shape);

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
}).loose();

/**
 * The 4xx answers that every route documents: a token that is sent must be known, even on a public
 * route (401, server/routes/auth.ts); on the others a token is needed, of the right role and partner (403).
 */
export const tokenErrors = { 401: errorBody };
export const accessErrors = { 401: errorBody, 403: errorBody };

/**
 * What any route may answer before it runs, whatever it is (server/app.ts lists them on every route): 429 to a
 * request with a token from an address that failed to sign in too often, or past a token's writes or an
 * address's share-link openings (server/limits.ts); 503 while this instance stops (server/drain.ts) or the
 * store cannot be reached (server/store/database.ts).
 */
export const rateLimitedBody = errorBody.describe('rate_limited: too many failed sign-ins from this address (any request with a token is refused), too many writes by this token, or too many share links opened from this address. Retry-After gives the seconds to wait.');
export const unavailableBody = errorBody.describe('store_unavailable: the store cannot be reached just now (a PostgreSQL server restarting), or shutting_down: this instance is stopping. Never the request\'s fault: retry after the seconds Retry-After gives.');

export const validationErrorShape = z.object({ path: z.string(), code: z.string(), message: z.string(), messages: z.record(z.string(), z.string()) });

export const draftBody = z.object({
  config: draftDocument,
  revision: z.number().int(),
  validation: z.object({ valid: z.boolean(), errors: z.array(validationErrorShape) }),
  updatedAt: z.date().nullable(),
});

export const submissionBody = z.object({
  id: z.string(),
  partnerId: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  submittedAt: z.date(),
  submittedBy: z.string(),
  dueAt: z.date(),
  decidedAt: z.date().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
});

export const auditEventBody = z.object({
  partnerId: z.string(),
  submissionId: z.string().nullable(),
  actor: z.string(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  effectiveAt: z.date().nullable(),
  at: z.date(),
});

/** An approval that takes effect at a set time (server/scheduler.ts). */
export const scheduleBody = z.object({
  id: z.string(),
  partnerId: z.string(),
  submissionId: z.string(),
  versionId: z.string(),
  effectiveAt: z.date(),
  state: z.enum(['scheduled', 'live', 'cancelled']),
  createdAt: z.date(),
  createdBy: z.string(),
  endedAt: z.date().nullable(),
  endedBy: z.string().nullable(),
});

export const versionBody = z.object({ id: z.string(), submissionId: z.string(), approvedAt: z.date(), approvedBy: z.string(), live: z.boolean() });

/**
 * What a free text refinement reports (schema/limits.ts `freeTextProblem`), checked on the text as sent so that a
 * position it names counts what the client sent; a blank text is left to the length checks ("say why", or
 * nothing where a text may be left out). The message is the validator's, in English, as every request error's
 * is; its code goes with it (server/app.ts puts it in `errors[].code`).
 */
function checkFreeText(text: string, context: z.core.$RefinementCtx<string>): void {
  if (text.trim() === '') return;
  const problem = freeTextProblem(text);
  // Without its full stop: the answer's message ends the sentence (server/app.ts).
  if (problem) context.addIssue({ code: 'custom', message: problem[1].replace(/\.$/, ''), input: text, params: { code: problem[0] } });
}

/**
 * A text a person writes for another to read, of at most `max` characters, trimmed: checked as the document's
 * texts are (schema/limits.ts), but for tabs and line breaks: no NUL (PostgreSQL cannot store it) nor unpaired
 * UTF-16 surrogate (half a character), no text-direction control (it would read in another order than
 * written), no other control character (`text.control`, named with its position), and something visible.
 * Blank is allowed here (trimmed to ''); {@link freeText} needs something.
 */
export const freeTextOf = (max: number) => z.string().superRefine(checkFreeText).trim().max(max);

/** A reviewer's text for a partner to read (a reason, a comment): 1 to 2,000 characters of {@link freeTextOf}. */
export const freeText = freeTextOf(2000).min(1, 'say why');

export const reasonBody = z.object({ reason: freeText }).strict();
