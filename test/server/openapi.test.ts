/**
 * The OpenAPI document at /docs/openapi.json: Redocly's recommended ruleset finds nothing in
 * it, and it says what clients need (the customization schema as a component, operationIds,
 * which routes are public, what an upload's body is).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020.js';
import schema from '../../schema/customization.schema.json' with { type: 'json' };
import { connect } from 'node:net';
import { NO_LIMITS } from '../../server/limits.ts';
import { StoreUnavailableError, type Database } from '../../server/store/database.ts';
import { startHarness, testDatabase, type Harness } from './harness.ts';
import acme from '../../schema/examples/acme-cloud.json' with { type: 'json' };

type Operation = { operationId?: string; security?: unknown[]; parameters?: Array<{ in: string; name: string; required?: boolean; schema: Record<string, unknown> }>; requestBody?: { required?: boolean; content: Record<string, { schema?: Record<string, unknown> }> }; responses: Record<string, { content?: Record<string, { schema?: any }>; headers?: Record<string, { schema?: unknown }> }> };
type OpenApi = { openapi: string; servers?: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any> } };

const CUSTOMIZATION_REF = '#/components/schemas/Customization';
/**
 * The only exceptions to the recommended ruleset, by rule and place.
 *
 * no-required-schema-properties-undefined: a menu entry without children needs an href, said as
 * `if: { not: { required: ['children'] } }, then: { required: ['href'] }`. Both properties are defined by the
 * entry itself; the rule looks for them in the `if`/`then` subschema alone (it looks up to the enclosing
 * schema only from allOf/anyOf/oneOf), so it misreads this standard JSON Schema idiom.
 */
const IGNORED: Record<string, Set<string>> = {
  'no-required-schema-properties-undefined': new Set([
    '#/components/schemas/Customization/$defs/menuEntry/if/not/required/0',
    '#/components/schemas/Customization/$defs/menuEntry/then/required/0',
    // the promotion menu's entry (time windows) says the same
    '#/components/schemas/Customization/$defs/promotionEntry/if/not/required/0',
    '#/components/schemas/Customization/$defs/promotionEntry/then/required/0',
  ]),
};

/** Routes anyone may call: no token. */
const PUBLIC = ['GET /healthz', 'GET /readyz', 'GET /v1/schema', 'GET /v1/partners/{pid}/customization', 'GET /v1/partners/{pid}/bar.html', 'GET /assets/{sha256}', 'POST /v1/shares/open'];

describe('OpenAPI document', () => {
  let h: Harness;
  let doc: OpenApi;
  let operations: [string, Operation][];
  before(async () => {
    h = await startHarness('pglite');
    const response = await h.request({ method: 'GET', url: '/docs/openapi.json' });
    assert.equal(response.statusCode, 200);
    doc = response.json();
    operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));
  });
  after(async () => { await h.close(); });
  const op = (name: string) => operations.find(([n]) => n === name)?.[1] ?? assert.fail(`no ${name}`);

  it("passes Redocly's recommended lint with no error and no warning", async () => {
    const config = await createConfig({ extends: ['recommended'] }, { ignore: { 'openapi.json': IGNORED } });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const line = (p: (typeof problems)[number]) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`;
    assert.deepEqual(problems.filter((p) => !p.ignored).map(line), []);
    // Each exception is still needed: when the schema changes, drop the ones that no longer apply.
    assert.deepEqual(problems.filter((p) => p.ignored).map((p) => p.location[0]?.pointer).sort(), Object.values(IGNORED).flatMap((set) => [...set]).sort());
  });

  it('has a server and an operationId, unique, on every operation', () => {
    assert.ok(doc.servers?.length, 'servers is empty');
    const ids = operations.map(([name, op]) => op.operationId ?? assert.fail(`${name} has no operationId`));
    assert.equal(new Set(ids).size, ids.length, `duplicate operationIds: ${ids}`);
  });

  it('says security: [] on the public routes and the bearer token on every other', () => {
    for (const [name, op] of operations) {
      assert.deepEqual(op.security, PUBLIC.includes(name) ? [] : [{ bearer: [] }], name);
    }
    for (const name of PUBLIC) assert.ok(operations.some(([n]) => n === name), `${name} is documented`);
  });

  it('has the customization JSON Schema as a component that the draft, snapshot and public routes $ref', () => {
    const component = doc.components.schemas.Customization;
    assert.ok(component, 'components/schemas/Customization');
    assert.deepEqual(Object.keys(component.properties), Object.keys(schema.properties));
    const json = (name: string, status = '200') => op(name).responses[status]?.content?.['application/json']?.schema;
    // A draft is saved even when invalid: its schema names the Customization it is checked against, and takes any object.
    for (const draft of [op('PUT /v1/partners/{pid}/draft').requestBody?.content['application/json']?.schema, json('GET /v1/partners/{pid}/draft').properties.config, json('PUT /v1/partners/{pid}/draft').properties.config]) {
      assert.equal(draft?.type, 'object');
      assert.match(String(draft?.description), /#\/components\/schemas\/Customization/);
    }
    assert.equal(json('GET /v1/partners/{pid}/customization').$ref, CUSTOMIZATION_REF);
    assert.match(JSON.stringify(json('GET /v1/review/submissions/{sid}').properties.document), /#\/components\/schemas\/Customization"/);
    assert.match(JSON.stringify(json('GET /v1/review/submissions/{sid}').properties.live), /#\/components\/schemas\/Customization"/);
  });

  it('has a Customization component that validates as the published schema does', () => {
    // The component, with its references resolved inside the document, accepts and rejects what the schema does.
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'https://cobrand.test/openapi.json', components: doc.components });
    const viaDocument = ajv.compile({ $ref: `https://cobrand.test/openapi.json${CUSTOMIZATION_REF}` });
    const direct = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    const broken = { ...structuredClone(acme), promotionMenu: [{ id: 'x', label: { 'zh-CN': 'x' }, href: 'https://a.example' }] };
    for (const document of [acme, { schemaVersion: 1, partnerId: 'p' }, broken, { schemaVersion: 2 }, { ...acme, extra: 1 }]) {
      assert.equal(viaDocument(document), direct(document), JSON.stringify(document).slice(0, 80));
    }
    assert.equal(viaDocument(acme), true);
    assert.equal(viaDocument(broken), false);
  });

  it('describes what the service takes and answers for an invalid draft, as a generated client checks it', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'https://cobrand.test/openapi.json', ...doc });
    const schemaAt = (pointer: string) => ajv.compile({ $ref: `https://cobrand.test/openapi.json#${pointer}` });
    const path = '/paths/~1v1~1partners~1{pid}~1draft/put';
    const takes = schemaAt(`${path}/requestBody/content/application~1json/schema`);
    const answers = schemaAt(`${path}/responses/200/content/application~1json/schema`);
    const token = await h.partner('openapi-draft');
    const invalid = { ...structuredClone(acme), partnerId: 'openapi-draft', promotionMenu: [{ id: 'x', label: { 'zh-CN': '很长'.repeat(20), 'en-US': 'x'.repeat(30) }, href: 'http://a.example' }] };
    assert.equal(takes(invalid), true, JSON.stringify(takes.errors));
    const saved = await h.request({ method: 'PUT', url: '/v1/partners/openapi-draft/draft', token, headers: { 'if-match': '"0"' }, payload: invalid });
    assert.equal(saved.statusCode, 200);
    assert.equal(saved.json().validation.valid, false, 'saved, and invalid');
    assert.equal(answers(saved.json()), true, JSON.stringify(answers.errors));
    // Making a share link needs no body: the OpenAPI does not require one.
    assert.notEqual(op('POST /v1/partners/{pid}/shares').requestBody?.required, true);
    const shared = await h.request({ method: 'POST', url: '/v1/partners/openapi-draft/shares', token });
    assert.equal(shared.statusCode, 201, shared.body);
  });

  it('says the logo upload takes image bytes, not JSON', () => {
    const content = operations.find(([n]) => n === 'POST /v1/partners/{pid}/assets')?.[1].requestBody?.content ?? {};
    assert.ok(!content['application/json'], 'no JSON body');
    assert.equal(content['image/*']?.schema?.type, 'string');
    assert.equal(content['image/*']?.schema?.format, 'binary');
  });

  /** The service's own answers, against what the document says of each operation: a route that changes without its schema fails here. */
  const docsApi = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  /** The rows of the markdown table under `## heading` in docs/api.md. */
  const tableRows = (heading: string) => {
    const section = docsApi.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? assert.fail(`docs/api.md has no ## ${heading}`);
    return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
  };
  const ID = '00000000-0000-4000-8000-000000000000';
  /** A real address for a documented path: its parameters filled in. */
  const address = (path: string) => path.replace('{pid}', 'acme').replace('{sha256}', '0'.repeat(64)).replace(/\{\w+\}/g, ID) + (path.endsWith('bar.html') ? '?lang=en-US' : '');
  const tokenFor = async (path: string) => (path.startsWith('/v1/review/') ? h.reviewer : path.startsWith('/v1/partners/') ? h.partner('acme') : undefined);
  const WRITES = new Set(['post', 'put', 'patch', 'delete']);

  it('documents exactly the routes that docs/api.md lists', () => {
    const listed = new Set(tableRows('Routes').flatMap((row) => [...row.split('|')[1]!.matchAll(/`(GET|PUT|POST|DELETE|PATCH) ([^`?]+)(?:\?[^`]*)?`/g)]
      .map(([, method, path]) => `${method} ${path!.replace(/:(\w+)/g, '{$1}')}`)));
    const documented = new Set(operations.map(([name]) => name));
    // Hidden from itself: the OpenAPI document is not an operation of the API it describes.
    const missing = [...documented].filter((name) => !listed.has(name));
    const extra = [...listed].filter((name) => !documented.has(name) && name !== 'GET /docs/openapi.json');
    assert.deepEqual(missing, [], 'in OpenAPI but not in docs/api.md ## Routes');
    assert.deepEqual(extra, [], 'in docs/api.md ## Routes but not in OpenAPI');
  });

  it("lists every error code the service answers with in docs/api.md's error table, under its status", () => {
    const table = new Map(tableRows('Errors').map((row) => {
      const [, status, codes] = row.split('|');
      return [status!.trim(), new Set([...codes!.matchAll(/`([a-z_.-]+)`/g)].map(([, code]) => code!))];
    }));
    const sources = (dir: URL): string[] => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.name !== 'dist' && entry.name !== 'node_modules').flatMap((entry) => (entry.isDirectory()
      ? sources(new URL(`${entry.name}/`, dir)) : entry.name.endsWith('.ts') ? [readFileSync(new URL(entry.name, dir), 'utf8')] : []));
    const thrown = sources(new URL('../../server/', import.meta.url)).flatMap((source) => [...source.matchAll(/new ApiError\((\d{3}), '([a-z_.-]+)'/g)].map(([, status, code]) => [status!, code!] as const));
    assert.ok(thrown.length > 20, 'the scan finds the errors');
    const undocumented = thrown.filter(([status, code]) => !table.get(status)?.has(code)).map(([status, code]) => `${status} ${code}`);
    assert.deepEqual([...new Set(undocumented)], []);
  });

  it('says If-Match is required for saving the draft, as the service answers 428 without it', async () => {
    const put = operations.find(([name]) => name === 'PUT /v1/partners/{pid}/draft')![1];
    const ifMatch = put.parameters?.find((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'if-match');
    assert.equal(ifMatch?.required, true, 'if-match is required');
    const answer = await h.request({ method: 'PUT', url: '/v1/partners/acme/draft', token: await h.partner('acme'), payload: { schemaVersion: 1, partnerId: 'acme' } });
    assert.equal(answer.statusCode, 428);
    assert.match(answer.json().message, /If-Match/);
    assert.ok(put.responses['428'], '428 is documented');
  });

  it('documents the 400, 413 and 415 that every operation taking a body answers', async () => {
    for (const [name, op] of operations) {
      const [method, path] = name.split(' ') as [string, string];
      if (!WRITES.has(method.toLowerCase())) continue;
      const token = await tokenFor(path);
      const upload = path.endsWith('/assets');
      const text = await h.request({ method: method as 'POST', url: address(path), token, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
      assert.equal(text.statusCode, 415, `${name} with a text body: ${text.body}`);
      const huge = upload ? Buffer.alloc(600 * 1024) : JSON.stringify({ padding: 'x'.repeat(300 * 1024) });
      const tooLarge = await h.request({ method: method as 'POST', url: address(path), token, headers: { 'content-type': upload ? 'image/png' : 'application/json' }, payload: huge });
      assert.equal(tooLarge.statusCode, 413, `${name} with a body over the limit: ${tooLarge.body}`);
      const broken = await h.request({ method: method as 'POST', url: address(path), token, headers: { 'content-type': 'application/json' }, payload: '{"a":' });
      for (const answer of [text, tooLarge, ...(upload ? [] : [broken])]) {
        assert.ok(op.responses[String(answer.statusCode)], `${name} answers ${answer.statusCode} (${codeOf(answer.body)}), which its responses do not list`);
      }
    }
  });

  it('documents what every operation answers to a malformed path parameter (400 where its schema checks it)', async () => {
    let refused = 0;
    for (const [name, op] of operations) {
      const [method, path] = name.split(' ') as [string, string];
      if (!path.includes('{')) continue;
      const answer = await h.request({ method: method as 'GET', url: address(path).replace(/\/(acme|0{64}|00000000-0000-4000-8000-000000000000)(?=\/|\?|$)/, '/NOT_AN_ID'), token: await tokenFor(path) });
      assert.ok(answer.statusCode >= 400 && answer.statusCode < 500, `${name}: ${answer.statusCode} ${answer.body.slice(0, 200)}`);
      assert.ok(op.responses[String(answer.statusCode)], `${name} answers ${answer.statusCode} (${codeOf(answer.body)}), which its responses do not list`);
      if (answer.statusCode === 400) refused++;
    }
    assert.ok(refused > 15, 'most path parameters are checked by their schema');
  });

  /**
   * Sends every documented operation to `target` as `headers` say, and checks that each answers `status` with
   * `code` and `Retry-After`, and that the OpenAPI document lists that status for it.
   */
  async function everyOperationAnswers(target: Harness, status: number, code: string, headers: Record<string, string>) {
    for (const [name, op] of operations) {
      const [method, path] = name.split(' ') as [string, string];
      const answer = await target.app.inject({ method: method as 'GET', url: address(path), headers });
      assert.equal(answer.statusCode, status, `${name}: ${answer.statusCode} ${answer.body.slice(0, 200)}`);
      assert.equal(answer.json().code, code, name);
      assert.match(String(answer.headers['retry-after']), /^[1-9]\d*$/, `${name}: Retry-After`);
      assert.ok(op.responses[String(status)], `${name} answers ${status} (${code}), which its responses do not list`);
      assert.deepEqual(op.responses[String(status)]?.headers?.['Retry-After']?.schema, { type: 'integer', minimum: 1 }, `${name}: its ${status} documents Retry-After`);
    }
  }

  it('documents the 429 every operation answers to an address that failed to sign in too often', async () => {
    // The limit counts failed sign-ins per address before any route runs: a request with a token is refused
    // whatever it asks for (a write's own limit per token, and opening share links, add their 429s to some).
    const limited = await startHarness('pglite', undefined, { limits: { ...NO_LIMITS, authFailuresPerMinute: 1 } });
    try {
      const guess = { authorization: 'Bearer cbt_not-a-token' };
      assert.equal((await limited.app.inject({ method: 'GET', url: '/v1/me', headers: guess })).statusCode, 401);
      await everyOperationAnswers(limited, 429, 'rate_limited', guess);
    } finally {
      await limited.close();
    }
  });

  it('documents the 503 every operation answers while the store cannot be reached', async () => {
    // As a PostgreSQL server that went away fails (server/store/database.ts): every request that carries a token
    // needs the store to look it up, whatever it asks for.
    const db = await testDatabase('pglite');
    let down = false;
    const failing = new Proxy(db, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (down && (key === 'query' || key === 'transaction')) return () => Promise.reject(new StoreUnavailableError(new Error('connect ECONNREFUSED')));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Database;
    const unreachable = await startHarness('pglite', failing);
    try {
      const token = { authorization: `Bearer ${unreachable.reviewer}` };
      down = true;
      await everyOperationAnswers(unreachable, 503, 'store_unavailable', token);
    } finally {
      down = false;
      await unreachable.close();
      await db.close();
    }
  });

  it('documents the 503 every operation answers while the instance stops', async () => {
    const stopping = await startHarness('pglite');
    // A save whose body is still arriving keeps the instance draining (server/drain.ts) while the others are asked.
    await stopping.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = stopping.app.server.address() as { port: number };
    const slow = connect(port, '127.0.0.1');
    await new Promise((resolve) => slow.once('connect', resolve));
    const token = await stopping.partner('acme');
    slow.write(`PUT /v1/partners/acme/draft HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nIf-Match: "0"\r\nContent-Length: 100\r\n\r\n{"a":`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const drained = stopping.app.drain({ timeoutMs: 30_000 });
    try {
      await everyOperationAnswers(stopping, 503, 'shutting_down', {});
    } finally {
      slow.destroy();
      await drained;
      await stopping.db.close();
    }
  });

  it("gives bar.html's lang a schema that takes exactly what the service takes", async () => {
    const bar = operations.find(([name]) => name === 'GET /v1/partners/{pid}/bar.html')![1];
    const lang = bar.parameters?.find((parameter) => parameter.in === 'query' && parameter.name === 'lang') ?? assert.fail('no lang parameter');
    const accepts = new Ajv2020({ strict: false }).compile(lang.schema);
    for (const value of ['zh-CN', 'en-US', 'zh-cn', 'ZH-CN', 'EN-us', 'zh', 'en', 'ZH', 'En', 'fr-FR', 'zh-TW', 'english', 'zh-CN ', '']) {
      const answer = await h.request({ method: 'GET', url: `/v1/partners/acme/bar.html?lang=${encodeURIComponent(value)}` });
      assert.equal(accepts(value), answer.statusCode !== 400, `${JSON.stringify(value)}: the service answers ${answer.statusCode}, the schema ${accepts(value) ? 'takes' : 'refuses'} it`);
    }
  });
});

/** An answer's error code, or its first words when it is not JSON (bar.html answers its errors as HTML). */
function codeOf(body: string): string {
  try {
    return String((JSON.parse(body) as { code?: unknown }).code);
  } catch {
    return body.slice(0, 40);
  }
}
