/**
 * Graceful stop: `app.drain()` keeps listening, finishes every request already received,
 * answers any request that arrives meanwhile 503 with `Connection: close` and
 * `Retry-After` (so a load balancer or client goes elsewhere, and no connection is reset
 * while it waits in the accept queue), and only when the last accepted request is done
 * closes the server. A deadline bounds the wait.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Starts draining (once); resolves when the app is closed. */
    drain(options?: { timeoutMs?: number; onTimeout?: (open: number) => void }): Promise<void>;
    readonly draining: boolean;
  }
}

export const DRAIN_RETRY_AFTER_SECONDS = 5;

export function installDrain(app: FastifyInstance): void {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let drained: Promise<void> | undefined;

  app.server.prependListener('request', (_request, response: ServerResponse) => {
    if (draining) return;
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });

  app.decorate('draining', { getter: () => draining });
  app.addHook('onRequest', (request, reply, done) => {
    if (!draining || inFlight.has(reply.raw)) return done();
    reply.code(503).header('connection', 'close').header('retry-after', String(DRAIN_RETRY_AFTER_SECONDS))
      .send({ code: 'shutting_down', message: 'This instance is shutting down: retry in a few seconds (another instance, or this one once restarted, will answer).' });
  });
  // Requests finished while draining close their connection, so keep-alive clients reconnect elsewhere.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });

  app.decorate('drain', function drain({ timeoutMs = 30_000, onTimeout }: { timeoutMs?: number; onTimeout?: (open: number) => void } = {}) {
    drained ??= (async () => {
      draining = true;
      const pending = [...inFlight].map((response) => new Promise<void>((resolve) => {
        if (response.closed) resolve();
        else response.once('close', () => resolve());
      }));
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
      const outcome = await Promise.race([Promise.all(pending), deadline]);
      clearTimeout(timer);
      if (outcome === 'timeout') onTimeout?.([...inFlight].filter((response) => !response.closed).length);
      await app.close();
    })();
    return drained;
  });
}
