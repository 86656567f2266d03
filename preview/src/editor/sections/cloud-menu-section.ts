import { html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { AREA_LABELS, CLOUD_MENU_AREAS, CLOUD_MENU_CATALOG, type CloudMenuAreaId } from '../../../../schema/catalog.ts';
import { getAt } from '../../shared/pointer.ts';
import { errorText, fieldId } from '../fields.ts';
import { entryList } from '../menu-fields.ts';
import { SECTION_SHAPES } from '../form-shape.ts';
import { EditorSection } from './section.ts';

/** The cloud menu: per area, which catalog entries show and the entries added; then whole custom menus. */
@customElement('cobrand-cloud-menu-section')
export class CobrandCloudMenuSection extends EditorSection {
  protected override render() {
    const { t, lang } = this.context.i18n;
    return this.fieldSection('cloudMenu', t('cloudMenu'), SECTION_SHAPES.cloudMenu, () => html`
      ${CLOUD_MENU_AREAS.map((area) => this.renderArea(area, lang))}
      <h3>${AREA_LABELS.custom[lang]}</h3>
      ${entryList(this.context, '/cloudMenu/custom', { withChildren: true, addLabel: t('addMenu') })}`);
  }

  private renderArea(area: CloudMenuAreaId, lang: 'zh-CN' | 'en-US'): TemplateResult {
    const context = this.context;
    const { t } = context.i18n;
    const hiddenPath = `/cloudMenu/${area}/hidden`;
    const hidden = new Set((getAt(context.doc, hiddenPath) as unknown[] | undefined) ?? []);
    const toggle = (id: string, shown: boolean) => {
      const next = CLOUD_MENU_CATALOG[area].map((entry) => entry.id).filter((candidate) => (candidate === id ? !shown : hidden.has(candidate)));
      context.set(hiddenPath, next.length ? next : undefined);
    };
    return html`<fieldset data-path="/cloudMenu/${area}" tabindex="-1"><legend>${AREA_LABELS[area][lang]}</legend>
      <div class="catalog" data-path=${hiddenPath} tabindex="-1" role="group" aria-label="${AREA_LABELS[area][lang]}: ${t('show')}">
        ${CLOUD_MENU_CATALOG[area].map((entry) => html`<label>
          <input type="checkbox" .checked=${entry.mandatory ? true : !hidden.has(entry.id)} ?disabled=${entry.mandatory}
            @change=${(event: Event) => toggle(entry.id, (event.target as HTMLInputElement).checked)}>
          ${entry.label[lang]}${entry.mandatory ? html` <span class="hint">(${t('mandatory')})</span>` : nothing}</label>`)}
      </div>
      ${errorText(fieldId(hiddenPath), [...context.errors].filter(([path]) => path.startsWith(`${hiddenPath}/`)).map(([, message]) => message).join(' ') || undefined)}
      <h3>${t('customEntries')}</h3>
      ${entryList(context, `/cloudMenu/${area}/custom`, { withChildren: false, addLabel: t('addEntry') })}
    </fieldset>`;
  }
}
