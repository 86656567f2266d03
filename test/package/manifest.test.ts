import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = 'node_modules/.cache/manifest-check';

describe('custom-elements.json', () => {
  it('matches the JSDoc of the components (npm run build:manifest)', async () => {
    await rm(`${ROOT}${OUT}`, { recursive: true, force: true });
    await new Promise<void>((resolve, reject) => {
      execFile('npm', ['run', '--silent', 'build:manifest', '--', '--outdir', OUT, '--config', 'test/package/cem-check.config.mjs'], { cwd: ROOT }, (error, _stdout, stderr) => (error ? reject(new Error(stderr)) : resolve()));
    });
    const fresh = JSON.parse(await readFile(`${ROOT}${OUT}/custom-elements.json`, 'utf8'));
    const checkedIn = JSON.parse(await readFile(`${ROOT}custom-elements.json`, 'utf8'));
    // The analyzer lists modules in the order its file reads finish, which varies from run to run.
    assert.deepEqual(byPath(checkedIn), byPath(fresh), 'custom-elements.json is stale: run npm run build:manifest');
  });

  it('documents every element with its tag, events, parts and custom properties', async () => {
    const manifest = JSON.parse(await readFile(`${ROOT}custom-elements.json`, 'utf8')) as { modules: Array<{ declarations?: Array<Record<string, any>> }> };
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.customElement);
    assert.deepEqual(elements.map((element) => element.tagName).sort(), ['cobrand-brand', 'cobrand-cloud-menu', 'cobrand-console', 'cobrand-ops-info', 'cobrand-promo-menu']);
    const bar = elements.find((element) => element.tagName === 'cobrand-console')!;
    assert.deepEqual(bar.events.map((event: { name: string }) => event.name), ['cobrand-navigate', 'cobrand-load', 'cobrand-error']);
    assert.ok(bar.attributes.some((attribute: { name: string }) => attribute.name === 'user-name'));
    assert.ok(bar.cssParts.some((part: { name: string }) => part.name === 'bar'));
    assert.ok(bar.cssProperties.every((property: { name: string }) => property.name.startsWith('--cobrand-')));
  });
});

function byPath(manifest: { modules: Array<{ path: string }> }): unknown {
  return { ...manifest, modules: [...manifest.modules].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}
