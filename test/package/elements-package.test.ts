/**
 * @cobrand/elements as a host-page team gets it: `npm pack` of the workspaces, installed with
 * --engine-strict (lit from the registry) into a folder outside this repository, then imported
 * in plain Node and type-checked from a strict TypeScript host file.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { installedNames, ok, run } from './pack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('@cobrand/elements, packed and installed outside the repository', { timeout: 300_000 }, () => {
  let work: string;
  let host: string;
  let files: string[];
  let tarballs: string[];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'cobrand-elements-pack-'));
    host = join(work, 'host');
    const packed = ok(await run('npm', ['pack', '--workspace', '@cobrand/schema', '--workspace', '@cobrand/elements', '--json', '--pack-destination', work], { cwd: ROOT }), 'npm pack');
    const infos = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
    const elements = infos.find((info) => info.name === '@cobrand/elements')!;
    files = elements.files.map((file) => file.path);
    // @cobrand/schema is not on the registry yet: its tarball satisfies the elements' dependency.
    tarballs = infos.map((info) => join(work, info.filename));
    await mkdir(host);
    await writeFile(join(host, 'package.json'), JSON.stringify({ name: 'host-page', private: true, type: 'module' }));
    ok(await run('npm', ['install', '--engine-strict', '--no-package-lock', ...tarballs], { cwd: host }), 'npm install --engine-strict');
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships ES modules with declarations and source maps, and the single-file bundle', () => {
    for (const file of ['package.json', 'dist/components/index.js', 'dist/components/index.d.ts', 'dist/components/index.js.map', 'dist/components/cobrand-console.js', 'dist/components/console/console.d.ts', 'dist/cobrand.js']) {
      assert.ok(files.includes(file), `${file} is in the tarball (${files.join(', ')})`);
    }
    assert.ok(!files.some((file) => file.startsWith('..') || file.startsWith('dist/schema/') || file === 'build.mjs'), files.join(', '));
  });

  it('depends on lit and the contract only: no service, no build tools', async () => {
    const installed = await installedNames(host);
    assert.ok(installed.includes('lit') && installed.includes('@cobrand/schema'), installed.join(', '));
    for (const name of ['fastify', '@electric-sql/pglite', 'tsx', 'esbuild', 'vite', 'typescript']) assert.ok(!installed.includes(name), `${name} is not installed`);
  });

  it('imports in plain Node without a DOM shim, with lit unbundled', async () => {
    const script = `
      const elements = await import('@cobrand/elements');
      const console_ = await import('@cobrand/elements/cobrand-console.js');
      console.log(JSON.stringify({ exports: Object.keys(elements).sort(), same: elements.CobrandConsole === console_.CobrandConsole, defined: globalThis.customElements?.get('cobrand-console') === elements.CobrandConsole }));
    `;
    const result = ok(await run(process.execPath, ['--input-type=module', '-e', script], { cwd: host }), 'import in Node');
    const out = JSON.parse(result.stdout) as { exports: string[]; same: boolean; defined: boolean };
    assert.deepEqual(out.exports, ['CobrandBrand', 'CobrandCloudMenu', 'CobrandConsole', 'CobrandOpsInfo', 'CobrandPromoMenu']);
    assert.ok(out.same);
    assert.ok(out.defined, 'importing defines the elements (with Lit’s Node shim of customElements)');
    const main = await run('grep', ['-l', 'lit-html', join(host, 'node_modules/@cobrand/elements/dist/components/index.js'), join(host, 'node_modules/@cobrand/elements/dist/components/console/console.js')]);
    assert.equal(main.stdout, '', 'the ES modules import lit; only dist/cobrand.js bundles it');
  });

  it('type-checks a strict host file: the tag, config as Customization, and the events', async () => {
    await writeFile(join(host, 'host.ts'), `
      import '@cobrand/elements';
      import type { CobrandConsole, NavigateDetail } from '@cobrand/elements';
      import type { Customization } from '@cobrand/schema';

      const bar: CobrandConsole = document.createElement('cobrand-console');
      const doc: Customization = { schemaVersion: 1, partnerId: 'acme-cloud' };
      bar.config = doc;
      bar.userName = 'Zhang Wei';
      bar.addEventListener('cobrand-navigate', (event) => {
        const href: string = event.detail.href;
        const detail: NavigateDetail = event.detail;
        if (detail.area === 'promotion' && href.startsWith('/')) event.preventDefault();
      });
      bar.addEventListener('cobrand-load', (event) => { const source: 'network' | 'cache' | 'none' = event.detail.source; void source; });
      bar.addEventListener('cobrand-error', (event) => { const fallback: 'cache' | 'default' = event.detail.fallback; void fallback; });
      document.querySelector('cobrand-console')?.setAttribute('partner', 'acme-cloud');
      // @ts-expect-error config is a Customization, not any object
      bar.config = { schemaVersion: 2 };
      export {};
    `);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    ok(await run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023,dom,dom.iterable', '--types', '', 'host.ts'], { cwd: host }), 'tsc');
  });

  it('has no packaging problems by publint (strict) and by arethetypeswrong (ESM only)', async () => {
    const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
    const publint = ok(await run(bin('publint'), ['--strict', 'components'], { cwd: ROOT }), 'publint');
    assert.match(publint.stdout, /All good/, publint.stdout);
    ok(await run(bin('attw'), ['--profile', 'esm-only', '--format', 'ascii', tarballs.find((file) => file.includes('elements'))!], { cwd: work }), 'attw');
  });
});
