/** Reading a customization from JSON text, with errors that point at the line and column. */
import { MAX_DOCUMENT_BYTES } from './errors.ts';

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

/** For bytes that are not UTF-8: the first bad byte (as `0xE9`), where it is, and an English sentence saying so. */
export type DecodeResult = { ok: true; text: string } | { ok: false; message: string; byte: string; line: number; column: number; offset: number };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON is UTF-8 (RFC 8259): other bytes are told where they are, rather than turned into U+FFFD
 * in a partner's words. A byte order mark, as some editors write, is dropped.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    const offset = firstNonUtf8(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, offset));
    const { line, column } = lineAndColumn(before, before.length);
    const byte = `0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')}`;
    return { ok: false, message: `byte ${byte} at line ${line}, column ${column} (byte offset ${offset}) begins no character`, byte, line, column, offset };
  }
}

/** The first byte that begins no UTF-8 character: the text before it decodes, so its length in bytes says where. */
function firstNonUtf8(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  for (let at = text.indexOf('\uFFFD'); at !== -1; at = text.indexOf('\uFFFD', at + 1)) {
    const offset = encoder.encode(text.slice(0, at)).length;
    // A U+FFFD written as such (EF BF BD) is a character like any other.
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length - 1;
}

/** The document in `text`; a byte order mark before it is dropped, as the service drops it. */
export function parseDocument(text: string): ParseResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_DOCUMENT_BYTES) {
    return { ok: false, message: `The document is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(reason)?.[1] ?? text.length);
    const { line, column } = lineAndColumn(text, offset);
    return { ok: false, message: `Malformed JSON at line ${line}, column ${column}: ${reason.replace(/ in JSON at position \d+.*$/, '')}`, line, column };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
