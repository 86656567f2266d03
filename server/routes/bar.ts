/**
 * GET /v1/partners/:pid/bar.html: the partner's live bar pre-rendered as declarative shadow
 * DOM (server/bar-render.ts), for hosts that can include HTML: it paints with the page, before
 * any script, and the embed bundle hydrates it. The same public rules as the JSON read it is
 * made from: CORS, ETag and 304, the same Cache-Control (time-window boundaries included).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BAR_LANGS, renderBar, type BarLang } from '../bar-render.ts';
import { compress, sendCompressed, type Compressed } from '../compressed.ts';
import { freshness, type PublicDocument } from '../public-cache.ts';
import { errorBody, partnerParams, tokenErrors } from './schemas.ts';

/** Rendered bars kept (about 40 KB each, and 6 KB or so compressed): the most recently used ones stay. */
const MAX_RENDERED = 1000;
/** A bar is compressed once per live version, language and origin, while its first reader waits: quality 9 gives 5.3 KB in 12 ms where 11 gives 4.9 KB in 50 ms (44 KB of HTML). */
const BROTLI_QUALITY = 9;

interface Rendered {
  /** The ETag of the JSON read it was rendered from: when that changes, this is stale. */
  source: string;
  /** The HTML, gzipped and brotli'd, each with its ETag. */
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

export const barRoutes: FastifyPluginAsyncZod<{ publicUrl?: string }> = async (app, { publicUrl }) => {
  const rendered = new Map<string, Rendered | Promise<Rendered>>();

  function remember(key: string, value: Rendered | Promise<Rendered>): void {
    rendered.delete(key);
    if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, value);
  }

  /** The bar for `entry`, rendered once per partner, language, origin and live version. */
  async function barFor(partner: string, lang: BarLang, api: string, entry: PublicDocument, source: string): Promise<Rendered> {
    const key = `${partner}\n${lang}\n${api}`;
    const cached = await rendered.get(key);
    if (cached?.source === source) {
      remember(key, cached);
      return cached;
    }
    const pending = renderBar(JSON.parse(entry.body.toString('utf8')), { partner, api, lang, etag: source, now: app.clock() })
      .then(async (html) => ({ source, variants: await compress(Buffer.from(html), { tag: createHash('sha256').update(`${source}\n${lang}\n${api}`).digest('base64url').slice(0, 22), brotliQuality: BROTLI_QUALITY }) }));
    remember(key, pending);
    try {
      const done = await pending;
      if (rendered.get(key) === pending) rendered.set(key, done);
      return done;
    } catch (error) {
      if (rendered.get(key) === pending) rendered.delete(key);
      throw error;
    }
  }

  /** The cloud's default bar, for partners with nothing live: rendered once per language and origin, whatever the partner. */
  const defaults = new Map<string, Promise<string>>();
  function defaultBarFor(lang: BarLang, api: string): Promise<string> {
    const key = `${lang}\n${api}`;
    let html = defaults.get(key);
    if (!html) {
      if (defaults.size >= MAX_RENDERED) defaults.delete(defaults.keys().next().value!);
      html = renderBar(null, { partner: '', api, lang, etag: '', now: app.clock() });
      html.catch(() => defaults.delete(key));
      defaults.set(key, html);
    }
    return html;
  }

  app.get('/v1/partners/:pid/bar.html', {
    schema: {
      operationId: 'getPrerenderedBar',
      summary: "The partner's approved bar pre-rendered as HTML with declarative shadow DOM (public; ETag and 304)",
      security: [],
      params: partnerParams,
      querystring: z.object({ lang: barLang }),
      response: {
        200: { description: '<cobrand-console> with its shadow roots and the document it shows', content: { 'text/html': { schema: z.string() } } },
        404: { description: "The partner has no approved customization: the cloud's default bar, with the partner named so that it loads the partner's once there is one", content: { 'text/html': { schema: z.string() } } },
        ...tokenErrors,
      },
    },
  }, async (request, reply) => {
    const { pid } = request.params;
    const entry = await app.publicCache.get(pid);
    const api = publicUrl ?? `${request.protocol}://${request.host}`;
    reply.headers({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' });
    if (!entry) {
      // Included as it comes, a page still gets a bar: the cloud's default one, never an error's JSON.
      const html = await defaultBarFor(request.query.lang, api);
      return reply.code(404).header('cache-control', 'public, max-age=30').type('text/html; charset=utf-8')
        .send(html.replace(/^<cobrand-console partner(?:="")?/, `<cobrand-console partner="${pid}"`));
    }
    const { etag: source, cacheControl } = freshness(entry, app.clock());
    const bar = await barFor(pid, request.query.lang, api, entry, source);
    reply.header('cache-control', cacheControl).type('text/html; charset=utf-8');
    return sendCompressed(request, reply as FastifyReply, bar.variants); // a 304 has no body, so no response schema
  });
};
