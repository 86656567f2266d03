import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { getAt } from '../../shared/pointer.ts';
import { errorText, fieldId, textField } from '../fields.ts';
import { windowFields } from '../window-fields.ts';
import { SECTION_SHAPES } from '../form-shape.ts';
import { EditorSection } from './section.ts';

/** Operations information: the partner's contact details and an announcement. */
@customElement('cobrand-operations-section')
export class CobrandOperationsSection extends EditorSection {
  protected override render() {
    const context = this.context;
    const { t } = context.i18n;
    const level = getAt(context.doc, '/operations/announcement/level');
    return this.fieldSection('operations', t('operations'), SECTION_SHAPES.operations, () => html`
      <fieldset data-path="/operations/contact" tabindex="-1"><legend>${t('contact')}</legend>
        ${errorText(fieldId('/operations/contact'), context.errorAt('/operations/contact'))}
        <div class="row">${textField(context, '/operations/contact/phone', t('phone'), { type: 'tel', placeholder: '+86 400 000 0000' })}
          ${textField(context, '/operations/contact/email', t('email'), { type: 'email' })}</div>
        <div class="row">${textField(context, '/operations/contact/hours/zh-CN', t('hoursZh'))}
          ${textField(context, '/operations/contact/hours/en-US', t('hoursEn'))}</div>
        ${textField(context, '/operations/contact/href', t('supportPage'), { type: 'url', placeholder: 'https://' })}
      </fieldset>
      <fieldset data-path="/operations/announcement" tabindex="-1"><legend>${t('announcement')}</legend>
        ${errorText(fieldId('/operations/announcement'), context.errorAt('/operations/announcement'))}
        ${textField(context, '/operations/announcement/text/zh-CN', t('textZh'))}
        ${textField(context, '/operations/announcement/text/en-US', t('textEn'))}
        <div class="row">${textField(context, '/operations/announcement/href', t('link'), { type: 'url', placeholder: 'https://' })}
          <div class="field"><label for="announcement-level">${t('level')}</label>
            <select id="announcement-level" data-path="/operations/announcement/level" @change=${(event: Event) => context.set('/operations/announcement/level', (event.target as HTMLSelectElement).value)}>
              ${(['info', 'warning', 'critical'] as const).map((value) => html`<option value=${value} ?selected=${(level ?? 'info') === value}>${t(value)}</option>`)}
            </select></div></div>
        ${windowFields(context, '/operations/announcement')}
      </fieldset>`);
  }
}
