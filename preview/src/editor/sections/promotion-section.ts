import { customElement } from 'lit/decorators.js';
import { entryList } from '../menu-fields.ts';
import { SECTION_SHAPES } from '../form-shape.ts';
import { EditorSection } from './section.ts';

/** The partner promotion menu: entries with one level of sub-entries. */
@customElement('cobrand-promotion-section')
export class CobrandPromotionSection extends EditorSection {
  protected override render() {
    const { t } = this.context.i18n;
    return this.fieldSection('promotion', t('promotion'), SECTION_SHAPES.promotion, () => entryList(this.context, '/promotionMenu', { withChildren: true, withWindow: true, addLabel: t('addEntry') }));
  }
}
