/** Running npm and node for the pack tests, without this process's loaders (tsx) reaching the child. */
import assert from 'node:assert/strict';
import { execFile, type ExecFileOptions } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACK_LOCK = join(ROOT, 'node_modules/.cache/cobrand-pack.lock');

/**
 * Runs `work` alone among the test files that hold this lock: a pack's prepack rebuilds
 * schema/dist, components/dist, components/custom-elements.json and server/dist, and node's
 * test runner runs test files in parallel processes. A directory, since mkdir is atomic; a
 * lock older than ten minutes was left by a killed run.
 */
export async function withPackLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(dirname(PACK_LOCK), { recursive: true });
  for (;;) {
    try {
      await mkdir(PACK_LOCK);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const since = await stat(PACK_LOCK).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (since > 600_000) await rm(PACK_LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rm(PACK_LOCK, { recursive: true, force: true });
  }
}

export interface Packed { name: string; tarball: string; files: string[] }

/** `npm pack --workspaces` into `destination`: every published package, built by its prepack. */
export async function packWorkspaces(destination: string): Promise<Map<string, Packed>> {
  const packed = await withPackLock(async () => ok(await run('npm', ['pack', '--workspaces', '--json', '--pack-destination', destination], { cwd: ROOT }), 'npm pack --workspaces'));
  // The prepack builds print to standard output too: npm's JSON report is the last part, from a line that is just `[`.
  const report = packed.stdout.slice(packed.stdout.lastIndexOf('\n[\n') + 1);
  const infos = JSON.parse(report) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
  return new Map(infos.map((info) => [info.name, { name: info.name, tarball: join(destination, info.filename), files: info.files.map((file) => file.path) }]));
}
