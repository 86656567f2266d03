/**
 * Which modules a command loads: it runs with a module-resolution hook (given with --import)
 * that writes down every module URL the process resolves. For the tests that `cobrand
 * validate` and `--version` stay light, from the sources and from the installed package.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The service's packages, which `validate` and `--version` must not load. */
export const SERVICE_PACKAGES = /\/node_modules\/(fastify|@fastify\/[^/]+|@electric-sql\/pglite|pg|fastify-type-provider-zod)\//;

const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + '\\n');
  return result;
}
`;

export interface RecordedRun { code: number; stdout: string; stderr: string; loaded: string[] }

/** `node script ...args` without this process's loaders (tsx), with `env` added; its output and every module URL it resolved. */
export async function runRecordingModules(script: string, args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RecordedRun> {
  const dir = await mkdtemp(join(tmpdir(), 'cobrand-modules-'));
  try {
    const log = join(dir, 'loaded.log');
    await writeFile(log, '');
    await writeFile(join(dir, 'hooks.mjs'), HOOKS);
    await writeFile(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { log: ${JSON.stringify(log)} } });\n`);
    const { NODE_OPTIONS: _ignored, ...env } = { ...process.env, ...options.env };
    const result = await new Promise<Omit<RecordedRun, 'loaded'>>((resolve) => {
      const child = execFile(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, script, ...args], { cwd: options.cwd, env }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
      if (options.input !== undefined) child.stdin!.end(options.input);
    });
    return { ...result, loaded: (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
