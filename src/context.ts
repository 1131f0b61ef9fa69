import { readFileSync } from 'node:fs';
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';

/** What every service receives: the database, the configuration and the clock (the edge). */
export interface AppContext {
  database: Database;
  db: Db;
  config: Config;
  now: () => Date;
  version: string;
}

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function makeContext(database: Database, config: Config, now: () => Date = () => new Date()): AppContext {
  return { database, db: database.db, config, now, version: VERSION };
}
