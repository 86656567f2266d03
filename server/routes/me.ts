/** Who a token belongs to, so that the preview app knows which partner it edits. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { bearerSecurity, privateReply } from './auth.ts';
import { tokenErrors } from './schemas.ts';

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/me', {
    schema: {
      operationId: 'getMe',
      summary: 'The role and partner of the calling token',
      security: bearerSecurity,
      response: { 200: z.object({ role: z.enum(['partner', 'reviewer']), partnerId: z.string().nullable() }), ...tokenErrors },
    },
  }, async (request, reply) => {
    if (!request.principal) throw new ApiError(401, 'unauthorized', 'Sign in: send "Authorization: Bearer <token>".');
    privateReply(reply);
    return { role: request.principal.role, partnerId: request.principal.partnerId };
  });
};
