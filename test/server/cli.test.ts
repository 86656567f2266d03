import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readyWithin } from './harness.ts';

const CLI = fileURLToPath(new URL('../../server/bin/cobrand.js', import.meta.url));

describe('cobrand serve, token, seed-demo', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cobrand-cli-'));
    env = { ...process.env, COBRAND_DATA: join(dir, 'data'), DATABASE_URL: '', PORT: '0' };
  });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  const cobrand = (...args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });

  it('prints a new token alone on standard output', async () => {
    const partner = await cobrand('token', 'create', '--role', 'partner', '--partner', 'acme');
    assert.equal(partner.code, 0, partner.stderr);
    assert.match(partner.stdout, /^cbt_[\w-]{43}\n$/);
    const reviewer = await cobrand('token', 'create', '--role', 'reviewer', '--label', 'ops');
    assert.match(reviewer.stdout, /^cbt_[\w-]{43}\n$/);
    const list = await cobrand('token', 'list');
    assert.match(list.stdout, /partner\s+acme/);
    assert.match(list.stdout, /reviewer\s+-\s+.*ops/);
    assert.doesNotMatch(list.stdout, /cbt_/, 'tokens are never shown again');
  });

  it('explains a token request it cannot serve', async () => {
    const missingPartner = await cobrand('token', 'create', '--role', 'partner');
    assert.equal(missingPartner.code, 1);
    assert.match(missingPartner.stderr, /--partner ID/);
    const badPartner = await cobrand('token', 'create', '--role', 'partner', '--partner', 'Bad ID');
    assert.equal(badPartner.code, 1);
    assert.match(badPartner.stderr, /"Bad ID" is not a partner id: use lowercase letters, digits and inner hyphens \(such as acme-cloud\)/);
    const noRole = await cobrand('token', 'create');
    assert.equal(noRole.code, 2);
    assert.match(noRole.stderr, /--role partner or --role reviewer/);
    assert.equal((await cobrand('token', 'revoke', 'nope')).code, 1);
  });

  it('serves with a fresh data directory, answers /healthz and the seeded demo, and stops cleanly on SIGTERM', async () => {
    const seed = await cobrand('seed-demo');
    assert.equal(seed.code, 0, seed.stderr);
    const reviewer = /reviewer token: (cbt_[\w-]+)/.exec(seed.stdout)![1]!;
    const server = spawn(process.execPath, [CLI, 'serve'], { env });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stderr.on('data', (chunk: Buffer) => {
        output += chunk;
        const match = /serving on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
    });
    try {
      assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok' });
      assert.equal(await readyWithin(url, 20_000), true, 'ready once the public cache is warm');
      assert.equal((await (await fetch(`${url}/v1/partners/acme-cloud/customization`)).json()).partnerId, 'acme-cloud');
      const queue = await fetch(`${url}/v1/review/queue`, { headers: { authorization: `Bearer ${reviewer}` } });
      assert.equal(queue.status, 200);
    } finally {
      const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
      server.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
    assert.equal((await cobrand('migrate')).code, 0, 'the data directory is free again');
  });
});

