/** Opens the store the environment names and migrates it: every command works on the same storage as `serve`. */
import { statSync } from 'node:fs';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';

export async function openStore(config: Config): Promise<Database> {
  if (!config.databaseUrl) assertDataDir(config.dataDir);
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

function assertDataDir(dataDir: string): void {
  if (statSync(dataDir, { throwIfNoEntry: false })?.isDirectory() === false) {
    throw new Error(`COBRAND_DATA ${dataDir} is not a directory: set COBRAND_DATA to a directory for the embedded store (it is made when missing), or DATABASE_URL to a PostgreSQL server.`);
  }
}
