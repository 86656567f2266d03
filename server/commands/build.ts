/**
 * Builds the embed bundle and the preview app when they are missing or older than their
 * sources: only in a clone of the repository. An installed package has no sources (no
 * preview/, no vite.config.ts) and no vite or esbuild: there it serves what was prebuilt
 * (the preview app in its dist/preview/, the bundle in its dependency @cobrand/elements).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EMBED_FILE, PREVIEW_DIR, REPOSITORY_ROOT } from '../paths.ts';

const ROOT = fileURLToPath(REPOSITORY_ROOT);
const SOURCE_DIRS = ['components', 'preview', 'schema'];
/** What the workspaces' builds write inside the source folders: not sources, so never a reason to rebuild. */
const BUILT = new Set(['dist', 'node_modules', 'custom-elements.json']);

export interface BuildOptions {
  /** The repository's folder (default: the one this clone is in). */
  root?: string;
  /** What the build writes (default: the embed bundle and the preview app's index.html). */
  outputs?: string[];
}

/** True in a clone of the repository: the sources and the Vite config are there to build from. */
export function inRepository(root: string = ROOT): boolean {
  return existsSync(join(root, 'vite.config.ts')) && SOURCE_DIRS.every((dir) => existsSync(join(root, dir)));
}

export async function buildIfStale(log: (line: string) => void, { root = ROOT, outputs = defaultOutputs() }: BuildOptions = {}): Promise<void> {
  if (!inRepository(root)) {
    const missing = outputs.filter((file) => !existsSync(file));
    if (missing.length) throw new Error(`the prebuilt preview app is missing from this package (${missing.join(', ')}); reinstall cobrand, or run \`npm run build\` in a clone of the repository`);
    return;
  }
  const built = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  if (built > 0 && Math.max(...SOURCE_DIRS.map((dir) => newestMtime(join(root, dir)))) <= built) return;
  log('building the embed bundle and the preview app…');
  // The bundle's one build is @cobrand/elements' (components/bundle.mjs); the app's is vite.config.ts.
  const [{ buildBundle }, { build: vite }] = await Promise.all([
    import(pathToFileURL(join(root, 'components/bundle.mjs')).href) as Promise<{ buildBundle(): Promise<void> }>,
    import('vite'),
  ]);
  await buildBundle();
  await vite({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

function defaultOutputs(): string[] {
  return [fileURLToPath(EMBED_FILE), fileURLToPath(new URL('index.html', PREVIEW_DIR))];
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).filter((name) => !BUILT.has(name)).map((name) => newestMtime(join(path, name))));
}
