import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrastRatio, DARK_TEXT, LIGHT_TEXT, pickTextColor, relativeLuminance } from '../../schema/contrast.ts';

describe('contrast', () => {
  it('computes WCAG relative luminance and ratios', () => {
    assert.equal(relativeLuminance('#000000'), 0);
    assert.equal(relativeLuminance('#FFFFFF'), 1);
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#FFFFFF', '#FFFFFF'), 1);
    assert.equal(Math.round(contrastRatio('#767676', '#FFFFFF') * 100) / 100, 4.54);
  });

  it('picks light text on dark bars and dark text on light bars', () => {
    assert.equal(pickTextColor('#0B3D91').color, LIGHT_TEXT);
    assert.equal(pickTextColor('#F5F5F5').color, DARK_TEXT);
    assert.equal(pickTextColor('#FFD700').color, DARK_TEXT);
  });

  it('reports whether the chosen colour reaches AA, never rounding 4.49 up', () => {
    const grey = pickTextColor('#808080');
    assert.equal(grey.meetsAA, false);
    assert.ok(grey.lightRatio < 4.5 && grey.darkRatio < 4.5);
    assert.equal(pickTextColor('#767676').meetsAA, true);
    assert.equal(pickTextColor('#777777').meetsAA, false, '#777777 on white is 4.47:1');
  });

  it('refuses strings that are not #RRGGBB', () => {
    assert.throws(() => relativeLuminance('#FFF'), RangeError);
    assert.throws(() => relativeLuminance('red'), RangeError);
  });
});
