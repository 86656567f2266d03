/** Reading a customization from JSON text, with errors that point at the line and column. */
import { MAX_DOCUMENT_BYTES } from './errors.ts';

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

export function parseDocument(text: string): ParseResult {
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
