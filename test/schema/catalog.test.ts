import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLOUD_MENU_AREAS, CLOUD_MENU_CATALOG, catalogEntry } from '../../schema/catalog.ts';
import { urlProblem } from '../../schema/url.ts';

describe('default cloud-menu catalog', () => {
  it('holds the entries the console shows, per area', () => {
    assert.deepEqual(CLOUD_MENU_CATALOG.info.map((entry) => entry.id), ['billing', 'enterprise', 'tools', 'tickets', 'support', 'messages', 'filing']);
    assert.deepEqual(CLOUD_MENU_CATALOG.resource.map((entry) => entry.id), ['my-resources', 'resource-packages', 'enterprise-projects', 'tag-management']);
    assert.deepEqual(CLOUD_MENU_CATALOG.account.map((entry) => entry.id), ['basic-info', 'security-settings', 'credentials', 'iam', 'switch-role', 'sign-out']);
  });

  it('has unique, schema-valid ids, both labels and safe console paths', () => {
    for (const area of CLOUD_MENU_AREAS) {
      const ids = CLOUD_MENU_CATALOG[area].map((entry) => entry.id);
      assert.equal(new Set(ids).size, ids.length, area);
      for (const entry of CLOUD_MENU_CATALOG[area]) {
        assert.match(entry.id, /^[a-z][a-z0-9-]{0,39}$/);
        assert.ok(entry.label['zh-CN'].trim() && entry.label['en-US'].trim(), entry.id);
        assert.ok(entry.path.startsWith('/') && urlProblem(entry.path) === undefined, entry.path);
      }
    }
  });

  it('marks sign-out, and only sign-out, mandatory', () => {
    assert.equal(catalogEntry('account', 'sign-out')?.mandatory, true);
    const mandatory = CLOUD_MENU_AREAS.flatMap((area) => CLOUD_MENU_CATALOG[area].filter((entry) => entry.mandatory));
    assert.deepEqual(mandatory.map((entry) => entry.id), ['sign-out']);
    assert.equal(catalogEntry('info', 'sign-out'), undefined);
  });
});
