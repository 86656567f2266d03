import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { DARK_TEXT, isHexColor, pickTextColor } from '../../../../schema/contrast.ts';
import { errorNotice } from '../../shared/notice.ts';
import { fieldName } from '../../shared/labels.ts';
import { getAt, setAt } from '../../shared/pointer.ts';
import { SettledLogos } from '../../shared/settled-logos.ts';
import { errorText, fieldId, textField } from '../fields.ts';
import { SECTION_SHAPES } from '../form-shape.ts';
import { EditorSection } from './section.ts';

interface ImageSize { width: number; height: number }

const UPLOADED_IMAGE = /^\/assets\/[0-9a-f]{64}$/;

/** `doc` with the logo at `base` given `size`, or none. */
const withSize = <T>(doc: T, base: string, size: ImageSize | undefined): T =>
  setAt(setAt(doc, `${base}/width`, size?.width), `${base}/height`, size?.height);

/** The image types the service takes (server/images.ts): anything else is refused here, in words, before it is sent. */
const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'];
/** The service's limits for an uploaded image (server/images.ts), shown before anyone hits them. */
export const UPLOAD_MAX_BYTES = 512 * 1024;
export const UPLOAD_MAX_SIDE = 4096;

/** The dual brand: a logo per language (upload or URL, link, name read aloud) and the bar colour with its contrast. */
@customElement('cobrand-brand-section')
export class CobrandBrandSection extends EditorSection {
  /** Why the last upload of a language's logo failed, shown beside its button (not at the top of a long form). */
  @state() private uploadErrors: Record<string, string> = {};
  /** The https address typed last per language, until it loads in the thumbnail and its size is known. */
  private readonly typedImages = new Map<string, string>();
  /** The size of each image address seen with one in this session. */
  private readonly knownSizes = new Map<string, ImageSize>();
  /** The document as the thumbnails draw it: a logo address being typed waits for typing to pause, as in the preview. */
  private readonly settled = new SettledLogos(this, () => this.context?.doc ?? null);

  protected override render() {
    const context = this.context;
    const { t } = context.i18n;
    const background = getAt(context.doc, '/brand/navBackground');
    const colour = typeof background === 'string' && isHexColor(background) ? background : '';
    const choice = colour ? pickTextColor(colour) : undefined;
    const colourError = context.errorAt('/brand/navBackground');
    return this.fieldSection('brand', t('brand'), SECTION_SHAPES.brand, () => html`
      ${(['zh-CN', 'en-US'] as const).map((lang) => {
        const base = `/brand/logos/${lang}`;
        const src = getAt(this.settled.shown, `${base}/src`);
        // Only a whole asset name: a half-typed one would be a request the service refuses (400).
        const shown = typeof src === 'string' && (UPLOADED_IMAGE.test(src) || src.startsWith('https://')) ? src : '';
        const uploadId = `upload-${lang}`;
        return html`<fieldset data-path=${base} tabindex="-1"><legend>${t(lang === 'zh-CN' ? 'logoZh' : 'logoEn')}</legend>
          ${errorText(fieldId(base), this.logoError(base))}
          <div class="logo-row">
            <div>
              <div class="thumb" style=${colour ? `--thumb-bg:${colour}` : ''}>${shown ? html`<img src=${shown} alt="" @load=${(event: Event) => this.recordTypedSize(lang, event.target as HTMLImageElement)}>` : nothing}</div>
              <input id=${uploadId} class="visually-hidden file" type="file" accept=${UPLOAD_TYPES.join(',')} @change=${(event: Event) => this.upload(lang, event)}>
              <label class="button" for=${uploadId} style="margin-top:6px" aria-describedby=${this.uploadErrors[lang] ? `${uploadId}-limits ${uploadId}-error` : `${uploadId}-limits`}>${t('upload')}</label>
              <p class="hint" id="${uploadId}-limits">${t('uploadLimits', { kb: UPLOAD_MAX_BYTES / 1024, side: UPLOAD_MAX_SIDE })}</p>
              ${this.uploadErrors[lang] ? html`<p class="error" id="${uploadId}-error" role="alert">${this.uploadErrors[lang]}</p>` : nothing}
            </div>
            <div>
              ${textField(context, `${base}/src`, t('image'), { type: 'url', onValue: (typed) => this.setImage(lang, typed) })}
              <div class="row">${textField(context, `${base}/href`, t('link'), { type: 'url', placeholder: 'https://' })}
                ${textField(context, `${base}/alt`, t('altText'))}</div>
            </div>
          </div>
        </fieldset>`;
      })}
      <div class="field" style="margin-top:12px">
        <label for=${fieldId('/brand/navBackground')}>${t('barColour')}</label>
        <div class="colour">
          <input type="color" aria-label=${t('pickBarColour')} .value=${colour || '#252b3a'}
            @input=${(event: Event) => context.set('/brand/navBackground', (event.target as HTMLInputElement).value.toUpperCase())}>
          <input type="text" id=${fieldId('/brand/navBackground')} data-path="/brand/navBackground" .value=${typeof background === 'string' ? background : ''}
            placeholder="#0B3D91" maxlength="32" aria-invalid=${colourError ? 'true' : 'false'}
            aria-describedby="colour-hint contrast-readout ${colourError ? `${fieldId('/brand/navBackground')}-error` : ''}"
            @input=${(event: Event) => context.set('/brand/navBackground', (event.target as HTMLInputElement).value || undefined)}
            @change=${(event: Event) => {
              const typed = (event.target as HTMLInputElement).value;
              context.set('/brand/navBackground', normaliseColour(typed) ?? (typed || undefined));
            }}>
        </div>
        <span class="hint" id="colour-hint">${t('colourHint')}</span>
        <div class="readout" id="contrast-readout">${choice ? html`
          <span class="swatch" style="background:${colour};color:${choice.color}">Aa 控制台</span>
          <span>${t('contrast', { color: t(choice.color === DARK_TEXT ? 'dark' : 'white'), ratio: choice.ratio })} —
            <strong>${t(choice.meetsAA ? 'meetsAA' : 'failsAA')}</strong></span>` : nothing}</div>
        ${errorText(fieldId('/brand/navBackground'), colourError)}
      </div>`);
  }

  /** The logo's own error, or its size's, which has no field of its own and so is named. */
  private logoError(base: string): string | undefined {
    const { errorAt, i18n } = this.context;
    const own = errorAt(base);
    if (own) return own;
    for (const key of ['width', 'height']) {
      const error = errorAt(`${base}/${key}`);
      if (error) return `${fieldName(key, i18n.lang)}: ${error}`;
    }
    return undefined;
  }

  /**
   * A logo's new image, with its size in pixels when known, so that the bar keeps its room before
   * it arrives: an upload says it; a typed address has the size of the image last seen at that
   * address (a slip of the keyboard undone, the same address pasted again), or none yet.
   * Typing merges into one step of undo, as in any field.
   */
  private setImage(lang: string, src: string | undefined, uploaded?: ImageSize): void {
    const base = `/brand/logos/${lang}`;
    const { draft } = this.context;
    const before = getAt(draft.doc, base) as { src?: unknown; width?: unknown; height?: unknown } | undefined;
    if (typeof before?.src === 'string' && typeof before.width === 'number' && typeof before.height === 'number') {
      this.knownSizes.set(before.src, { width: before.width, height: before.height });
    }
    const size = uploaded ?? (src === undefined ? undefined : this.knownSizes.get(src));
    if (uploaded && src) this.knownSizes.set(src, uploaded);
    draft.setDoc(withSize(setAt(draft.doc, `${base}/src`, src), base, size), { path: uploaded ? '' : `${base}/src` });
    if (!size && src?.startsWith('https://')) this.typedImages.set(lang, src);
    else this.typedImages.delete(lang);
  }

  /**
   * A typed https address gives no size; once the thumbnail has loaded it, the image's own is
   * recorded (with the typing, one step of undo). Only for an address typed here: opening a
   * draft changes nothing of it.
   */
  private recordTypedSize(lang: string, image: HTMLImageElement): void {
    const base = `/brand/logos/${lang}`;
    const { draft } = this.context;
    const src = this.typedImages.get(lang);
    if (src === undefined || getAt(draft.doc, `${base}/src`) !== src || image.getAttribute('src') !== src) return;
    this.typedImages.delete(lang);
    const { naturalWidth: width, naturalHeight: height } = image;
    if (!width || !height) return;
    this.knownSizes.set(src, { width, height });
    draft.setDoc(withSize(draft.doc, base, { width, height }), { path: `${base}/src` });
  }

  /** Uploads a logo: refused here when over the size limit, with the size and the limit; the service checks the rest. */
  private async upload(lang: string, event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const { draft, i18n } = this.context;
    const fail = (text: string): void => { this.uploadErrors = { ...this.uploadErrors, [lang]: text }; };
    this.uploadErrors = { ...this.uploadErrors, [lang]: '' };
    if (!draft.api || !draft.me?.partnerId) return fail(i18n.t('uploadNeedsSignIn'));
    if (!UPLOAD_TYPES.includes(file.type)) return fail(i18n.t('uploadWrongType', { name: file.name }));
    if (file.size > UPLOAD_MAX_BYTES) return fail(i18n.t('uploadTooLarge', { name: file.name, kb: Math.ceil(file.size / 1024), max: UPLOAD_MAX_BYTES / 1024 }));
    try {
      const { src, width, height } = await draft.api.upload(draft.me.partnerId, file);
      this.setImage(lang, src, { width, height });
    } catch (error) {
      fail(`${file.name}: ${errorNotice(error).text()}`);
    }
  }
}

/** `#fff`, `fafafa`, `#0b3d91`, `rgb(11, 61, 145)` (or `rgb(11 61 145)`), full-width or not → `#RRGGBB`; anything else → undefined. */
export function normaliseColour(text: string): string | undefined {
  const value = text.normalize('NFKC').trim(); // full-width ＃０Ｂ３Ｄ９１ from an input method too
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((digit) => digit + digit).join('') : hex[1]!;
    return `#${digits.toUpperCase()}`;
  }
  const rgb = /^rgb\(\s*(\d{1,3})\s*[,\s]\s*(\d{1,3})\s*[,\s]\s*(\d{1,3})\s*\)$/i.exec(value);
  if (rgb) {
    const parts = rgb.slice(1, 4).map(Number);
    if (parts.every((part) => part <= 255)) return `#${parts.map((part) => part.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
  }
  return undefined;
}
