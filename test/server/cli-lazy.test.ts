/**
 * `cobrand validate` and `cobrand --version` load neither Fastify nor PGlite (nor pg): the CLI
 * imports each command's modules only when that command runs. A module-resolution hook, given to
 * the CLI with --import, writes down every module the process resolves.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runRecordingModules, SERVICE_PACKAGES } from '../helpers/loaded-modules.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'server/bin/cobrand.js');

describe('cobrand validate and --version stay light', () => {
  let dir: string;
  let runs = 0;

  before(async () => { dir = await mkdtemp(join(tmpdir(), 'cobrand-cli-lazy-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  /** Runs the CLI on a store of its own and returns its output and every module URL it resolved. */
  const cobrand = (...args: string[]) => runRecordingModules(CLI, args, { env: { COBRAND_DATA: join(dir, `data-${++runs}`), DATABASE_URL: '' } });

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
