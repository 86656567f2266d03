/** Who is calling: a bearer token resolves to a principal; routes then ask for a role and, for partners, their own partner id. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, unknownPartner } from '../errors.ts';
import { principalFor, type Principal } from '../tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * A callback hook, so that anonymous requests (every landing) pass without a promise. A route that
 * needs a token refuses a request without one here, before its body is read: an anonymous caller's
 * body, however large or broken, costs nothing.
 */
export function authenticate(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  request.principal = null;
  const header = request.headers.authorization;
  if (!header) return done(needsToken(request) ? SIGN_IN() : undefined);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return done(new ApiError(401, 'unauthorized', 'Send the token as "Authorization: Bearer <token>".'));
  principalFor(request.server.db, match[1]!).then((principal) => {
    if (!principal) return done(new ApiError(401, 'unauthorized', 'The token is not known or was revoked.'));
    request.principal = principal;
    done();
  }, done);
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

/**
 * For a route a reviewer may read: 404 when the reviewer asks for an id that is no partner (a partner's own
 * token makes it one, so a partner never gets this; another partner's gets 403 before). `empty`: whether the
 * answer would say nothing, the only case where whether the partner exists is asked of the store.
 */
export async function refuseUnknownPartner(request: FastifyRequest, partnerId: string, empty: boolean): Promise<void> {
  if (request.principal?.role === 'reviewer' && empty && !(await request.server.workflow.partnerExists(partnerId))) throw unknownPartner(partnerId);
}

function requireSignedIn(request: FastifyRequest): Principal {
  if (!request.principal) throw SIGN_IN();
  return request.principal;
}

const SIGN_IN = () => new ApiError(401, 'unauthorized', 'Sign in: send "Authorization: Bearer <token>".');

/** What every route that needs a token says in its schema (and its OpenAPI operation). */
export const bearerSecurity = [{ bearer: [] }];

const needsToken = (request: FastifyRequest): boolean => (request.routeOptions.schema as { security?: unknown } | undefined)?.security === bearerSecurity;

/** Replies are never cached when they depend on who asks. */
export function privateReply(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'no-store');
}
