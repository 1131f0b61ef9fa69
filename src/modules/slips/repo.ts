import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';
import { textArray } from '../dossiers/repo.ts';

/** What a slip needs of an agency: its name, its place in the tree, its kind. */
export interface SlipAgency {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  code: string;
  kind: string;
  settings: Record<string, unknown>;
}

/** The agencies with the given ids and all their ancestors, by id. */
export async function agenciesWithAncestors(tx: Tx, ids: string[]): Promise<Map<string, SlipAgency>> {
  const list = await rows<{ id: string; parent_id: string | null; name: string; short_name: string | null; code: string; kind: string; settings: unknown }>(
    tx,
    sql`WITH RECURSIVE up(id, depth) AS (
          SELECT id, 0 FROM agencies WHERE id = ANY(${textArray([...new Set(ids)])})
          UNION
          SELECT a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.id WHERE a.parent_id IS NOT NULL AND up.depth < 32
        )
        SELECT DISTINCT a.id, a.parent_id, a.name, a.short_name, a.code, a.kind, a.settings FROM agencies a JOIN up ON a.id = up.id`,
  );
  return new Map(
    list.map((a) => [
      a.id,
      {
        id: a.id,
        parentId: a.parent_id,
        name: a.name,
        shortName: a.short_name,
        code: a.code,
        kind: a.kind,
        settings: (typeof a.settings === 'string' ? JSON.parse(a.settings) : a.settings ?? {}) as Record<string, unknown>,
      },
    ]),
  );
}

/** Names and phone numbers of officers, for the contact line of a slip. */
export async function contacts(tx: Tx, ids: string[]): Promise<Map<string, { fullName: string; phone: string | null }>> {
  if (ids.length === 0) return new Map();
  const list = await rows<{ id: string; full_name: string; phone: string | null }>(
    tx,
    sql`SELECT id, full_name, phone FROM users WHERE id = ANY(${textArray([...new Set(ids)])})`,
  );
  return new Map(list.map((u) => [u.id, { fullName: u.full_name, phone: u.phone }]));
}
