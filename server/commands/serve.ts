/** `cobrand serve`: the review service on the configured store, shut down gracefully on SIGINT/SIGTERM. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import type { Database } from '../store/database.ts';
import { liveDocumentPages } from '../live-documents.ts';
import { encodedPages } from '../public-cache.ts';
import { assertCanListen, listenFailure } from '../listen.ts';
import { assertWritable } from '../publish.ts';
import { openStore } from './store.ts';

export interface Running {
  app: FastifyInstance;
  db: Database;
  url: string;
}

/**
 * `behindWorkers` when public workers take the connections and this process answers them on a
 * private port (server/cluster.ts): it keeps no public cache and says so in its log.
 */
export async function serve(config: Config, extend?: (app: FastifyInstance) => Promise<void> | void, { behindWorkers = false } = {}): Promise<Running> {
  if (config.publishDir) await assertWritable(config.publishDir);
  await assertCanListen(config.host, config.port);
  const db = await openStore(config);
  const app = await buildApp({ db, timeZone: config.timeZone, logger: { level: config.logLevel }, cacheMaxAgeMs: config.cacheMaxAgeSeconds * 1000, limits: config.limits, trustProxy: config.trustProxy, webhooks: config.webhooks, schedulerSweepMs: config.schedulerSweepMs, publishDir: config.publishDir, publicUrl: config.publicUrl, extend });
  try {
    await app.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: (address) => (behindWorkers ? `Private port for the public workers: ${address}` : `Server listening at ${address}`),
    });
  } catch (error) {
    await app.close();
    await db.close();
    throw new Error(listenFailure(config.host, config.port, error), { cause: error });
  }
  if (!behindWorkers) warmPublicCache(app, db);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // warn, so that it shows at the default level of `npm start` too.
    const newOnes = behindWorkers ? 'the public workers take no new connections' : 'new ones get 503';
    app.log.warn(`${signal}: finishing the requests in flight (${newOnes}), then stopping`);
    await app.drain({
      timeoutMs: config.shutdownTimeoutSeconds * 1000,
      onTimeout: (open) => app.log.error(`${open} request(s) still open after ${config.shutdownTimeoutSeconds} s: closing anyway`),
    });
    await db.close();
    app.log.warn(`${signal}: stopped`);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, db, url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}` };
}

/** Every live document into memory, a page per query, while the service already answers (a miss meanwhile is read on demand). */
function warmPublicCache(app: FastifyInstance, db: Database): void {
  const started = performance.now();
  app.readiness.begin(app);
  app.publicCache.warm(encodedPages(liveDocumentPages(db))).then(
    (count) => app.log.info(`public cache warm: ${count} live document(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`),
    (error: Error) => app.log.error(`public cache warm-up stopped (${error.message}); documents are read on demand`),
  ).finally(() => app.readiness.end(app));
}
