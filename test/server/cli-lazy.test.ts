/**
 * `cobrand validate` and `cobrand --version` load neither Fastify nor PGlite (nor pg): the CLI
 * imports each command's modules only when that command runs. A module-resolution hook, given to
 * the CLI with --import, writes down every module the process resolves.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'server/bin/cobrand.js');
const SERVICE_PACKAGES = /\/node_modules\/(fastify|@fastify\/[^/]+|@electric-sql\/pglite|pg|fastify-type-provider-zod|@fastify\/swagger)\//;

const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + '\\n');
  return result;
}
`;

describe('cobrand validate and --version stay light', () => {
  let dir: string;
  let runs = 0;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cobrand-cli-lazy-'));
    await writeFile(join(dir, 'hooks.mjs'), HOOKS);
    await writeFile(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { log: process.env.COBRAND_TEST_LOAD_LOG } });\n`);
  });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  /** Runs the CLI and returns its output and every module URL it resolved. */
  async function cobrand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; loaded: string[] }> {
    const log = join(dir, `load-${++runs}.log`);
    await writeFile(log, '');
    const env: NodeJS.ProcessEnv = { ...process.env, COBRAND_TEST_LOAD_LOG: log, COBRAND_DATA: join(dir, `data-${runs}`), DATABASE_URL: '' };
    delete env.NODE_OPTIONS;
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, CLI, ...args], { env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
    return { ...result, loaded: (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
  }

  it('the hook sees the service packages when a command needs them (control)', async () => {
    const migrate = await cobrand('migrate');
    assert.equal(migrate.code, 0, migrate.stderr);
    assert.ok(migrate.loaded.some((url) => url.includes('/node_modules/@electric-sql/pglite/')), 'migrate loads PGlite');
  });

  it('validate checks documents without loading Fastify, PGlite or pg', async () => {
    const valid = await cobrand('validate', join(ROOT, 'schema/examples/acme-cloud.json'));
    assert.equal(valid.code, 0, valid.stderr);
    assert.ok(valid.loaded.some((url) => url.endsWith('/schema/validate.ts')), `the validator is loaded (${valid.loaded.length} modules seen)`);
    assert.deepEqual(valid.loaded.filter((url) => SERVICE_PACKAGES.test(url)), []);
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: 1, partnerId: 'acme', promotionMenu: 'no' }));
    const invalid = await cobrand('validate', join(dir, 'bad.json'));
    assert.equal(invalid.code, 1);
    assert.match(invalid.stdout + invalid.stderr, /\/promotionMenu/);
    assert.deepEqual(invalid.loaded.filter((url) => SERVICE_PACKAGES.test(url)), []);
  });

  it('--version prints the version in package.json, alone, without loading the service', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'server/package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = await cobrand(flag);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `${version}\n`);
      assert.deepEqual(result.loaded.filter((url) => SERVICE_PACKAGES.test(url)), []);
    }
  });
});
