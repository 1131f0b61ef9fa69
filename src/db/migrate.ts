import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 4_826_001;

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      return { id: f.replace(/\.sql$/, ''), sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies pending SQL migrations in order, each in its own transaction under an
 * advisory lock, so that several processes starting at once apply each exactly once.
 * Returns the ids applied by this call.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const escaped = m.id.replace(/'/g, "''");
    if (await isApplied(database, m.id)) continue;
    try {
      // Check and apply in one transaction holding the lock: a concurrent starter
      // waits, then finds the migration applied and skips it.
      await database.exec(`BEGIN;
        SELECT pg_advisory_xact_lock(${LOCK_KEY});
        DO $motcua$ BEGIN
          IF EXISTS (SELECT 1 FROM schema_migrations WHERE id = '${escaped}') THEN
            RAISE EXCEPTION 'motcua:already-applied';
          END IF;
        END $motcua$;
        ${m.sql}
        ;
        INSERT INTO schema_migrations (id, checksum) VALUES ('${escaped}', '${m.checksum}');
        COMMIT;`);
      applied.push(m.id);
    } catch (err) {
      if (String((err as Error)?.message ?? err).includes('motcua:already-applied')) continue;
      throw new Error(`Không áp dụng được migration ${m.id}: ${(err as Error).message}`);
    }
  }
  return applied;
}

async function isApplied(database: Database, id: string): Promise<boolean> {
  const { sql } = await import('drizzle-orm');
  const res = (await database.db.execute(sql`SELECT 1 FROM schema_migrations WHERE id = ${id}`)) as unknown as {
    rows: unknown[];
  };
  return res.rows.length > 0;
}
