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

  it('a COBRAND_PUBLISH_DIR that cannot be written', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    await expectFailure({ COBRAND_PUBLISH_DIR: join(file, 'public') }, /COBRAND_PUBLISH_DIR .*a-file\/public.* cannot be written/);
  });

  it('a DATABASE_URL without the password the server asks for', { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL (a PostgreSQL server that asks for a password)' }, async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.password = '';
    await expectFailure({ DATABASE_URL: url.href }, /DATABASE_URL has no password/);
  });
});
