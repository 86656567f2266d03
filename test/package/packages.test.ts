/**
 * The published workspaces as their users get them: one `npm pack --workspaces` (each
 * package built by its prepack), the tarballs installed with --engine-strict into fresh
 * folders outside this repository, then used with plain Node (no tsx) and type-checked.
 *
 * @cobrand/schema as a partner's CI gets it; @cobrand/elements as a host-page team gets it
 * (lit from the registry, the contract from its tarball); cobrand as an operator gets it
 * (the service, the CLI, the preview app). Not on the registry yet: the tarballs stand in
 * for each other's dependencies.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { completeDocument, withValue } from '../helpers/documents.ts';
import { runRecordingModules, SERVICE_PACKAGES } from '../helpers/loaded-modules.ts';
import { installedNames, ok, packWorkspaces, run, type Packed } from './pack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA_PACKAGE = JSON.parse(await readFile(join(ROOT, 'schema/package.json'), 'utf8').catch(() => '{}')) as { version?: string };
const SERVER_PACKAGE = JSON.parse(await readFile(join(ROOT, 'server/package.json'), 'utf8').catch(() => '{}')) as { version?: string };

let packDir: string | undefined;
let packing: Promise<Map<string, Packed>> | undefined;
/** The tarball of a workspace package, from the one pack of them all. */
async function packOf(name: string): Promise<Packed> {
  packing ??= mkdtemp(join(tmpdir(), 'cobrand-pack-')).then((dir) => packWorkspaces((packDir = dir)));
  const packed = (await packing).get(name);
  assert.ok(packed, `npm pack --workspaces packed ${name}`);
  return packed;
}

/** A fresh folder with a package.json of its own and `tarballs` installed with --engine-strict. */
async function installInto(dir: string, name: string, tarballs: string[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  ok(await run('npm', ['install', '--engine-strict', '--no-package-lock', ...tarballs], { cwd: dir }), 'npm install --engine-strict');
}

after(async () => {
  if (packDir) await rm(packDir, { recursive: true, force: true });
});

describe('@cobrand/schema, packed and installed outside the repository', { timeout: 300_000 }, () => {
  let work: string;
  let host: string;
  let files: string[];
  let tarball: string;
  const validate = (args: string[], input?: string) => run('npx', ['--no-install', 'cobrand-validate', ...args], { cwd: host, input });

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'cobrand-schema-pack-'));
    host = join(work, 'host');
    ({ tarball, files } = await packOf('@cobrand/schema'));
    await installInto(host, 'partner-ci', [tarball]);
    await writeFile(join(host, 'valid.json'), JSON.stringify(completeDocument()));
    await writeFile(join(host, 'invalid.json'), JSON.stringify(withValue(completeDocument(), '/promotionMenu/0/href', 'javascript:alert(1)')));
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships compiled JavaScript, declarations, source maps and the JSON Schema, and nothing from outside its folder', () => {
    for (const file of ['package.json', 'README.md', 'customization.schema.json', 'dist/index.js', 'dist/index.d.ts', 'dist/index.js.map', 'dist/validate.js', 'dist/validator.generated.js', 'dist/cli.js']) {
      assert.ok(files.includes(file), `${file} is in the tarball (${files.join(', ')})`);
    }
    assert.ok(!files.some((file) => file.startsWith('..') || file.includes('node_modules')), files.join(', '));
    assert.ok(!files.includes('generate.ts') && !files.includes('dist/generate.js'), 'the generator (ajv, json-schema-to-typescript) stays in the repository');
  });

  it('has no packaging problems by publint (strict) and by arethetypeswrong (ESM only)', async () => {
    const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
    const publint = ok(await run(bin('publint'), ['--strict', 'schema'], { cwd: ROOT }), 'publint');
    assert.match(publint.stdout, /All good/, publint.stdout);
    ok(await run(bin('attw'), ['--profile', 'esm-only', '--format', 'ascii', tarball], { cwd: work }), 'attw');
  });

  it('cobrand-validate exits 0 for a valid document', async () => {
    const { code, stdout } = await validate(['valid.json']);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /valid\.json: valid/);
  });

  it('cobrand-validate exits 1 for an invalid document and names the JSON Pointer', async () => {
    const { code, stdout } = await validate(['valid.json', 'invalid.json']);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /invalid\.json \/promotionMenu\/0\/href: .* \[url\.script-scheme\]/);
  });

  it('cobrand-validate reads standard input for -', async () => {
    const bad = await validate(['-'], await readFile(join(host, 'invalid.json'), 'utf8'));
    assert.equal(bad.code, 1, bad.stdout);
    assert.match(bad.stdout, /^- \/promotionMenu\/0\/href: /m);
    const good = await validate(['-'], await readFile(join(host, 'valid.json'), 'utf8'));
    assert.equal(good.code, 0, good.stdout);
  });

  it('cobrand-validate --format json prints one machine-readable report', async () => {
    const { code, stdout } = await validate(['--format', 'json', 'valid.json', 'invalid.json']);
    assert.equal(code, 1, stdout);
    const report = JSON.parse(stdout) as { valid: boolean; files: Array<{ file: string; valid: boolean; errors: Array<{ path: string; code: string; message: string }> }> };
    assert.equal(report.valid, false);
    assert.deepEqual(report.files.map((file) => [file.file, file.valid]), [['valid.json', true], ['invalid.json', false]]);
    assert.deepEqual(report.files[1]!.errors.map((error) => [error.path, error.code]), [['/promotionMenu/0/href', 'url.script-scheme']]);
  });

  it('cobrand-validate --version prints the package version', async () => {
    const { code, stdout } = await validate(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), SCHEMA_PACKAGE.version);
  });

  it('type-checks a strict TypeScript file that uses the types and the validator', async () => {
    await writeFile(join(host, 'check.ts'), `
      import { validateCustomization, type Customization, type ValidationError } from '@cobrand/schema';
      import type { MenuEntry } from '@cobrand/schema/types';
      const entry: MenuEntry = { id: 'backup', label: { 'zh-CN': '备份', 'en-US': 'Backup' }, href: 'https://acme.example/backup' };
      const doc: Customization = { schemaVersion: 1, partnerId: 'acme-cloud', promotionMenu: [entry] };
      const errors: ValidationError[] = validateCustomization(doc, { partnerId: 'acme-cloud' }).errors;
      export const paths: string[] = errors.map((error) => error.path);
      // @ts-expect-error schemaVersion is the literal 1
      export const wrong: Customization = { schemaVersion: 2, partnerId: 'x' };
    `);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    ok(await run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', '', 'check.ts'], { cwd: host }), 'tsc');
  });

  it('installs neither the service nor the build tools', async () => {
    const installed = await installedNames(host);
    assert.deepEqual(installed, ['@cobrand/schema']);
  });

  it('imports the validator, catalog, contrast and schema in plain Node', async () => {
    const script = `
      import { validateCustomization, CLOUD_MENU_CATALOG, pickTextColor } from '@cobrand/schema';
      import { validateCustomization as fromSubpath } from '@cobrand/schema/validate';
      import schema from '@cobrand/schema/customization.schema.json' with { type: 'json' };
      import { readFileSync } from 'node:fs';
      const valid = validateCustomization(JSON.parse(readFileSync('valid.json', 'utf8')));
      const invalid = fromSubpath(JSON.parse(readFileSync('invalid.json', 'utf8')), { partnerId: 'globex' });
      console.log(JSON.stringify({ valid: valid.valid, paths: invalid.errors.map((e) => e.path), id: schema.$id, areas: Object.keys(CLOUD_MENU_CATALOG), text: pickTextColor('#0B3D91') }));
    `;
    const result = ok(await run(process.execPath, ['--input-type=module', '-e', script], { cwd: host }), 'import');
    const out = JSON.parse(result.stdout) as { valid: boolean; paths: string[]; id: string; areas: string[]; text: unknown };
    assert.equal(out.valid, true);
    assert.deepEqual(out.paths, ['/partnerId', '/promotionMenu/0/href']);
    assert.equal(out.id, 'https://cobrand.dev/schema/customization/v1.json');
    assert.deepEqual(out.areas, ['info', 'resource', 'account']);
    assert.ok(out.text);
  });
});

describe('@cobrand/elements, packed and installed outside the repository', { timeout: 300_000 }, () => {
  let work: string;
  let host: string;
  let files: string[];
  let tarballs: string[];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'cobrand-elements-pack-'));
    host = join(work, 'host');
    const [schema, elements] = await Promise.all([packOf('@cobrand/schema'), packOf('@cobrand/elements')]);
    files = elements.files;
    tarballs = [schema.tarball, elements.tarball];
    await installInto(host, 'host-page', tarballs);
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships ES modules with declarations and source maps, and the single-file bundle', () => {
    for (const file of ['package.json', 'README.md', 'dist/components/index.js', 'dist/components/index.d.ts', 'dist/components/index.js.map', 'dist/components/cobrand-console.js', 'dist/components/console/console.d.ts', 'dist/cobrand.js', 'custom-elements.json']) {
      assert.ok(files.includes(file), `${file} is in the tarball (${files.join(', ')})`);
    }
    assert.ok(!files.some((file) => file.startsWith('..') || file.startsWith('dist/schema/') || file === 'build.mjs'), files.join(', '));
  });

  it('points its customElements field at the Custom Elements Manifest it ships', async () => {
    const folder = join(host, 'node_modules/@cobrand/elements');
    const { customElements } = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as { customElements?: string };
    assert.equal(customElements, 'custom-elements.json');
    const manifest = JSON.parse(await readFile(join(folder, customElements), 'utf8')) as { modules: Array<{ path: string }> };
    assert.ok(manifest.modules.some((module) => module.path === 'console/console.ts'), 'module paths are the package’s own');
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

  it('gives React 19 hosts typed wrappers: config as Customization, events as onNavigate, onLoad, onError', async () => {
    ok(await run('npm', ['install', '--engine-strict', '--no-package-lock', 'react@19', 'react-dom@19', '@types/react@19', '@types/react-dom@19'], { cwd: host }), 'npm install react');
    await writeFile(join(host, 'app.tsx'), `
      import { CobrandConsole } from '@cobrand/elements/react';
      import type { Customization } from '@cobrand/schema';

      const doc: Customization = { schemaVersion: 1, partnerId: 'acme-cloud' };
      export const App = () => (
        <CobrandConsole config={doc} lang="zh-CN" userName="Zhang Wei"
          onNavigate={(event) => { const href: string = event.detail.href; if (href.startsWith('/')) event.preventDefault(); }}
          onLoad={(event) => { const source: 'network' | 'cache' | 'none' = event.detail.source; void source; }}
          onError={(event) => { const fallback: 'cache' | 'default' = event.detail.fallback; void fallback; }} />
      );
      // @ts-expect-error config is a Customization
      export const Wrong = () => <CobrandConsole config={{ schemaVersion: 2 }} />;
    `);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    ok(await run(process.execPath, [tsc, '--noEmit', '--strict', '--jsx', 'react-jsx', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2023,dom,dom.iterable', '--types', '', 'app.tsx'], { cwd: host }), 'tsc');
    const script = `
      const React = await import('react');
      const { renderToString } = await import('react-dom/server');
      const { CobrandConsole } = await import('@cobrand/elements/react');
      console.log(renderToString(React.createElement(CobrandConsole, { partner: 'acme-cloud', lang: 'en-US' })));
    `;
    const rendered = ok(await run(process.execPath, ['--input-type=module', '-e', script], { cwd: host }), 'render in Node');
    // @lit/react sets props as properties once mounted; on the server it renders the tag itself.
    assert.match(rendered.stdout, /^<cobrand-console[\s>]/);
  });

  it('has no packaging problems by publint (strict) and by arethetypeswrong (ESM only)', async () => {
    const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
    const publint = ok(await run(bin('publint'), ['--strict', 'components'], { cwd: ROOT }), 'publint');
    assert.match(publint.stdout, /All good/, publint.stdout);
    ok(await run(bin('attw'), ['--profile', 'esm-only', '--format', 'ascii', tarballs.find((file) => file.includes('elements'))!], { cwd: work }), 'attw');
  });
});

describe('cobrand (the service and CLI), packed and installed outside the repository', { timeout: 300_000 }, () => {
  let work: string;
  let host: string;
  let files: string[];
  const servers: ChildProcess[] = [];
  const cobrand = (args: string[], input?: string) => run('npx', ['--no-install', 'cobrand', ...args], { cwd: host, input });

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'cobrand-server-pack-'));
    host = join(work, 'operator');
    const packs = await Promise.all(['@cobrand/schema', '@cobrand/elements', 'cobrand'].map(packOf));
    files = packs[2]!.files;
    await installInto(host, 'operator', packs.map((pack) => pack.tarball));
    await writeFile(join(host, 'valid.json'), JSON.stringify(completeDocument()));
    await writeFile(join(host, 'invalid.json'), JSON.stringify(withValue(completeDocument(), '/promotionMenu/0/href', 'javascript:alert(1)')));
  });

  after(async () => {
    await Promise.all(servers.map(stopGroup));
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships the compiled service, what it reads by path and the prebuilt preview app; no TypeScript sources', () => {
    for (const file of ['package.json', 'README.md', 'bin/cobrand.js', 'dist/service/cli.js', 'dist/service/cli.js.map', 'dist/service/images.js', 'store/pglite-worker.mjs', 'image-worker.mjs', 'store/migrations/001_workflow.sql', 'dist/preview/index.html', 'dist/preview/review.html', 'dist/preview/demo.html',
      // What an operator or host developer reads, with the tested nginx configuration: an npm user has no repository.
      'docs/api.md', 'docs/embedding.md', 'docs/review.md', 'docs/scaling.md', 'docs/schema.md', 'docs/deploy/nginx-publish.conf']) {
      assert.ok(files.includes(file), `${file} is in the tarball (${files.join(', ')})`);
    }
    assert.deepEqual(files.filter((file) => file.endsWith('.ts')), [], 'no TypeScript sources ship');
    assert.ok(!files.some((file) => file.startsWith('..') || file.includes('node_modules') || file === 'build.mjs'), files.join(', '));
  });

  it('takes the contract and the embed bundle from its dependencies, not from copies of its own', async () => {
    assert.ok(!files.includes('dist/cobrand.js') && !files.some((file) => file.endsWith('customization.schema.json')), files.join(', '));
    const cli = await readFile(join(host, 'node_modules/cobrand/dist/service/cli.js'), 'utf8');
    assert.match(cli, /from "@cobrand\/schema\/cli"/);
  });

  it('installs with the engines of every dependency admitting this Node, and no tsx, vite or esbuild', async () => {
    const installed = await installedNames(host);
    assert.ok(installed.includes('cobrand') && installed.includes('fastify') && installed.includes('@cobrand/elements'), installed.join(', '));
    for (const name of ['tsx', 'vite', 'esbuild', 'typescript']) assert.ok(!installed.includes(name), `${name} is not installed (${installed.join(', ')})`);
    const manifest = async (path: string) => JSON.parse(await readFile(join(host, 'node_modules', path, 'package.json'), 'utf8')) as { version: string };
    // The two that required Node >= 22 before: content-disposition 3 (through @fastify/static) and cookie 2 (through light-my-request).
    const contentDisposition = await manifest('content-disposition').catch(() => manifest('@fastify/static/node_modules/content-disposition'));
    assert.match(contentDisposition.version, /^2\./);
    assert.match((await manifest('cookie')).version, /^1\./);
  });

  it('has no packaging problems by publint (strict)', async () => {
    const publint = ok(await run(join(ROOT, 'node_modules/.bin/publint'), ['--strict', 'server'], { cwd: ROOT }), 'publint');
    assert.match(publint.stdout, /All good/, publint.stdout);
  });

  it('cobrand --version prints the version with plain Node', async () => {
    const { stdout } = ok(await cobrand(['--version']), 'cobrand --version');
    assert.equal(stdout.trim(), SERVER_PACKAGE.version);
  });

  it('cobrand validate reads standard input and prints JSON for CI, loading neither Fastify nor PGlite', async () => {
    const bin = join(host, 'node_modules/cobrand/bin/cobrand.js');
    const invalid = await runRecordingModules(bin, ['validate', '-'], { cwd: host, input: await readFile(join(host, 'invalid.json'), 'utf8') });
    assert.equal(invalid.code, 1, invalid.stdout + invalid.stderr);
    assert.match(invalid.stdout, /^- \/promotionMenu\/0\/href: .* \[url\.script-scheme\]/m);
    assert.ok(invalid.loaded.some((url) => url.includes('/node_modules/@cobrand/schema/dist/')), 'the validator of @cobrand/schema is loaded (control)');
    assert.deepEqual(invalid.loaded.filter((url) => SERVICE_PACKAGES.test(url)), []);
    const json = await cobrand(['validate', '--format', 'json', 'valid.json', 'invalid.json']);
    assert.equal(json.code, 1, json.stdout + json.stderr);
    const report = JSON.parse(json.stdout) as { valid: boolean; files: Array<{ file: string; valid: boolean }> };
    assert.deepEqual(report.files.map((file) => [file.file, file.valid]), [['valid.json', true], ['invalid.json', false]]);
  });

  it('the image worker reads an image with plain Node, from the compiled image reader', async () => {
    // The pool falls back to the main thread when its worker cannot start, so an upload alone would not tell.
    const script = `
      import { Worker } from 'node:worker_threads';
      const root = new URL('./node_modules/cobrand/', 'file://' + process.cwd() + '/');
      const worker = new Worker(new URL('image-worker.mjs', root), { execArgv: [], workerData: { images: new URL('dist/service/images.js', root).href } });
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#0B3D91"/></svg>';
      worker.on('error', (error) => { console.error(error); process.exit(1); });
      worker.on('message', (message) => {
        if (message.ready) return worker.postMessage({ id: 1, bytes: new TextEncoder().encode(svg) });
        console.log(JSON.stringify({ type: message.image?.contentType, width: message.image?.width, error: message.error }));
        void worker.terminate();
      });
    `;
    const result = ok(await run(process.execPath, ['--input-type=module', '-e', script], { cwd: host }), 'image worker');
    assert.deepEqual(JSON.parse(result.stdout), { type: 'image/svg+xml', width: 120 });
  });

  /**
   * `npx cobrand <command>` in the operator's folder on a store of its own, once it prints
   * its address. PORT=0: the system picks a free port (a port probed free beforehand may be
   * taken by the time npx has started the service, on a busy machine).
   */
  async function serveWith(command: string, address: RegExp): Promise<{ base: string; output: () => string }> {
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const child = spawn('npx', ['--no-install', 'cobrand', command], { cwd: host, env: { ...env, PORT: '0', COBRAND_DATA: join(work, `data-${command}`), DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    servers.push(child);
    let output = '';
    child.stdout!.on('data', (chunk) => { output += String(chunk); });
    child.stderr!.on('data', (chunk) => { output += String(chunk); });
    const deadline = Date.now() + 60_000;
    while (!address.test(output)) {
      assert.equal(child.exitCode, null, `cobrand ${command} exited:\n${output}`);
      assert.ok(Date.now() < deadline, `cobrand ${command} did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { base: address.exec(output)![1]!, output: () => output };
  }

  it('npx cobrand start serves the API, the preview app, the demo landing and the embed bundle of @cobrand/elements', async () => {
    const { base, output: log } = await serveWith('start', /running on (http:\S+)[\s\S]*Stop with Ctrl\+C\./);
    const output = log();
    assert.doesNotMatch(output, /building/, 'an installed package serves what was prebuilt');
    for (const path of ['/healthz', '/', '/review', '/demo?partner=acme-cloud', '/cobrand.js', '/v1/partners/acme-cloud/customization']) {
      const response = await fetch(base + path);
      assert.equal(response.status, 200, `${path}: ${response.status}\n${output}`);
      await response.arrayBuffer();
    }
    // The compiled service renders the pre-rendered bar with the installed @cobrand/elements and @lit-labs/ssr.
    const bar = await (await fetch(`${base}/v1/partners/acme-cloud/bar.html?lang=zh-CN`)).text();
    assert.match(bar, /^<cobrand-console partner="acme-cloud" [^>]*lang="zh-CN"><template shadowroot/, bar.slice(0, 300));
    const embed = await fetch(`${base}/cobrand.js`);
    assert.match(embed.headers.get('content-type') ?? '', /javascript/);
    assert.equal(await embed.text(), await readFile(join(host, 'node_modules/@cobrand/elements/dist/cobrand.js'), 'utf8'));
  });

  it('npx cobrand serve serves the API and the embed bundle for host pages', async () => {
    const { base, output } = await serveWith('serve', /serving on (http:\S+)/);
    for (const path of ['/healthz', '/cobrand.js']) {
      const response = await fetch(base + path);
      assert.equal(response.status, 200, `${path}: ${response.status}\n${output()}`);
      await response.arrayBuffer();
    }
  });
});

/** npx runs cobrand as a child of its own: stop the whole process group, or the server outlives the test and holds its pipes open. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}
