/**
 * `cobrand-validate` (and `cobrand validate`, which calls the same code): checks customization
 * documents and exits 0 when every one is valid. Plain Node, no dependencies, so a partner's CI
 * can run it from `@cobrand/schema` alone.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { messageIn, type ValidationError } from './errors.ts';
import { storageErrors } from './limits.ts';
import { decodeUtf8, parseDocument } from './parse.ts';
import { validateCustomization } from './validate.ts';
import { parseInstant } from './windows.ts';

export const VALIDATE_USAGE = `Usage: cobrand-validate [options] FILE...

Checks customization documents against the schema and the rules it cannot say, as the
review service checks a draft; exits 0 when every file is valid, 1 when one is not, 2 on a
usage error or a file that cannot be read (every file is still reported). FILE - reads
standard input.

Options:
  --lang en-US|zh-CN   language of the messages (default en-US)
  --partner ID         also require partnerId to be ID
  --now TIME           check time windows as of TIME, an RFC 3339 time with an offset such
                       as 2026-12-01T09:00:00+08:00 (default: now): a window that has ended
                       by then is an error (window.ended), as it is at submission
  --format text|json   one line per error (FILE POINTER: message [code]), or one JSON report
  --version            print the version of @cobrand/schema
  --help               show this help
`;

/** A mistake in the command line: the caller prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

export type ValidateFormat = 'text' | 'json';

export interface ValidateCommandOptions {
  /** Paths, or `-` for standard input. */
  files: string[];
  lang?: string;
  partner?: string;
  format?: ValidateFormat;
  /** The moment time windows are checked against (epoch milliseconds); default the current time. */
  now?: number;
}

/** What `--format json` prints: the files in the order given, each with its errors. */
export interface ValidateReport {
  valid: boolean;
  files: Array<{ file: string; valid: boolean; errors: FileError[] }>;
}

/** Parses `args` (everything after the command name), runs it, and returns the exit code. */
export async function validateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      lang: { type: 'string', default: 'en-US' },
      partner: { type: 'string' },
      now: { type: 'string' },
      format: { type: 'string', default: 'text' },
      version: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (values.help) {
    process.stdout.write(VALIDATE_USAGE);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`validate: --format is text or json, not "${values.format}"`);
  const now = values.now === undefined ? undefined : parseInstant(values.now);
  if (now === undefined && values.now !== undefined) throw new UsageError(`validate: --now is an RFC 3339 time with an offset, such as 2026-12-01T09:00:00+08:00, not "${values.now}"`);
  if (positionals.length === 0) throw new UsageError('validate: name at least one FILE (or - for standard input)');
  if (positionals.filter((file) => file === '-').length > 1) throw new UsageError('validate: standard input (-) can be read once');
  return validateFiles({ files: positionals, lang: values.lang, partner: values.partner, format: values.format, now });
}

/** Prints the result for `files` (text: one line per error; json: one report) and returns the exit code: 0 all valid, 1 one is not, 2 one cannot be read. */
export async function validateFiles({ files, lang = 'en-US', partner, format = 'text', now = Date.now() }: ValidateCommandOptions): Promise<number> {
  const report: ValidateReport = { valid: true, files: [] };
  for (const file of files) {
    const errors = await errorsIn(file, partner, now);
    report.files.push({ file, valid: errors.length === 0, errors });
    if (errors.length > 0) report.valid = false;
  }
  const unread = report.files.filter(({ errors }) => errors.some((error) => error.code === 'file.unreadable')).length;
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const { file, errors } of report.files) {
      if (errors.length === 0) console.log(`${file}: valid`);
      for (const error of errors) console.log(textLine(file, error, lang));
    }
    const invalid = report.files.filter((file) => !file.valid).length - unread;
    if (invalid > 0 || unread > 0) console.log(`${invalid} of ${files.length} file(s) invalid${unread ? `; ${unread} could not be read` : ''}`);
  }
  // A file that could not be read was not checked: an I/O error, not an invalid document, so CI can tell them apart.
  if (unread > 0) return 2;
  return report.valid ? 0 : 1;
}

/** Errors that are not about a place in a document (unreadable file, malformed JSON) say so in their code. */
const FILE_CODES = new Set(['file.unreadable', 'json.malformed', 'json.not-utf8', 'json.too-large']);

function textLine(file: string, error: FileError, lang: string): string {
  if (FILE_CODES.has(error.code)) {
    const where = error.line ? `:${error.line}:${error.column}` : '';
    return `${file}${where}: ${messageIn(error, lang)}${error.line ? ` [${error.code}]` : ''}`;
  }
  return `${file} ${error.path || '(document)'}: ${messageIn(error, lang)} [${error.code}]`;
}

/** An error of the report: unreadable files and malformed JSON also say where (line and column). */
export interface FileError extends ValidationError {
  line?: number;
  column?: number;
}

async function errorsIn(file: string, partnerId: string | undefined, now: number): Promise<FileError[]> {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await readStdin() : await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return [fileError('file.unreadable', `cannot read the file (${reason})`, `无法读取文件（${reason}）`)];
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const { message, byte, line, column, offset } = decoded;
    return [{ ...fileError('json.not-utf8', `Not UTF-8: ${message}. Save the file as UTF-8.`,
      `不是 UTF-8：第 ${line} 行第 ${column} 列的字节 ${byte}（字节偏移 ${offset}）不能作为字符的开头。请将文件保存为 UTF-8。`), line, column }];
  }
  const parsed = parseDocument(decoded.text);
  if (!parsed.ok) {
    const code = parsed.line ? 'json.malformed' : 'json.too-large';
    return [{ ...fileError(code, parsed.message, parsed.message), ...(parsed.line ? { line: parsed.line, column: parsed.column } : {}) }];
  }
  // As the review service: text no store keeps (NUL, unpaired surrogates) anywhere refuses the document whole,
  // with the same codes; then the validator, with the time windows as of `now` (the service's clock).
  const unstorable = storageErrors(parsed.value);
  if (unstorable.length) return unstorable;
  return validateCustomization(parsed.value, { partnerId, now }).errors;
}

function fileError(code: string, en: string, zh: string): FileError {
  return { path: '', code, message: en, messages: { 'en-US': en, 'zh-CN': zh } };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The version of @cobrand/schema: its package.json is beside this file in the sources, one folder up in dist/. */
export function packageVersion(): string {
  for (const candidate of ['../package.json', './package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@cobrand/schema' && manifest.version) return manifest.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}
