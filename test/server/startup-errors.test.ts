/**
 * An operator's mistakes in the settings of `cobrand serve`: each ends the process at once
 * with exit 1 and one line that names the setting and what was wrong (no stack, no hang, no
 * crash loop).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../server/bin/cobrand.js', import.meta.url));

function serveWith(env: Record<string, string>, command = 'serve'): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, command], { env: { ...process.env, COBRAND_LOG_LEVEL: 'warn', PORT: '0', ...env }, timeout: 30_000, killSignal: 'SIGKILL' },
      (error, _stdout, stderr) => resolve({ code: child.exitCode, stderr, timedOut: Boolean(error?.killed) }));
  });
}

describe('cobrand serve: a wrong setting ends the start with one clear line', () => {
  let dir: string;
  let occupied: Server;
  let occupiedPort: number;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cobrand-startup-'));
    occupied = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => occupied.once('listening', resolve));
    occupiedPort = (occupied.address() as { port: number }).port;
  });
  after(async () => {
    occupied.close();
    await rm(dir, { recursive: true, force: true });
  });

  const expectFailure = async (env: Record<string, string>, message: RegExp, command = 'serve') => {
    const { code, stderr, timedOut } = await serveWith({ COBRAND_DATA: join(dir, 'data'), ...env }, command);
    assert.equal(timedOut, false, `still running after 30 s:\n${stderr}`);
    assert.equal(code, 1, stderr);
    assert.match(stderr, message);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  };

  it('a port in use, with public workers: no crash loop of workers', async () => {
    await expectFailure({ PORT: String(occupiedPort), COBRAND_WORKERS: '2' }, new RegExp(`EADDRINUSE.*${occupiedPort}|${occupiedPort}.*in use`));
  });

  for (const command of ['serve', 'start']) {
    it(`a port in use (cobrand ${command}): said at once, before a build or opening the store, with what to do`, async () => {
      const data = join(dir, `untouched-${command}`);
      await expectFailure({ PORT: String(occupiedPort), COBRAND_DATA: data },
        new RegExp(`cannot listen on 127\\.0\\.0\\.1:${occupiedPort}: the port is in use \\(EADDRINUSE\\): stop what uses it, or set PORT to another port`), command);
      assert.equal(existsSync(data), false, 'the store was not opened');
    });
  }

  it('a PostgreSQL server that is not there: says where it looked and why', async () => {
    await expectFailure({ DATABASE_URL: 'postgres://cobrand:secret@127.0.0.1:1/cobrand' }, /DATABASE_URL.*127\.0\.0\.1:1.*ECONNREFUSED|ECONNREFUSED.*127\.0\.0\.1:1/);
  });

  it('COBRAND_TRUST_PROXY that is not true, a hop count or addresses', async () => {
    await expectFailure({ COBRAND_TRUST_PROXY: 'banana' }, /COBRAND_TRUST_PROXY.*banana/);
  });

  it('COBRAND_WORKERS beyond what the machine can run', async () => {
    await expectFailure({ COBRAND_WORKERS: '999' }, /COBRAND_WORKERS.*at most \d+/);
    await expectFailure({ COBRAND_WORKERS: '1e1' }, /COBRAND_WORKERS must be a whole number/);
  });

  it('a COBRAND_PUBLISH_DIR that is a file', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    await expectFailure({ COBRAND_PUBLISH_DIR: file }, /COBRAND_PUBLISH_DIR .*a-file is not a directory/);
  });

  it('a COBRAND_PUBLISH_DIR that does not exist (a typo would publish where nginx never looks)', async () => {
    const missing = join(dir, 'no-such', 'public');
    await expectFailure({ COBRAND_PUBLISH_DIR: missing }, /COBRAND_PUBLISH_DIR .*no-such\/public does not exist: .*cobrand publish/);
    assert.equal(existsSync(join(dir, 'no-such')), false, 'nothing was made');
  });

  it('COBRAND_DATA that is a file, not a directory', async () => {
    const file = join(dir, 'data-file');
    await writeFile(file, '');
    await expectFailure({ COBRAND_DATA: file }, /COBRAND_DATA .*data-file is not a directory/);
  });

  it('counts that are not whole numbers, and a webhook timeout of 0', async () => {
    await expectFailure({ COBRAND_WRITES_PER_MINUTE: '1.5' }, /COBRAND_WRITES_PER_MINUTE must be a whole number of 0 or more, not "1\.5"/);
    await expectFailure({ COBRAND_WEBHOOK_TIMEOUT: '0' }, /COBRAND_WEBHOOK_TIMEOUT must be a number of seconds above 0, not "0"/);
    await expectFailure({ COBRAND_PGLITE_WORKER: 'maybe' }, /COBRAND_PGLITE_WORKER must be 0 or 1, not "maybe"/);
  });

  it('an empty setting counts as unset: PORT= is the default port, not a random one', async () => {
    await expectFailure({ PORT: '', HOST: '', COBRAND_DATA: '', COBRAND_WORKERS: '2', COBRAND_WRITES_PER_MINUTE: 'x' }, /COBRAND_WRITES_PER_MINUTE/);
    const { configFromEnv } = await import('../../server/config.ts');
    const config = configFromEnv({ PORT: '', HOST: '', COBRAND_DATA: '', COBRAND_TIME_ZONE: '', COBRAND_LOG_LEVEL: '', COBRAND_SHUTDOWN_TIMEOUT: '', COBRAND_CACHE_MAX_AGE: '' });
    assert.deepEqual([config.port, config.host, config.dataDir, config.logLevel, config.shutdownTimeoutSeconds, config.cacheMaxAgeSeconds],
      [8080, '127.0.0.1', './data', 'info', 30, 60]);
  });

  it('a DATABASE_URL with a wrong password, or naming a database that does not exist', { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL (a PostgreSQL server that asks for a password)' }, async () => {
    const wrong = new URL(process.env.TEST_DATABASE_URL!);
    wrong.password = 'not-the-password';
    await expectFailure({ DATABASE_URL: wrong.href }, /DATABASE_URL: the PostgreSQL server refused the sign-in \(password authentication failed for user "[^"]+"\): check the user name and password/);
    const missing = new URL(process.env.TEST_DATABASE_URL!);
    missing.pathname = '/cobrand_no_such_database';
    await expectFailure({ DATABASE_URL: missing.href }, /DATABASE_URL names the database "cobrand_no_such_database", which does not exist on that server: create it/);
  });

  it('a DATABASE_URL without the password the server asks for', { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL (a PostgreSQL server that asks for a password)' }, async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.password = '';
    await expectFailure({ DATABASE_URL: url.href }, /DATABASE_URL has no password/);
  });
});
