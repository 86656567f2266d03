/** Who is calling: a bearer token resolves to a principal; routes then ask for a role and, for partners, their own partner id. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { principalFor, type Principal } from '../tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export async function authenticate(request: FastifyRequest): Promise<void> {
  request.principal = null;
  const header = request.headers.authorization;
  if (!header) return;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError(401, 'unauthorized', 'Send the token as "Authorization: Bearer <token>".');
  const principal = await principalFor(request.server.db, match[1]!);
  if (!principal) throw new ApiError(401, 'unauthorized', 'The token is not known or was revoked.');
  request.principal = principal;
}

export function requireReviewer(request: FastifyRequest): Principal {
  const principal = requireSignedIn(request);
  if (principal.role !== 'reviewer') throw new ApiError(403, 'forbidden', 'Only reviewers may do this.');
  return principal;
}

/** The partner's own token; with `reviewerMayRead`, a reviewer too. */
export function requirePartner(request: FastifyRequest, partnerId: string, { reviewerMayRead = false } = {}): Principal {
  const principal = requireSignedIn(request);
  if (principal.role === 'reviewer' && reviewerMayRead) return principal;
  if (principal.role !== 'partner' || principal.partnerId !== partnerId) {
    throw new ApiError(403, 'forbidden', principal.role === 'partner' ? 'This token belongs to another partner.' : 'Only the partner may do this.');
  }
  return principal;
}

function requireSignedIn(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError(401, 'unauthorized', 'Sign in: send "Authorization: Bearer <token>".');
  return request.principal;
}

export const bearerSecurity = [{ bearer: [] }];

/** Replies are never cached when they depend on who asks. */
export function privateReply(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'no-store');
}
