/** `cobrand publish [DIR]`: rebuilds the published directory (COBRAND_PUBLISH_DIR) from the store, after a restore or to start one. */
import { UsageError } from '../../schema/cli.ts';
import { configFromEnv } from '../config.ts';
import { publishAll } from '../publish.ts';
import { withStore } from './store.ts';

export async function publishCommand(args: string[]): Promise<number> {
  const config = configFromEnv();
  const dir = args[0] ?? config.publishDir;
  if (!dir) throw new UsageError('publish: name the directory, or set COBRAND_PUBLISH_DIR');
  const started = performance.now();
  const count = await withStore(config, (db) => publishAll(db, dir));
  process.stderr.write(`cobrand: published ${count} live document(s) to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
