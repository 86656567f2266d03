/**
 * GET /v1/partners/:pid/bar.html: the partner's live bar pre-rendered as declarative shadow
 * DOM (server/bar-render.ts), for hosts that can include HTML: it paints with the page, before
 * any script, and the embed bundle hydrates it. The same public rules as the JSON read it is
 * made from: CORS, ETag and 304, the same Cache-Control (time-window boundaries included).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderBar, type BarLang } from '../bar-render.ts';
import { compress, sendCompressed, type Compressed } from '../compressed.ts';
import { ApiError, errorAnswer } from '../errors.ts';
import { freshness, type PublicDocument } from '../public-cache.ts';
import { errorBody, partnerParams, tokenErrors } from './schemas.ts';

/** Bars kept: rendered (about 50 KB each) per partner and language, and compressed (6 KB or so) per origin too; the most recently used stay. */
const MAX_RENDERED = 1000;
/**
 * Compressed once per live version, language and origin, while its first reader waits. Quality 5
 * takes 0.5 ms for 6.1 KB where 9 takes 8 ms for 6.0 KB (50 KB of HTML): cheap enough that a client
 * asking by ever new Host headers costs the service about what an ordinary read does.
 */
const BROTLI_QUALITY = 5;
/**
 * Stands for the service's origin in a bar until it is sent, so that a bar is rendered once whatever
 * origin it is asked by: a valid origin (the elements build the logos' addresses on it) that no
 * document can contain, since no one knows it.
 */
const ORIGIN_PLACEHOLDER = `https://${randomBytes(12).toString('hex')}.origin.invalid`;
/** What a Host header may be to become the bar's origin: a name or IPv4 address, or an IPv6 one in brackets, and a port. */
const HOST_PATTERN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

interface Rendered {
  /** The ETag of the JSON read it was rendered from: when that changes, this is stale. */
  source: string;
  html: string;
}

interface Sent {
  source: string;
  /** The HTML for one origin, gzipped and brotli'd, each with its ETag. */
  variants: Compressed;
}

const LANG_ALIASES: Record<string, BarLang> = { 'zh-cn': 'zh-CN', zh: 'zh-CN', 'en-us': 'en-US', en: 'en-US' };

/**
 * `?lang=`: zh-CN or en-US, in any case, or zh / en. Said as a pattern (with each letter's cases, since a
 * JSON Schema pattern has no flags) so that OpenAPI takes exactly what the service takes.
 */
const LANG_PATTERN = /^(?:[zZ][hH](?:-[cC][nN])?|[eE][nN](?:-[uU][sS])?)$/;
const LANG_ERROR = 'lang must be zh-CN or en-US, as in ?lang=zh-CN (zh and en, in any case, also do)';
const barLang = z.string({ error: LANG_ERROR }).regex(LANG_PATTERN, { error: LANG_ERROR })
  .transform((value): BarLang => LANG_ALIASES[value.toLowerCase()]!)
  .meta({ examples: ['zh-CN', 'en-US', 'zh', 'en'] })
  .describe('The language of the bar: zh-CN or en-US (any case; zh and en also do)');

/** What a reason in an HTML comment has escaped, so that nothing in it can end the comment or read as markup. */
const COMMENT_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };

/** The language a query asks for, when it names one the bar has. */
function langOf(query: unknown): BarLang | undefined {
  const lang = (query as { lang?: unknown } | undefined)?.lang;
  return typeof lang === 'string' && LANG_PATTERN.test(lang) ? LANG_ALIASES[lang.toLowerCase()] : undefined;
}

/** The origin a bar points its loader and logos at: COBRAND_PUBLIC_URL, or the request's own when its Host is a host. */
function originOf(request: FastifyRequest, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  if (!HOST_PATTERN.test(request.host)) {
    throw new ApiError(400, 'bad_host', 'The Host header is not a host name or address with an optional port, so the bar cannot point at it. Ask by the service\'s address, or set COBRAND_PUBLIC_URL to its public origin.');
  }
  return `${request.protocol}://${request.host}`;
}

/** A bounded map that keeps the most recently used entries. */
class Recent<V> extends Map<string, V> {
  use(key: string): V | undefined {
    const value = this.get(key);
    if (value !== undefined) this.keep(key, value);
    return value;
  }

  keep(key: string, value: V): V {
    this.delete(key);
    if (this.size >= MAX_RENDERED) this.delete(this.keys().next().value!);
    this.set(key, value);
    return value;
  }
}

export const barRoutes: FastifyPluginAsyncZod<{ publicUrl?: string }> = async (app, { publicUrl }) => {
  const rendered = new Recent<Promise<Rendered>>();
  const sent = new Recent<Promise<Sent>>();

  /** Once per partner, language and live version (the cloud's default bar: once per language), for any origin. */
  function renderedFor(partner: string, lang: BarLang, entry: PublicDocument | null, source: string): Promise<Rendered> {
    const key = `${entry ? partner : ''}\n${lang}`;
    return settled(rendered, key, source, async () => ({
      source,
      html: await renderBar(entry && JSON.parse(entry.body.toString('utf8')), { partner: entry ? partner : '', api: ORIGIN_PLACEHOLDER, lang, etag: source, now: app.clock() }),
    }));
  }

  /** The bar of a live partner for `origin`, compressed. */
  function sentFor(partner: string, lang: BarLang, origin: string, entry: PublicDocument, source: string): Promise<Sent> {
    return settled(sent, `${partner}\n${lang}\n${origin}`, source, async () => {
      const { html } = await renderedFor(partner, lang, entry, source);
      const tag = createHash('sha256').update(`${source}\n${lang}\n${origin}`).digest('base64url').slice(0, 22);
      return { source, variants: await compress(Buffer.from(html.replaceAll(ORIGIN_PLACEHOLDER, origin)), { tag, brotliQuality: BROTLI_QUALITY }) };
    });
  }

  /** What `cache` holds for `key` made from `source`, or made now (once, however many ask meanwhile); a failure is not kept. */
  async function settled<T extends { source: string }>(cache: Recent<Promise<T>>, key: string, source: string, make: () => Promise<T>): Promise<T> {
    const held = cache.use(key);
    if (held && (await held.catch(() => undefined))?.source === source) return held;
    const made = cache.keep(key, make());
    made.catch(() => { if (cache.get(key) === made) cache.delete(key); });
    return made;
  }

  /**
   * A mistake in the address (a malformed partner id, a missing or unknown lang) is a 400 whose
   * body is still a bar, the cloud's default one, for a page that includes it as it comes,
   * after a comment that says what was wrong; anything else is answered as the API's errors are.
   */
  async function addressError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    reply.header('access-control-allow-origin', '*');
    const { status, body } = errorAnswer(error, request, app.initialConfig.bodyLimit ?? 0);
    if (body.code !== 'invalid_request') return reply.code(status).send(body);
    const lang = langOf(request.query) ?? (/^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en-US' : 'zh-CN');
    const { html } = await renderedFor('', lang, null, '');
    const reason = `${status} ${body.code}: ${body.message}`.replace(/[<>&"]/g, (c) => COMMENT_ENTITIES[c]!).replace(/-(?=-)/g, '- ');
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8')
      .send(`<!-- Cobrand: ${reason} -->\n${html.replaceAll(ORIGIN_PLACEHOLDER, originOf(request, publicUrl))}`);
  }

  app.options('/v1/partners/:pid/bar.html', { schema: { hide: true } }, async (_request, reply) => {
    reply.code(204).header('Access-Control-Allow-Origin', '*').header('Access-Control-Allow-Methods', 'GET, HEAD')
      .header('Access-Control-Allow-Headers', 'If-None-Match').header('Access-Control-Max-Age', '86400');
  });

  app.get('/v1/partners/:pid/bar.html', {
    errorHandler: addressError,
    schema: {
      operationId: 'getPrerenderedBar',
      summary: "The partner's approved bar pre-rendered as HTML with declarative shadow DOM (public; ETag and 304)",
      security: [],
      params: partnerParams,
      querystring: z.object({ lang: barLang }),
      response: {
        200: { description: '<cobrand-console> with its shadow roots and the document it shows', content: { 'text/html': { schema: z.string() } } },
        400: { description: "A malformed partner id, or lang missing or unknown: the cloud's default bar, after a comment that says what was wrong (<!-- Cobrand: 400 invalid_request: … -->)", content: { 'text/html': { schema: z.string() } } },
        404: { description: "The partner has no approved customization: the cloud's default bar, with the partner named so that it loads the partner's once there is one", content: { 'text/html': { schema: z.string() } } },
        ...tokenErrors,
      },
    },
  }, async (request, reply) => {
    const { pid } = request.params;
    const { lang } = request.query;
    const origin = originOf(request, publicUrl);
    const entry = await app.publicCache.get(pid);
    reply.headers({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' });
    if (!entry) {
      // Included as it comes, a page still gets a bar: the cloud's default one, never an error's JSON.
      const { html } = await renderedFor(pid, lang, null, '');
      return reply.code(404).header('cache-control', 'public, max-age=30').type('text/html; charset=utf-8')
        .send(html.replaceAll(ORIGIN_PLACEHOLDER, origin).replace(/^<cobrand-console partner(?:="")?/, `<cobrand-console partner="${pid}"`));
    }
    const { etag: source, cacheControl } = freshness(entry, app.clock());
    const bar = await sentFor(pid, lang, origin, entry, source);
    reply.header('cache-control', cacheControl).type('text/html; charset=utf-8');
    return sendCompressed(request, reply as FastifyReply, bar.variants); // a 304 has no body, so no response schema
  });
};
