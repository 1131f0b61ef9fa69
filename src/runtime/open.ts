import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { makeContext, type AppContext } from '../context.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

/** Opens the configured database (PGlite in DATA_DIR/pg or PostgreSQL) and applies migrations. */
export async function openContext(config: Config, opts: { migrate?: boolean } = {}): Promise<AppContext> {
  let dataDir: string | null = null;
  if (!config.databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    dataDir = path.join(config.dataDir, 'pg');
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir });
  if (opts.migrate !== false) await migrate(database);
  return makeContext(database, config);
}
