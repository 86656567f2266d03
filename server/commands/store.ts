/** Opens the store the environment names and migrates it: every command works on the same storage as `serve`. */
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';

export async function openStore(config: Config): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export async function withStore<T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openStore(config);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
