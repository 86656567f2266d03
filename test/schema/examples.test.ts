/** The example documents: each names the schema, so an editor that opens or copies one completes and explains it, and each is valid. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import schema from '../../schema/customization.schema.json' with { type: 'json' };
import { validateCustomization } from '../../schema/validate.ts';

const folder = new URL('../../schema/examples/', import.meta.url);
const examples = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();

describe('schema/examples', () => {
  it('has examples (the complete and the minimal one the docs name, at least)', () => {
    for (const name of ['acme-cloud.json', 'minimal.json']) assert.ok(examples.includes(name), name);
  });

  for (const name of examples) {
    it(`${name} carries "$schema" (the schema's $id) and is valid`, () => {
      const document = JSON.parse(readFileSync(new URL(name, folder), 'utf8'));
      assert.equal(document.$schema, schema.$id);
      assert.equal(Object.keys(document)[0], '$schema', 'first, where editors and readers look for it');
      assert.deepEqual(validateCustomization(document).errors, []);
    });
  }
});
