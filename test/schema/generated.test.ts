import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { generatedFiles } from '../../schema/generate.ts';

describe('generated files', () => {
  for (const [file, generate] of Object.entries(generatedFiles)) {
    it(`schema/${file} matches customization.schema.json (npm run generate)`, async () => {
      const checkedIn = await readFile(new URL(`../../schema/${file}`, import.meta.url), 'utf8');
      assert.equal(checkedIn, await generate());
    });
  }

  it('the standalone validator needs no eval and no runtime module', async () => {
    const code = await readFile(new URL('../../schema/validator.generated.ts', import.meta.url), 'utf8');
    assert.doesNotMatch(code, /\brequire\(|new Function|\beval\(/);
  });
});
