/**
 * Whether an uploaded PNG, JPEG or WebP is whole: image-size reads only the header, so a
 * file cut off in transfer, or damaged after its first bytes, would be stored and show as a
 * broken logo on every landing. Each check says what is wrong and where, in words.
 *
 * PNG: every chunk's length and CRC-32, IHDR first and valid, IDAT chunks together, IEND
 * last with nothing after it, and the pixel data inflating (node:zlib) to exactly what the
 * size and pixel format need: counted as it streams, never held, so a small file that would
 * inflate to gigabytes costs nothing. JPEG: its segments up to the image data, and the end
 * marker (FF D9) last. WebP: the RIFF size is the file's, and its chunks fit in it.
 */
import { createInflate, crc32 } from 'node:zlib';

/** A structural defect: the message says what it is, in words; the caller adds what to do. */
export class Damaged extends Error {}

export interface PngLayout {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  /** The IDAT chunks' data, in order: one zlib stream. */
  idat: Buffer[];
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel, by colour type; the bit depths each allows. */
const COLOR_TYPES: Record<number, { channels: number; depths: number[]; name: string }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16], name: 'greyscale' },
  2: { channels: 3, depths: [8, 16], name: 'RGB' },
  3: { channels: 1, depths: [1, 2, 4, 8], name: 'palette' },
  4: { channels: 2, depths: [8, 16], name: 'greyscale with alpha' },
  6: { channels: 4, depths: [8, 16], name: 'RGBA' },
};
const KNOWN_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

/** The chunk structure of a PNG (signature already told by image-size); throws {@link Damaged}. */
export function pngLayout(bytes: Buffer): PngLayout {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Damaged('it does not start with the PNG signature');
  let offset = 8;
  let header: Omit<PngLayout, 'idat'> | undefined;
  let palette = false;
  const idat: Buffer[] = [];
  let idatEnded = false;
  for (;;) {
    if (offset === bytes.length) throw new Damaged(`it has no IEND chunk: the file ends after ${bytes.length} bytes, so it was cut off`);
    if (offset + 8 > bytes.length) throw new Damaged(`it is cut off at byte ${bytes.length}, in the middle of a chunk header, before the IEND chunk`);
    const length = bytes.readUInt32BE(offset);
    const typeBytes = bytes.subarray(offset + 4, offset + 8);
    const type = typeBytes.toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) throw new Damaged(`the bytes at ${offset} are not a chunk (its type would be ${JSON.stringify(type)})`);
    if (length > 0x7fffffff) throw new Damaged(`the ${type} chunk at byte ${offset} says it holds ${length} bytes, more than any PNG chunk may`);
    const end = offset + 12 + length;
    if (end > bytes.length) throw new Damaged(`it is cut off: the ${type} chunk at byte ${offset} needs ${length + 12} bytes, and only ${bytes.length - offset} are left`);
    const stored = bytes.readUInt32BE(offset + 8 + length);
    const computed = crc32(bytes.subarray(offset + 4, offset + 8 + length));
    if (stored !== computed) throw new Damaged(`the ${type} chunk at byte ${offset} fails its CRC check (stored ${hex(stored)}, computed ${hex(computed)}): its bytes were changed or damaged`);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (!header && type !== 'IHDR') throw new Damaged(`its first chunk is ${type}, where IHDR must be`);
    if (type === 'IHDR') {
      if (header) throw new Damaged(`it has a second IHDR chunk at byte ${offset}`);
      header = readHeader(data);
    } else if (type === 'PLTE') {
      palette = true;
    } else if (type === 'IDAT') {
      if (idatEnded) throw new Damaged(`its IDAT chunks are not together: another one follows other chunks at byte ${offset}`);
      if (header!.colorType === 3 && !palette) throw new Damaged('it is a palette image without a PLTE chunk before its pixel data');
      idat.push(data);
    } else if (type === 'IEND') {
      if (idat.length === 0) throw new Damaged('it has no IDAT chunk: no pixel data');
      if (end < bytes.length) throw new Damaged(`it has ${bytes.length - end} more bytes after the IEND chunk, where a PNG ends`);
      return { ...header!, idat };
    } else if (type.charCodeAt(0) < 0x61 && !KNOWN_CRITICAL.has(type)) {
      throw new Damaged(`it has a critical chunk ${type} that no browser knows how to draw`);
    }
    if (type !== 'IDAT' && idat.length > 0) idatEnded = true;
    offset = end;
  }
}

function readHeader(data: Buffer): Omit<PngLayout, 'idat'> {
  if (data.length !== 13) throw new Damaged(`its IHDR chunk has ${data.length} bytes, where it must have 13`);
  const width = data.readUInt32BE(0);
  const height = data.readUInt32BE(4);
  const [bitDepth, colorType, compression, filter, interlace] = [data[8]!, data[9]!, data[10]!, data[11]!, data[12]!];
  if (width === 0 || height === 0) throw new Damaged(`its IHDR says it is ${width}×${height} pixels`);
  const format = COLOR_TYPES[colorType];
  if (!format) throw new Damaged(`its IHDR has colour type ${colorType}, which PNG does not define`);
  if (!format.depths.includes(bitDepth)) throw new Damaged(`its IHDR has a bit depth of ${bitDepth}, which a ${format.name} PNG cannot have`);
  if (compression !== 0 || filter !== 0 || interlace > 1) throw new Damaged('its IHDR names a compression, filter or interlace method that PNG does not define');
  return { width, height, bitDepth, colorType, interlaced: interlace === 1 };
}

/** Adam7: each pass's first column and row, and its step across and down. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** How many bytes the pixel data inflates to: one filter byte per row, then the row's samples. */
export function pngDataLength({ width, height, bitDepth, colorType, interlaced }: Omit<PngLayout, 'idat'>): number {
  const bits = bitDepth * COLOR_TYPES[colorType]!.channels;
  const rows = (w: number, h: number) => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bits) / 8)));
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce((total, [x, y, dx, dy]) => total + rows(Math.ceil(Math.max(0, width - x) / dx), Math.ceil(Math.max(0, height - y) / dy)), 0);
}

/** Inflates the PNG's pixel data, counting and dropping what comes out; throws {@link Damaged} unless it is exactly what the image needs. */
export async function checkPngData(layout: PngLayout): Promise<void> {
  const expected = pngDataLength(layout);
  const got = await new Promise<number>((resolve, reject) => {
    const inflate = createInflate();
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > expected) {
        inflate.destroy();
        reject(new Damaged(`its pixel data holds more than the ${expected} bytes a ${layout.width}×${layout.height} image needs`));
      }
    });
    inflate.on('error', (error: Error) => reject(new Damaged(`its pixel data (the IDAT chunks) is not a whole zlib stream: it does not inflate (${error.message})`)));
    inflate.on('end', () => resolve(total));
    for (const part of layout.idat) inflate.write(part);
    inflate.end();
  });
  if (got < expected) throw new Damaged(`its pixel data is short: it inflates to ${got} bytes, and a ${layout.width}×${layout.height} image needs ${expected}, so rows are missing`);
}

/** The segments of a JPEG up to its image data, and its end-of-image marker last; throws {@link Damaged}. */
export function checkJpeg(bytes: Buffer): void {
  let offset = 2; // after SOI (FF D8), which image-size told
  for (;;) {
    if (offset + 2 > bytes.length) throw new Damaged(`the JPEG is cut off after ${bytes.length} bytes: it has no end-of-image marker (FF D9)`);
    if (bytes[offset] !== 0xff) throw new Damaged(`the JPEG has no marker at byte ${offset}, where its next segment should begin`);
    while (bytes[offset + 1] === 0xff && offset + 2 < bytes.length) offset++; // fill bytes
    const marker = bytes[offset + 1]!;
    if (marker === 0xd9) {
      if (offset + 2 < bytes.length) throw new Damaged(`the JPEG has ${bytes.length - offset - 2} more bytes after its end-of-image marker (FF D9)`);
      return;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    if (offset + 4 > bytes.length) throw new Damaged(`the JPEG is cut off at byte ${bytes.length}, in the middle of a segment header`);
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) throw new Damaged(`the JPEG segment at byte ${offset} says it has ${length} bytes`);
    if (offset + 2 + length > bytes.length) throw new Damaged(`the JPEG is cut off: the segment at byte ${offset} needs ${length + 2} bytes, and only ${bytes.length - offset} are left`);
    if (marker === 0xda) {
      // Start of scan: the image data runs to the end of the image, which must be the end of the file.
      if (bytes.length < offset + 2 + length + 2 || bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) {
        throw new Damaged('the JPEG is cut off: it does not end with the end-of-image marker (FF D9), so its image data is incomplete');
      }
      return;
    }
    offset += 2 + length;
  }
}

/** The RIFF container of a WebP: its size is the file's, and its chunks fit in it; throws {@link Damaged}. */
export function checkWebp(bytes: Buffer): void {
  if (bytes.length < 12) throw new Damaged(`the WebP is cut off after ${bytes.length} bytes, inside its RIFF header`);
  const end = 8 + bytes.readUInt32LE(4);
  if (end > bytes.length) throw new Damaged(`the WebP is cut off: its RIFF header says it has ${end} bytes, and the file has ${bytes.length}`);
  if (end < bytes.length) throw new Damaged(`the WebP has ${bytes.length - end} more bytes after the ${end} its RIFF header says it has`);
  let offset = 12;
  while (offset < end) {
    if (offset + 8 > end) throw new Damaged(`the WebP is cut off at byte ${end}, in the middle of a chunk header`);
    const size = bytes.readUInt32LE(offset + 4);
    const next = offset + 8 + size + (size % 2);
    if (next > end) throw new Damaged(`the WebP is cut off: the ${bytes.subarray(offset, offset + 4).toString('latin1')} chunk at byte ${offset} needs ${size + 8} bytes, and only ${end - offset} are left`);
    offset = next;
  }
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
