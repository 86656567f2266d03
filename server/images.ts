/** Uploaded logos: PNG, JPEG, WebP or SVG, told by their content, bounded in bytes and pixels. */
import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';
import { isLogoShape, LOGO_MAX_TALL_RATIO, LOGO_MAX_WIDE_RATIO } from '../schema/index.ts';
import type { Sql } from './store/database.ts';
import { checkJpeg, checkPngData, checkWebp, Damaged, pngLayout, type PngLayout } from './image-structure.ts';
import { sanitizeSvg, SvgRefused, SvgTooComplex } from './svg.ts';

export const MAX_IMAGE_BYTES = 512 * 1024;
export const MAX_IMAGE_SIDE = 4096;
export const MIN_IMAGE_SIDE = 16;

const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp', svg: 'image/svg+xml' } as const;

export interface Image {
  sha256: string;
  contentType: (typeof CONTENT_TYPES)[keyof typeof CONTENT_TYPES];
  width: number;
  height: number;
  bytes: Buffer;
}

export class ImageError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const TYPE_NAMES = { png: 'PNG', jpg: 'JPEG', webp: 'WebP' } as const;

/** What a damaged file is refused with: what is wrong, and what to do. */
const damaged = (type: keyof typeof TYPE_NAMES, error: Damaged) =>
  new ImageError('image.corrupt', `This ${TYPE_NAMES[type]} is damaged or incomplete: ${error.message}. Export it again from the original, or upload it again if the transfer was cut off.`);

/** Markup whose first element is `<svg>`: an SVG image-size could not measure (no width and height in pixels, no viewBox). */
function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head);
}

/**
 * The size as browsers show the image: a JPEG's Exif orientation 5 to 8 (as phone cameras write)
 * turns it a quarter, so its width is the stored height. The bar reserves this size.
 */
function shownSize({ width, height, orientation }: { width?: number; height?: number; orientation?: number }): { width?: number; height?: number } {
  return orientation !== undefined && orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}

/**
 * The image's type and size, told by its content, once it is known to be whole (server/image-structure.ts):
 * a PNG's chunks and pixel data, a JPEG's segments and end, a WebP's RIFF container.
 */
export async function readImage(bytes: Buffer): Promise<Image> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new ImageError('image.too-large', `The image is ${bytes.length} bytes; the limit is ${MAX_IMAGE_BYTES} bytes (512 KB).`);
  let size: { width?: number; height?: number; type?: string; orientation?: number };
  try {
    size = imageSize(bytes);
  } catch {
    if (looksLikeSvg(bytes)) throw new ImageError('image.svg-no-size', 'This SVG has no size of its own: give its <svg> element a width and height in pixels, or a viewBox, then upload it again.');
    throw new ImageError('image.unsupported', 'This is not a PNG, JPEG, WebP or SVG image.');
  }
  const contentType = CONTENT_TYPES[size.type as keyof typeof CONTENT_TYPES];
  if (!contentType) throw new ImageError('image.unsupported', `${(size.type ?? 'This').toUpperCase()} images are not accepted: upload a PNG, JPEG, WebP or SVG image.`);
  if (size.type === 'svg') {
    // What is stored is what the allow-list kept, written out again (server/svg.ts); its size is read from that.
    try {
      bytes = Buffer.from(sanitizeSvg(bytes.toString('utf8')).text);
      size = imageSize(bytes);
    } catch (error) {
      if (!(error instanceof SvgRefused)) throw new ImageError('image.unsupported', 'This SVG cannot be read: export it again as a plain SVG, or upload a PNG.');
      if (error instanceof SvgTooComplex) throw new ImageError('image.too-complex', `This SVG is too complex for a logo: ${error.message}. Simplify it (fewer groups, no nested <use>), or upload a PNG.`);
      throw new ImageError('image.active-svg', `This SVG cannot be kept: ${error.message}. Export it as a plain SVG (no script, event handlers or references to other files), or upload a PNG.`);
    }
  }
  if (bytes.length > MAX_IMAGE_BYTES) throw new ImageError('image.too-large', `The image is ${bytes.length} bytes once cleaned; the limit is ${MAX_IMAGE_BYTES} bytes (512 KB).`);
  // The structure before the size: a damaged header's size is no size at all.
  let layout: PngLayout | undefined;
  if (size.type === 'png' || size.type === 'jpg' || size.type === 'webp') {
    try {
      if (size.type === 'png') layout = pngLayout(bytes);
      else if (size.type === 'jpg') checkJpeg(bytes);
      else checkWebp(bytes);
    } catch (error) {
      if (error instanceof Damaged) throw damaged(size.type, error);
      throw error;
    }
  }
  const { width = 0, height = 0 } = shownSize(size);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) throw new ImageError('image.too-many-pixels', `The image is ${width}×${height} pixels; each side may be at most ${MAX_IMAGE_SIDE}.`);
  if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) throw new ImageError('image.too-small', `The image is ${width}×${height} pixels; each side must be at least ${MIN_IMAGE_SIDE} (an SVG needs width and height or a viewBox).`);
  if (!isLogoShape(width, height)) {
    throw new ImageError('image.aspect-ratio', `The image is ${width}×${height} pixels; a logo may be at most ${LOGO_MAX_WIDE_RATIO} times as wide as it is high and ${LOGO_MAX_TALL_RATIO} times as high as it is wide, since the bar shows it in a 160 × 28 px box. Crop it closer to the artwork.`);
  }
  // Inflated only once the size is known to be bounded: at most 4096 × 4096 pixels, counted, never held.
  if (layout) await checkPngData(layout).catch((error: unknown) => { throw error instanceof Damaged ? damaged('png', error) : error; });
  return { sha256: createHash('sha256').update(bytes).digest('hex'), contentType, width, height, bytes };
}

/** Stores an image once (by its sha256); returns the path it is served at. */
export async function storeImage(db: Sql, image: Image, partnerId: string): Promise<string> {
  await db.query(`INSERT INTO assets (sha256, content_type, bytes, width, height, partner_id) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (sha256) DO NOTHING`, [image.sha256, image.contentType, image.bytes, image.width, image.height, partnerId]);
  return `/assets/${image.sha256}`;
}
