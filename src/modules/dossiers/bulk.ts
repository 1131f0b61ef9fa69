/**
 * Bulk loading for the history import: one transaction on the raw driver,
 * with COPY … FROM for the rows. PGlite reads COPY data from a Blob
 * ('/dev/blob'); node-postgres streams it with pg-copy-streams (COPY FROM
 * STDIN). Both take PostgreSQL's text format (tab-separated, \N for null).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/client.ts';

export interface BulkTx {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Loads rows in COPY text format (one line per row, columns in the given order). */
  copyIn(table: string, columns: readonly string[], text: string): Promise<void>;
}

const columnList = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');

/** Runs `fn` in one transaction on the database's own driver; an error rolls everything back. */
export async function bulkTransaction<T>(database: Database, fn: (tx: BulkTx) => Promise<T>): Promise<T> {
  const client = (database.db as unknown as { $client: PGlite | Pool }).$client;
  if (database.kind === 'pglite') {
    const pg = client as PGlite;
    return pg.transaction(async (tx) =>
      fn({
        query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        copyIn: async (table, columns, text) => {
          await tx.query(`COPY ${table} (${columnList(columns)}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
        },
      }),
    ) as Promise<T>;
  }
  const conn = await (client as Pool).connect();
  try {
    await conn.query('BEGIN');
    const result = await fn({
      query: async <R>(text: string, params?: unknown[]) => (await conn.query(text, params)).rows as R[],
      copyIn: async (table, columns, text) => {
        await pipeline(Readable.from([Buffer.from(text, 'utf8')]), conn.query(copyFrom(`COPY ${table} (${columnList(columns)}) FROM STDIN`)));
      },
    });
    await conn.query('COMMIT');
    return result;
  } catch (err) {
    await conn.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    conn.release();
  }
}

/** A value in COPY text format: null as \N, backslash and control characters escaped. */
export function copyValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v;
}

/** A text[] literal for COPY. */
export function copyTextArray(list: string[]): string {
  return copyValue(`{${list.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}
