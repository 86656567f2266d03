/**
 * `COBRAND_WORKERS=N` (N > 1): the public read path on N processes (node:cluster).
 *
 * The primary process owns the store (embedded PGlite can only be opened by one process;
 * with PostgreSQL one pool and one LISTEN connection are enough too) and runs the whole
 * app on a private loopback port. The N workers share the public port. Each keeps its own
 * cache of public documents and answers GET /v1/partners/:pid/customization from it with
 * plain node:http (no framework work per landing); its documents come from the primary
 * over IPC (at start, every live document a page at a time, compressed once in the primary
 * for all of them; later, the misses, many per message), and so do invalidations: the
 * primary passes on each one its own cache hears, from its routes or from NOTIFY, to every
 * worker at once. Every other request (writes,
 * reviews, assets, the app) is passed to the primary as it is, with X-Forwarded-For.
 */
import cluster, { type Worker } from 'node:cluster';
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './app.ts';
import { trustsPeer, type Config } from './config.ts';
import { listenFailure } from './listen.ts';
import { liveDocumentPages } from './live-documents.ts';
import { encodedPages, PublicCache, PublicDocument, publicAnswer, type PackedPage } from './public-cache.ts';
import { serve } from './commands/serve.ts';

type ToPrimary = { type: 'load'; id: number; partnerIds: string[] } | { type: 'warm' } | { type: 'warm-done'; count: number; seconds: number; error?: string } | { type: 'listen-failed'; message: string };
type ToWorker =
  | { type: 'loaded'; id: number; documents?: [string, unknown][]; error?: string }
  | { type: 'page'; page: PackedPage }
  | { type: 'warmed'; error?: string }
  | { type: 'invalidate'; partnerId: string };

const PUBLIC_PATH = /^\/v1\/partners\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\/customization\/?$/;

/** In the primary: the app on a private port, then the workers; resolves to the public URL once all listen. */
export async function servePrimary(config: Config, workers: number, extend?: (app: FastifyInstance) => Promise<void> | void): Promise<string> {
  const upstream = await serve({ ...config, host: '127.0.0.1', port: 0, trustProxy: withWorkersTrusted(config.trustProxy) }, extend, { behindWorkers: true });
  const { app } = upstream;
  cluster.setupPrimary({ serialization: 'advanced' });
  const all = new Set<Worker>();
  let stopping = false;
  // Until every worker listens, a worker that exits is a failed start (a port in use), not one to replace.
  let started = false;
  let failure: string | undefined;
  app.publicCache.onInvalidate = (partnerId) => {
    for (const worker of all) if (worker.isConnected()) worker.send({ type: 'invalidate', partnerId } satisfies ToWorker);
  };
  const warmUps = new WarmUps(() => encodedPages(liveDocumentPages(app.db)), () => all);
  const fork = () => {
    const worker = cluster.fork({ COBRAND_UPSTREAM: upstream.url });
    all.add(worker);
    app.readiness.begin(worker);
    worker.on('message', (message: ToPrimary) => {
      if (message.type === 'listen-failed') failure ??= message.message;
      else void answerWorker(app, warmUps, worker, message);
    });
    worker.on('exit', (code, signal) => {
      all.delete(worker);
      warmUps.leave(worker);
      app.readiness.end(worker);
      if (stopping || !started) return;
      app.log.error(`public worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork();
    });
    return worker;
  };
  const listening = Array.from({ length: workers }, () => new Promise<number>((resolve, reject) => {
    const worker = fork();
    worker.once('listening', (address) => resolve(address.port));
    worker.once('exit', (code) => reject(new Error(failure ?? `a public worker exited (${code}) before listening`)));
  }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of all) worker.kill('SIGTERM');
    });
  }
  const [port] = await Promise.all(listening).catch((error: Error) => {
    stopping = true;
    for (const worker of all) worker.kill('SIGTERM');
    throw error;
  });
  started = true;
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
}

/**
 * The primary's trustProxy: requests reach it from the workers, one more hop than the
 * operator's proxies, so rate limits still key on the client's address.
 */
function withWorkersTrusted(trustProxy: Config['trustProxy']): Config['trustProxy'] {
  if (trustProxy === false) return '127.0.0.1';
  if (typeof trustProxy === 'number') return trustProxy + 1;
  if (typeof trustProxy === 'string') return `${trustProxy},127.0.0.1`;
  return trustProxy;
}

async function answerWorker(app: FastifyInstance, warmUps: WarmUps, worker: Worker, message: ToPrimary): Promise<void> {
  const send = (reply: ToWorker) => { if (worker.isConnected()) worker.send(reply); };
  if (message.type === 'load') {
    try {
      const rows = await app.db.query<{ partner_id: string; document: unknown }>(
        'SELECT l.partner_id, v.document FROM live l JOIN versions v ON v.id = l.version_id WHERE l.partner_id = ANY($1::text[])', [message.partnerIds]);
      send({ type: 'loaded', id: message.id, documents: rows.map((row) => [row.partner_id, row.document]) });
    } catch (error) {
      send({ type: 'loaded', id: message.id, error: (error as Error).message });
    }
  } else if (message.type === 'warm-done') {
    app.readiness.end(worker);
    if (message.error) app.log.error(`public worker ${worker.process.pid}: warm-up stopped (${message.error}); documents are read on demand`);
    else app.log.info(`public cache warm: worker ${worker.process.pid}, ${message.count} live document(s) in ${message.seconds.toFixed(1)} s`);
  } else if (message.type === 'warm') {
    // One page per request: a worker holds one page of documents at a time, not the whole store.
    try {
      const page = await warmUps.next(worker);
      send(page ? { type: 'page', page } : { type: 'warmed' });
    } catch (error) {
      send({ type: 'warmed', error: (error as Error).message });
    }
  }
}

/**
 * The workers' warm-up, compressed once: one pass over the live documents, each page encoded
 * in the primary and handed to every worker of the pass, rather than each of N workers
 * compressing every document itself (N times the CPU, on every core, just as a restart's
 * first landings arrive). A page is dropped once every worker of the pass has taken it. The
 * workers alive when the first asks make up a pass; one started later (a replacement) gets a
 * pass of its own.
 */
export class WarmUps {
  private readonly passes = new Map<Worker, WarmUpPass>();

  constructor(private readonly source: () => AsyncIterator<Map<string, PublicDocument>>, private readonly workers: () => Iterable<Worker>) {}

  /** The next page for `worker`, or undefined once it has them all. */
  async next(worker: Worker): Promise<PackedPage | undefined> {
    let pass = this.passes.get(worker);
    if (!pass) {
      const members = [...this.workers()].filter((member) => !this.passes.has(member));
      pass = new WarmUpPass(this.source(), members.includes(worker) ? members : [worker]);
      for (const member of pass.members) this.passes.set(member, pass);
    }
    try {
      const page = await pass.next(worker);
      if (!page) this.passes.delete(worker);
      return page;
    } catch (error) {
      this.leave(worker);
      throw error;
    }
  }

  /** The worker exited, or its warm-up failed: the pass no longer waits for it. */
  leave(worker: Worker): void {
    this.passes.get(worker)?.leave(worker);
    this.passes.delete(worker);
  }
}

class WarmUpPass {
  private readonly pages = new Map<number, Promise<PackedPage | undefined>>();
  private readonly cursors: Map<Worker, number>;
  private produced: Promise<unknown> = Promise.resolve();

  constructor(private readonly source: AsyncIterator<Map<string, PublicDocument>>, readonly members: Worker[]) {
    this.cursors = new Map(members.map((member) => [member, 0]));
  }

  async next(worker: Worker): Promise<PackedPage | undefined> {
    const index = this.cursors.get(worker) ?? 0;
    this.cursors.set(worker, index + 1);
    const page = this.page(index);
    this.release();
    const packed = await page;
    if (!packed) this.leave(worker);
    return packed;
  }

  leave(worker: Worker): void {
    this.cursors.delete(worker);
    this.release();
  }

  /** Pages are read from the store in order, one at a time, whoever asks first. */
  private page(index: number): Promise<PackedPage | undefined> {
    let page = this.pages.get(index);
    if (!page) {
      page = this.produced.then(() => this.source.next()).then((result) => (result.done ? undefined : PublicDocument.pack(result.value)));
      this.produced = page.catch(() => undefined);
      this.pages.set(index, page);
    }
    return page;
  }

  /** Drops the pages every worker of the pass has taken. */
  private release(): void {
    const lowest = Math.min(...this.cursors.values());
    for (const index of this.pages.keys()) if (index < lowest) this.pages.delete(index);
  }
}

/** In a worker: the public read path from its own cache, everything else passed to the primary. */
export async function serveWorker(config: Config): Promise<void> {
  const upstream = new URL(process.env.COBRAND_UPSTREAM!);
  const waiting = new Map<number, { resolve: (documents: Map<string, unknown>) => void; reject: (error: Error) => void }>();
  let next = 0;
  const cache = new PublicCache((partnerIds) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve, reject });
    process.send!({ type: 'load', id, partnerIds } satisfies ToPrimary);
  }));
  const pages = pageQueue(() => process.send!({ type: 'warm' } satisfies ToPrimary));
  process.on('message', (message: ToWorker) => {
    if (message.type === 'loaded') {
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error));
      else pending?.resolve(new Map(message.documents));
    } else if (message.type === 'invalidate') {
      cache.invalidate(message.partnerId);
    } else if (message.type === 'page') {
      pages.push(PublicDocument.unpack(message.page));
    } else if (message.type === 'warmed') {
      pages.end(message.error);
    }
  });

  const trusted = trustsPeer(config.trustProxy);
  const server = createServer((request, response) => {
    const match = request.method === 'GET' || request.method === 'HEAD' ? PUBLIC_PATH.exec(request.url ?? '') : null;
    if (!match || request.headers.authorization) return forward(upstream, request, response, trusted(request.socket.remoteAddress));
    const partnerId = match[1]!;
    const cached = cache.get(partnerId);
    if (!(cached instanceof Promise)) return respond(request, response, partnerId, cached);
    cached.then((entry) => respond(request, response, partnerId, entry), () => {
      response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' })
        .end(JSON.stringify({ code: 'store_unavailable', message: 'The store is not reachable just now; try again shortly.' }));
    });
  });
  server.keepAliveTimeout = 72_000;
  // As the app's own (server/app.ts): a request still arriving after this is answered 408 and closed.
  server.requestTimeout = DEFAULT_REQUEST_TIMEOUT_MS;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => { server.off('error', reject); resolve(); });
    });
  } catch (error) {
    process.send!({ type: 'listen-failed', message: listenFailure(config.host, config.port, error) } satisfies ToPrimary, () => process.exit(1));
    return;
  }
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  cache.warm(pages.iterate()).then(
    (count) => process.send!({ type: 'warm-done', count, seconds: seconds() } satisfies ToPrimary),
    (error: Error) => process.send!({ type: 'warm-done', count: 0, seconds: seconds(), error: error.message } satisfies ToPrimary),
  );
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
  process.once('disconnect', () => process.exit(0));
}

function respond(request: IncomingMessage, response: ServerResponse, partnerId: string, entry: Parameters<typeof publicAnswer>[1]): void {
  const { status, headers, body } = publicAnswer(partnerId, entry, request.headers, Date.now());
  const bytes = body === null ? null : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  if (status === 404) headers['content-type'] = 'application/json; charset=utf-8';
  if (bytes) headers['content-length'] = String(bytes.length);
  response.writeHead(status, headers);
  response.end(request.method === 'HEAD' ? undefined : bytes ?? undefined);
}

function forward(upstream: URL, request: IncomingMessage, response: ServerResponse, fromTrustedProxy: boolean): void {
  const proxied = httpRequest({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: forwardedHeaders(request, fromTrustedProxy) }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  proxied.on('error', () => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ code: 'upstream_unavailable', message: 'The service is restarting; try again shortly.' }));
  });
  request.pipe(proxied);
}

/**
 * The request's headers as the primary gets them, which trusts its workers' X-Forwarded-*
 * (Fastify's trustProxy). The client's address is appended to X-Forwarded-For. X-Forwarded-Host
 * and -Proto pass only from a proxy the operator trusts (COBRAND_TRUST_PROXY), judged by the
 * address that connected: otherwise anyone, a client reaching a worker past the proxy
 * included, could choose the origin a pre-rendered bar (which caches may share) points its
 * loader and logos at.
 */
function forwardedHeaders(request: IncomingMessage, fromTrustedProxy: boolean): IncomingMessage['headers'] {
  const headers: IncomingMessage['headers'] = { ...request.headers, 'x-forwarded-for': [request.headers['x-forwarded-for'], request.socket.remoteAddress].filter(Boolean).join(', ') };
  if (!fromTrustedProxy) {
    delete headers['x-forwarded-host'];
    delete headers['x-forwarded-proto'];
  }
  return headers;
}

/** Pages arriving by message, one asked for (`ask`) each time the reader wants the next. */
function pageQueue(ask: () => void) {
  const queued: Map<string, PublicDocument>[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  let failure: string | undefined;
  return {
    push(page: Map<string, PublicDocument>) { queued.push(page); wake?.(); },
    end(error?: string) { ended = true; failure = error; wake?.(); },
    async *iterate(): AsyncGenerator<Map<string, PublicDocument>> {
      for (;;) {
        if (queued.length) { yield queued.shift()!; continue; }
        if (!ended) ask();
        if (ended) { if (failure) throw new Error(failure); return; }
        await new Promise<void>((resolve) => { wake = resolve; });
        wake = null;
        if (queued.length) { yield queued.shift()!; continue; }
        if (ended) { if (failure) throw new Error(failure); return; }
      }
    },
  };
}

export const isWorker = () => cluster.isWorker;
