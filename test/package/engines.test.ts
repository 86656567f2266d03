/**
 * `engines` is true: the root package's production dependencies install with
 * `npm install --engine-strict` on this Node (the engines field says >= 20.19; the machine has
 * 20.20). Needs the npm registry.
 *
 * What is packed is the root package.json alone, in a temporary folder: the dependencies and
 * engines are all that the install reads, and packing the whole root would read schema/dist
 * while packages.test.ts's pack of @cobrand/schema rebuilds it (test files may run concurrently).
 * Root `overrides` do not apply to an installed tarball, so this catches what they would hide.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ok, run } from './pack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('cobrand, packed and installed with --engine-strict', { timeout: 300_000 }, () => {
  let work: string;
  let host: string;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'cobrand-engines-'));
    const source = join(work, 'source');
    host = join(work, 'host');
    await mkdir(source);
    await mkdir(host);
    await copyFile(join(ROOT, 'package.json'), join(source, 'package.json'));
    const packed = ok(await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: source }), 'npm pack');
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string }>;
    await writeFile(join(host, 'package.json'), JSON.stringify({ name: 'engine-check', private: true }));
    ok(await run('npm', ['install', '--engine-strict', '--no-package-lock', '--ignore-scripts', join(work, info!.filename)], { cwd: host }), 'npm install --engine-strict');
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('installs every production dependency, each of whose engines admits this Node', async () => {
    const installed = await readdir(join(host, 'node_modules'));
    for (const name of ['cobrand', 'fastify', '@fastify']) assert.ok(installed.includes(name), `${name} is installed (${installed.join(', ')})`);
    const manifest = async (path: string) => JSON.parse(await readFile(join(host, 'node_modules', path, 'package.json'), 'utf8')) as { version: string; engines?: { node?: string } };
    // The two that required Node >= 22 before: content-disposition 3 (through @fastify/static) and cookie 2 (through light-my-request).
    const contentDisposition = await manifest('content-disposition').catch(() => manifest('@fastify/static/node_modules/content-disposition'));
    assert.match(contentDisposition.version, /^2\./);
    assert.match((await manifest('cookie')).version, /^1\./);
  });
});
