/** zod shapes shared by the routes: the API's own payloads (the customization document is checked by schema/). */
import { z } from 'zod';
import { isStorableText } from '../../schema/limits.ts';

export const partnerParams = z.object({ pid: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'a partner id: lowercase letters, digits and inner hyphens') });
export const submissionParams = z.object({ sid: z.uuid('a submission id (UUID)') });
export const partnerSubmissionParams = partnerParams.extend(submissionParams.shape);

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
}).loose();

export const validationErrorShape = z.object({ path: z.string(), code: z.string(), message: z.string(), messages: z.record(z.string(), z.string()) });

export const draftBody = z.object({
  config: z.unknown(),
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
  at: z.date(),
});

export const versionBody = z.object({ id: z.string(), submissionId: z.string(), approvedAt: z.date(), approvedBy: z.string(), live: z.boolean() });

/** Free text has no NUL (PostgreSQL cannot store it) and no unpaired UTF-16 surrogate (half a character). */
export const reasonBody = z.object({
  reason: z.string().trim().min(1, 'say why').max(2000).refine(isStorableText, 'remove NUL characters (\\u0000) and unpaired surrogates (such as \\ud800): they cannot be stored'),
});
