import { readFile } from 'node:fs/promises';
import { messageIn } from '../../schema/errors.ts';
import { parseDocument } from '../../schema/parse.ts';
import { validateCustomization } from '../../schema/validate.ts';

export interface ValidateCommandOptions {
  files: string[];
  lang: string;
  partner?: string;
}

/** Prints one line per error (`FILE POINTER: message [code]`) and returns the exit code: 0 when every file is valid. */
export async function validateFiles({ files, lang, partner }: ValidateCommandOptions): Promise<number> {
  let failed = 0;
  for (const file of files) {
    const problems = await problemsIn(file, lang, partner);
    if (problems.length === 0) console.log(`${file}: valid`);
    for (const problem of problems) console.log(problem);
    if (problems.length > 0) failed++;
  }
  if (failed > 0) console.log(`${failed} of ${files.length} file(s) invalid`);
  return failed === 0 ? 0 : 1;
}

async function problemsIn(file: string, lang: string, partnerId?: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return [`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`];
  }
  const parsed = parseDocument(text);
  if (!parsed.ok) return [`${file}${parsed.line ? `:${parsed.line}:${parsed.column}` : ''}: ${parsed.message} [json.malformed]`];
  const { errors } = validateCustomization(parsed.value, { partnerId });
  return errors.map((error) => `${file} ${error.path || '(document)'}: ${messageIn(error, lang)} [${error.code}]`);
}
