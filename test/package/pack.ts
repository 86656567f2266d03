/** Running npm and node for the pack tests, without this process's loaders (tsx) reaching the child. */
import assert from 'node:assert/strict';
import { execFile, type ExecFileOptions } from 'node:child_process';

export interface Run { code: number; stdout: string; stderr: string }

export function run(command: string, args: string[], options: ExecFileOptions & { input?: string } = {}): Promise<Run> {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    const child = execFile(command, args, { env: { ...env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' }, maxBuffer: 16 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

export function ok(result: Run, what: string): Run {
  assert.equal(result.code, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The packages `npm ls --all --parseable` lists in `dir`, by name. */
export async function installedNames(dir: string): Promise<string[]> {
  const { stdout } = await run('npm', ['ls', '--all', '--parseable'], { cwd: dir });
  return stdout.split('\n').map((line) => /node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(line)?.[1]).filter((name): name is string => Boolean(name));
}
