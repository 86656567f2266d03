import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { withPackLock } from './pack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = `${ROOT}node_modules/.cache/manifest-check`;
const MANIFEST = `${ROOT}components/custom-elements.json`;

describe('custom-elements.json of @cobrand/elements', () => {
  it('matches the JSDoc of the components (npm run build --workspace @cobrand/elements)', async () => {
    await rm(OUT, { recursive: true, force: true });
    await new Promise<void>((resolve, reject) => {
      execFile('npm', ['run', '--silent', 'build:manifest', '--workspace', '@cobrand/elements', '--', '--outdir', '../node_modules/.cache/manifest-check', '--config', '../test/package/cem-check.config.mjs'], { cwd: ROOT }, (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve()));
    });
    const fresh = JSON.parse(await readFile(`${OUT}/custom-elements.json`, 'utf8'));
    const checkedIn = await readManifest();
    // The analyzer lists modules in the order its file reads finish, which varies from run to run.
    assert.deepEqual(byPath(checkedIn), byPath(fresh), 'components/custom-elements.json is stale: run npm run build');
  });

  it('documents every element with its tag, events, parts and custom properties', async () => {
    const manifest = await readManifest() as { modules: Array<{ declarations?: Array<Record<string, any>> }> };
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement);
    assert.deepEqual(elements.map((element) => element.tagName).sort(), ['cobrand-brand', 'cobrand-cloud-menu', 'cobrand-console', 'cobrand-ops-info', 'cobrand-promo-menu']);
    const bar = elements.find((element) => element.tagName === 'cobrand-console')!;
    assert.deepEqual(bar.events.map((event: { name: string }) => event.name), ['cobrand-navigate', 'cobrand-load', 'cobrand-error']);
    for (const element of elements) {
      for (const event of element.events ?? []) assert.match(event.name, /^cobrand-[a-z-]+$/, `${element.tagName} lists an event named ${event.name}`);
    }
    assert.ok(bar.attributes.some((attribute: { name: string }) => attribute.name === 'user-name'));
    assert.ok(bar.cssParts.some((part: { name: string }) => part.name === 'bar'));
    assert.ok(bar.cssProperties.every((property: { name: string }) => property.name.startsWith('--cobrand-')));
  });
});

/** The committed manifest, read while no pack's build (packages.test.ts) is rewriting it. */
async function readManifest(): Promise<any> {
  return withPackLock(async () => JSON.parse(await readFile(MANIFEST, 'utf8')));
}

function byPath(manifest: { modules: Array<{ path: string }> }): unknown {
  return { ...manifest, modules: [...manifest.modules].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
