/** Small real images, made in code, for the upload tests. */
import { crc32, deflateSync } from 'node:zlib';

export function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunks of a valid RGBA PNG of one colour (IHDR, IDAT, IEND), each with its length and CRC, for tests that break one. */
export function pngChunks(width: number, height: number): { IHDR: Buffer; IDAT: Buffer; IEND: Buffer; pixels: Buffer } {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 4, 0xcc)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return { IHDR: chunk('IHDR', header), IDAT: chunk('IDAT', pixels), IEND: chunk('IEND', Buffer.alloc(0)), pixels };
}

/** A valid interlaced (Adam7) RGBA PNG of one colour: each of the seven passes has rows of its own width. */
export function interlacedPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 1], 8);
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  const rows: Buffer[] = [];
  for (const [x, y, dx, dy] of passes) {
    const w = Math.ceil(Math.max(0, width - x!) / dx!);
    const h = Math.ceil(Math.max(0, height - y!) / dy!);
    if (w && h) for (let row = 0; row < h; row++) rows.push(Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 4, 0x33)]));
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** A valid RGBA PNG of one colour. */
export function png(width: number, height: number): Buffer {
  const { IHDR, IDAT, IEND } = pngChunks(width, height);
  return Buffer.concat([PNG_SIGNATURE, IHDR, IDAT, IEND]);
}

/** A baseline JPEG header (SOI, APP0, SOF0, EOI): enough to be told by content. */
/** A JPEG's header; with `orientation`, an Exif segment (APP1) that tells viewers to turn it, as a phone camera writes. */
export function jpeg(width: number, height: number, orientation?: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, ...(orientation ? [exifOrientation(orientation)] : []), sof, Buffer.from([0xff, 0xd9])]);
}

/** APP1 "Exif": a big-endian TIFF header and one IFD with one entry, Orientation (0x0112, SHORT). */
function exifOrientation(orientation: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xe1]), length, body]);
}

/** An extended-format WebP header (RIFF, VP8X with the canvas size). */
export function webp(width: number, height: number): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const chunkHeader = Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0])]);
  const body = Buffer.concat([Buffer.from('WEBP'), chunkHeader, vp8x]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

export const svg = (inner = '<rect width="120" height="28" fill="#f5a623"/>', attributes = 'width="120" height="28"') =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attributes} viewBox="0 0 120 28">${inner}</svg>`);

export function gif(width: number, height: number): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt16LE(width, 0);
  size.writeUInt16LE(height, 2);
  return Buffer.concat([Buffer.from('GIF89a'), size, Buffer.alloc(16)]);
}
