/** Builds the embed bundle and the preview app when they are missing or older than their sources. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBED_FILE, PREVIEW_DIR } from '../preview-app.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['components', 'preview', 'schema'].map((dir) => join(ROOT, dir));

export async function buildIfStale(log: (line: string) => void): Promise<void> {
  const outputs = [fileURLToPath(EMBED_FILE), fileURLToPath(new URL('index.html', PREVIEW_DIR))];
  const built = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  if (built > 0 && Math.max(...SOURCES.map(newestMtime)) <= built) return;
  log('building the embed bundle and the preview app…');
  const [{ build: esbuild }, { build: vite }] = await Promise.all([import('esbuild'), import('vite')]);
  await esbuild({
    entryPoints: [join(ROOT, 'components/index.ts')], bundle: true, format: 'esm', minify: true, target: 'es2021',
    legalComments: 'eof', outfile: fileURLToPath(EMBED_FILE), logLevel: 'warning',
  });
  await vite({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'preview'), logLevel: 'warn' });
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}
