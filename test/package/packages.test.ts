/**
 * The published workspaces as their users get them: `npm pack`, installed with --engine-strict
 * into a folder outside this repository, then used with plain Node (no tsx) and type-checked.
 * One file, so that the packs (whose prepack builds write schema/dist) never run concurrently.
 *
 * @cobrand/schema as a partner's CI gets it; @cobrand/elements as a host-page team gets it
 * (lit from the registry, the contract from its tarball).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { completeDocument, withValue } from '../helpers/documents.ts';
import { installedNames, ok, run } from './pack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA_PACKAGE = JSON.parse(await readFile(join(ROOT, 'schema/package.json'), 'utf8').catch(() => '{}')) as { version?: string };

describe('@cobrand/schema, packed and installed outside the repository', { timeout: 300_000 }, () => {
  let work: string;
  let host: string;
  let files: string[];
  let tarball: string;
  const validate = (args: string[], input?: string) => run('npx', ['--no-install', 'cobrand-validate', ...args], { cwd: host, input });

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'cobrand-schema-pack-'));
    host = join(work, 'host');
    const packed = ok(await run('npm', ['pack', '--workspace', '@cobrand/schema', '--json', '--pack-destination', work], { cwd: ROOT }), 'npm pack');
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = info!.files.map((file) => file.path);
    tarball = join(work, info!.filename);
    await mkdir(host);
    await writeFile(join(host, 'package.json'), JSON.stringify({ name: 'partner-ci', private: true, type: 'module' }));
    ok(await run('npm', ['install', '--engine-strict', '--no-package-lock', tarball], { cwd: host }), 'npm install --engine-strict');
    await writeFile(join(host, 'valid.json'), JSON.stringify(completeDocument()));
    await writeFile(join(host, 'invalid.json'), JSON.stringify(withValue(completeDocument(), '/promotionMenu/0/href', 'javascript:alert(1)')));
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships compiled JavaScript, declarations, source maps and the JSON Schema, and nothing from outside its folder', () => {
    for (const file of ['package.json', 'customization.schema.json', 'dist/index.js', 'dist/index.d.ts', 'dist/index.js.map', 'dist/validate.js', 'dist/validator.generated.js', 'dist/cli.js']) {
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
