import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle or the database itself: repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs raw SQL text with no parameters (migrations, multi-statement scripts). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, embedded PGlite is used. */
  url?: string | null;
  /** PGlite data folder; absent means in memory. */
  dataDir?: string | null;
  /** PostgreSQL schema to use as the first element of search_path (tests). */
  searchPath?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.searchPath, opts.poolSize);
  return openPglite(opts.dataDir ?? null);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { unaccent, pg_trgm } });
  await client.waitReady;
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    exec: async (text) => {
      try {
        await client.exec(text);
      } catch (err) {
        // Leave the single connection usable after a failed script.
        await client.exec('ROLLBACK').catch(() => {});
        throw err;
      }
    },
    close: async () => {
      await client.close();
    },
  };
}

async function openPostgres(url: string, searchPath: string | undefined, poolSize = 10): Promise<Database> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const options = ['-c TimeZone=UTC'];
  if (searchPath) options.push(`-c search_path=${searchPath},public`);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: options.join(' ') });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as unknown as Db;
  await db.execute(sql`select 1`);
  return {
    kind: 'postgres',
    db,
    exec: async (text) => {
      const c = await pool.connect();
      try {
        await c.query(text);
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    close: async () => {
      await pool.end();
    },
  };
}

/** Rows of a raw query, whichever driver runs it. */
export async function rows<T>(db: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

interface DrizzleInternals {
  session?: { prepareQuery?: (q: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean) => { execute(): Promise<unknown> } };
  dialect?: { sqlToQuery(q: ReturnType<typeof sql>): { sql: string; params: unknown[] } };
}
const statementNames = new Map<string, string>();

/**
 * Like `rows`, as a named prepared statement on PostgreSQL: each connection
 * parses and plans the statement once, later executions only bind and run.
 * For the statements of the dossier hot path (same text every time). PGlite
 * ignores the name.
 */
export async function preparedRows<T>(db: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const internal = db as unknown as DrizzleInternals;
  if (!internal.session?.prepareQuery || !internal.dialect) return rows<T>(db, query);
  const q = internal.dialect.sqlToQuery(query);
  let name = statementNames.get(q.sql);
  if (!name) {
    // FNV-1a of the text: one name per distinct statement.
    let h = 0x811c9dc5;
    for (let i = 0; i < q.sql.length; i++) h = Math.imul(h ^ q.sql.charCodeAt(i), 0x01000193);
    name = `m${(h >>> 0).toString(36)}_${q.sql.length}`;
    if (statementNames.size < 1000) statementNames.set(q.sql, name);
  }
  const res = (await internal.session.prepareQuery(q, undefined, name, false).execute()) as { rows: T[] };
  return res.rows;
}
