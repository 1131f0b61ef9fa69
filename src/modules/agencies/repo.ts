import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';
import { agencies, agencySuccessions } from '../../db/schema.ts';

export type AgencyRow = typeof agencies.$inferSelect;
export type NewAgencyRow = typeof agencies.$inferInsert;

export async function listAgencies(tx: Tx, opts: { onDate?: string | null }) {
  const q = tx.select().from(agencies);
  const list = opts.onDate
    ? await q
        .where(sql`${agencies.validFrom} <= ${opts.onDate} AND (${agencies.validTo} IS NULL OR ${agencies.validTo} >= ${opts.onDate})`)
        .orderBy(asc(agencies.code))
    : await q.orderBy(asc(agencies.code));
  return list;
}

export async function getAgency(tx: Tx, id: string): Promise<AgencyRow | null> {
  const [row] = await tx.select().from(agencies).where(eq(agencies.id, id));
  return row ?? null;
}

/** Finds an agency by its id or its electronic identifier. */
export async function findAgency(tx: Tx, idOrCode: string): Promise<AgencyRow | null> {
  const [row] = await tx
    .select()
    .from(agencies)
    .where(or(eq(agencies.id, idOrCode), eq(agencies.code, idOrCode)));
  return row ?? null;
}

export async function getAgencyByCode(tx: Tx, code: string): Promise<AgencyRow | null> {
  const [row] = await tx.select().from(agencies).where(eq(agencies.code, code));
  return row ?? null;
}

export async function insertAgency(tx: Tx, row: NewAgencyRow): Promise<AgencyRow> {
  const [r] = await tx.insert(agencies).values(row).returning();
  return r;
}

/** Updates when the stored version matches; returns null on a stale version. */
export async function updateAgency(
  tx: Tx,
  id: string,
  version: number,
  patch: Partial<NewAgencyRow>,
  now: Date,
): Promise<AgencyRow | null> {
  const [r] = await tx
    .update(agencies)
    .set({ ...patch, version: sql`${agencies.version} + 1`, updatedAt: now })
    .where(sql`${agencies.id} = ${id} AND ${agencies.version} = ${version}`)
    .returning();
  return r ?? null;
}

/** The agency itself, then its parent, up to the root. */
export async function ancestry(tx: Tx, id: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    tx,
    sql`WITH RECURSIVE up(id, parent_id, depth) AS (
          SELECT id, parent_id, 0 FROM agencies WHERE id = ${id}
          UNION ALL
          SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id WHERE up.depth < 32
        ) SELECT id FROM up ORDER BY depth`,
  );
  return r.map((x) => x.id);
}

/** Every agency in the subtree rooted at `id`, the root included. */
export async function subtreeIds(tx: Tx, id: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    tx,
    sql`WITH RECURSIVE down(id, depth) AS (
          SELECT id, 0 FROM agencies WHERE id = ${id}
          UNION ALL
          SELECT a.id, down.depth + 1 FROM agencies a JOIN down ON a.parent_id = down.id WHERE down.depth < 32
        ) SELECT id FROM down`,
  );
  return r.map((x) => x.id);
}

export async function successionsOf(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(agencySuccessions)
    .where(or(inArray(agencySuccessions.predecessorId, ids), inArray(agencySuccessions.successorId, ids)));
}

export async function allSuccessions(tx: Tx) {
  return tx.select().from(agencySuccessions);
}

export async function insertSuccessions(
  tx: Tx,
  links: { predecessorId: string; successorId: string; effectiveDate: string; note?: string | null }[],
) {
  if (links.length === 0) return;
  await tx.insert(agencySuccessions).values(links).onConflictDoNothing();
}
