/** `cobrand start` rebuilds the preview app and the embed bundle only in a clone of the repository. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildIfStale, inRepository } from '../../server/commands/build.ts';

describe('buildIfStale', () => {
  let installed: string;
  let outputs: string[];
  before(async () => {
    // An installed package: sources of the schema and components ship, the preview app's do not.
    installed = await mkdtemp(join(tmpdir(), 'cobrand-installed-'));
    for (const dir of ['schema', 'components', 'dist/preview']) await mkdir(join(installed, dir), { recursive: true });
    outputs = [join(installed, 'dist/cobrand.js'), join(installed, 'dist/preview/index.html')];
    for (const file of outputs) {
      await writeFile(file, '');
      await utimes(file, new Date(0), new Date(0)); // older than every source: a clone would rebuild
    }
    await writeFile(join(installed, 'components/index.ts'), '');
  });
  after(async () => { await rm(installed, { recursive: true, force: true }); });

  it('knows the repository from an installed package', () => {
    assert.equal(inRepository(fileURLToPath(new URL('../../', import.meta.url))), true);
    assert.equal(inRepository(installed), false);
  });

  it('serves what an installed package has prebuilt, however old, without building', async () => {
    const lines: string[] = [];
    await buildIfStale((line) => lines.push(line), { root: installed, outputs });
    assert.deepEqual(lines, []);
  });

  it('in a clone, takes what the workspaces build into their folders (dist/, custom-elements.json) for no source', async () => {
    const clone = await mkdtemp(join(tmpdir(), 'cobrand-clone-'));
    try {
      for (const dir of ['schema', 'components/dist', 'preview', 'server/dist/preview']) await mkdir(join(clone, dir), { recursive: true });
      for (const file of ['vite.config.ts', 'schema/index.ts', 'components/index.ts', 'preview/index.html']) {
        await writeFile(join(clone, file), '');
        await utimes(join(clone, file), new Date(1000), new Date(1000));
      }
      const built = [join(clone, 'components/dist/cobrand.js'), join(clone, 'server/dist/preview/index.html')];
      for (const file of built) {
        await writeFile(file, '');
        await utimes(file, new Date(2000), new Date(2000));
      }
      // Written after the bundle by the same build of @cobrand/elements.
      await writeFile(join(clone, 'components/custom-elements.json'), '{}');
      await writeFile(join(clone, 'components/dist/index.js'), '');
      for (const dir of ['schema', 'components', 'components/dist', 'preview']) await utimes(join(clone, dir), new Date(1000), new Date(1000));
      const lines: string[] = [];
      await buildIfStale((line) => lines.push(line), { root: clone, outputs: built });
      assert.deepEqual(lines, []);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  it('says what is missing when an installed package has no prebuilt app', async () => {
    await assert.rejects(buildIfStale(() => {}, { root: installed, outputs: [...outputs, join(installed, 'dist/preview/missing.html')] }), /prebuilt preview app is missing .*missing\.html.*npm run build/);
  });
});
