import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';
import { agencies, procedureCases, procedureFields, procedures, procedureVersions, procedureWorkflows } from '../../db/schema.ts';
import type { Workflow } from './workflow.ts';

export type ProcedureRow = typeof procedures.$inferSelect;
export type VersionRow = typeof procedureVersions.$inferSelect;
export type NewVersionRow = typeof procedureVersions.$inferInsert;
export type CaseRow = typeof procedureCases.$inferSelect;
export type FieldRow = typeof procedureFields.$inferSelect;

// Fields (lĩnh vực).

export async function upsertFields(tx: Tx, fields: FieldRow[]) {
  if (fields.length === 0) return;
  await tx
    .insert(procedureFields)
    .values(fields)
    .onConflictDoUpdate({ target: procedureFields.code, set: { name: sql`excluded.name` } });
}

export async function getField(tx: Tx, code: string): Promise<FieldRow | null> {
  const [r] = await tx.select().from(procedureFields).where(eq(procedureFields.code, code));
  return r ?? null;
}

export async function fieldsByCodes(tx: Tx, codes: string[]): Promise<FieldRow[]> {
  if (codes.length === 0) return [];
  return tx.select().from(procedureFields).where(inArray(procedureFields.code, codes));
}

/** Every field with the number of its published procedures. */
export async function fieldsWithCounts(tx: Tx) {
  return rows<{ code: string; name: string; count: number }>(
    tx,
    sql`SELECT f.code, f.name, count(p.id)::int AS count
          FROM procedure_fields f
          LEFT JOIN procedure_versions v ON v.field_code = f.code AND v.status = 'published'
          LEFT JOIN procedures p ON p.published_version_id = v.id
         GROUP BY f.code, f.name
         ORDER BY f.name`,
  );
}

export async function agencyNames(tx: Tx, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return tx.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, ids));
}

export async function agencyIdsByCodes(tx: Tx, codes: string[]): Promise<{ id: string; code: string }[]> {
  if (codes.length === 0) return [];
  return tx.select({ id: agencies.id, code: agencies.code }).from(agencies).where(inArray(agencies.code, codes));
}

// Procedures.

export async function insertProcedure(tx: Tx, row: typeof procedures.$inferInsert): Promise<ProcedureRow> {
  const [r] = await tx.insert(procedures).values(row).returning();
  return r;
}

export async function countProcedures(tx: Tx): Promise<number> {
  const r = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM procedures`);
  return r[0].n;
}

export async function getProcedure(tx: Tx, id: string): Promise<ProcedureRow | null> {
  const [r] = await tx.select().from(procedures).where(eq(procedures.id, id));
  return r ?? null;
}

/** By id, or by national code (the variant without a local code first). */
export async function findProcedure(tx: Tx, idOrCode: string): Promise<ProcedureRow | null> {
  const [r] = await tx
    .select()
    .from(procedures)
    .where(or(eq(procedures.id, idOrCode), eq(procedures.code, idOrCode)))
    .orderBy(sql`(${procedures.id} = ${idOrCode}) DESC`, sql`${procedures.localCode} IS NULL DESC`, asc(procedures.localCode))
    .limit(1);
  return r ?? null;
}

export async function getProcedureByCode(tx: Tx, code: string, localCode: string | null): Promise<ProcedureRow | null> {
  const [r] = await tx
    .select()
    .from(procedures)
    .where(and(eq(procedures.code, code), sql`coalesce(${procedures.localCode}, '') = ${localCode ?? ''}`));
  return r ?? null;
}

/** Bumps the row version (when `expected` is given, only if it matches); null on a stale version. */
export async function touchProcedure(
  tx: Tx,
  id: string,
  expected: number | undefined,
  set: { publishedVersionId?: string | null },
  now: Date,
): Promise<ProcedureRow | null> {
  const cond = expected === undefined ? eq(procedures.id, id) : sql`${procedures.id} = ${id} AND ${procedures.version} = ${expected}`;
  const [r] = await tx
    .update(procedures)
    .set({ ...set, version: sql`${procedures.version} + 1`, updatedAt: now })
    .where(cond)
    .returning();
  return r ?? null;
}

// Versions.

export async function insertVersion(tx: Tx, row: NewVersionRow): Promise<VersionRow> {
  const [r] = await tx.insert(procedureVersions).values(row).returning();
  return r;
}

export async function updateVersion(tx: Tx, id: string, set: Partial<NewVersionRow>): Promise<VersionRow> {
  const [r] = await tx.update(procedureVersions).set(set).where(eq(procedureVersions.id, id)).returning();
  return r;
}

export async function getVersion(tx: Tx, id: string): Promise<VersionRow | null> {
  const [r] = await tx.select().from(procedureVersions).where(eq(procedureVersions.id, id));
  return r ?? null;
}

export async function getVersionByNumber(tx: Tx, procedureId: string, n: number): Promise<VersionRow | null> {
  const [r] = await tx
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.number, n)));
  return r ?? null;
}

export async function draftOf(tx: Tx, procedureId: string): Promise<VersionRow | null> {
  const [r] = await tx
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.status, 'draft')));
  return r ?? null;
}

export async function listVersions(tx: Tx, procedureId: string): Promise<VersionRow[]> {
  return tx.select().from(procedureVersions).where(eq(procedureVersions.procedureId, procedureId)).orderBy(desc(procedureVersions.number));
}

export async function maxVersionNumber(tx: Tx, procedureId: string): Promise<number> {
  const r = await rows<{ n: number | null }>(
    tx,
    sql`SELECT max(number)::int AS n FROM procedure_versions WHERE procedure_id = ${procedureId}`,
  );
  return r[0]?.n ?? 0;
}

export async function archivePublished(tx: Tx, procedureId: string, now: Date) {
  await tx
    .update(procedureVersions)
    .set({ status: 'archived', updatedAt: now })
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.status, 'published')));
}

// Cases and workflows.

export interface CaseWithWorkflow extends CaseRow {
  workflow: Workflow | null;
}

export async function replaceCases(
  tx: Tx,
  versionId: string,
  cases: { id: string; code: string; name: string; durationAmount: number; durationUnit: string; sameDayCutoff: string | null; workflow: Workflow | null }[],
) {
  await tx.delete(procedureCases).where(eq(procedureCases.versionId, versionId));
  if (cases.length === 0) return;
  await tx.insert(procedureCases).values(
    cases.map((c, i) => ({
      id: c.id,
      versionId,
      position: i,
      code: c.code,
      name: c.name,
      durationAmount: c.durationAmount,
      durationUnit: c.durationUnit,
      sameDayCutoff: c.sameDayCutoff,
    })),
  );
  const wfs = cases.filter((c) => c.workflow).map((c) => ({ caseId: c.id, definition: c.workflow! }));
  if (wfs.length) await tx.insert(procedureWorkflows).values(wfs);
}

export async function casesOf(tx: Tx, versionIds: string[]): Promise<CaseWithWorkflow[]> {
  if (versionIds.length === 0) return [];
  const list = await tx
    .select({ c: procedureCases, wf: procedureWorkflows.definition })
    .from(procedureCases)
    .leftJoin(procedureWorkflows, eq(procedureWorkflows.caseId, procedureCases.id))
    .where(inArray(procedureCases.versionId, versionIds))
    .orderBy(asc(procedureCases.versionId), asc(procedureCases.position));
  return list.map((r) => ({ ...r.c, workflow: r.wf ?? null }));
}

// Search.

export interface SearchFilters {
  /** Folded words, every one must occur. */
  words: string[];
  folded: string;
  field?: string;
  level?: string;
  agency?: string;
  online?: string;
  limit: number;
  offset: number;
}

const likeEscape = (w: string) => w.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Published versions matching the filters, best match first. */
export async function searchPublished(tx: Tx, f: SearchFilters): Promise<{ rows: (VersionRow & { code: string })[]; total: number }> {
  const conds = [sql`TRUE`];
  for (const w of f.words) conds.push(sql`v.search_text ILIKE ${`%${likeEscape(w)}%`}`);
  if (f.field) conds.push(sql`v.field_code = ${f.field}`);
  if (f.level) conds.push(sql`${f.level} = ANY(v.levels)`);
  if (f.agency) conds.push(sql`${f.agency} = ANY(v.agency_ids)`);
  if (f.online) conds.push(sql`v.online_type = ${f.online}`);
  const where = sql.join(conds, sql` AND `);
  const order = f.folded ? sql`public.similarity(v.search_text, ${f.folded}) DESC, p.code` : sql`p.code, p.local_code NULLS FIRST`;
  const found = await rows<{ id: string; total: number }>(
    tx,
    sql`SELECT v.id, count(*) OVER ()::int AS total
          FROM procedures p JOIN procedure_versions v ON v.id = p.published_version_id
         WHERE ${where}
         ORDER BY ${order}
         LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  if (found.length === 0) {
    if (f.offset === 0) return { rows: [], total: 0 };
    const c = await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM procedures p JOIN procedure_versions v ON v.id = p.published_version_id WHERE ${where}`,
    );
    return { rows: [], total: c[0].n };
  }
  const ids = found.map((r) => r.id);
  const list = await tx
    .select({ v: procedureVersions, code: procedures.code })
    .from(procedureVersions)
    .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
    .where(inArray(procedureVersions.id, ids));
  const byId = new Map(list.map((r) => [r.v.id, { ...r.v, code: r.code }]));
  return { rows: ids.map((id) => byId.get(id)!), total: found[0].total };
}

// Administration.

export async function insertField(tx: Tx, row: FieldRow): Promise<FieldRow> {
  const [r] = await tx.insert(procedureFields).values(row).returning();
  return r;
}

export async function renameField(tx: Tx, code: string, name: string): Promise<FieldRow | null> {
  const [r] = await tx.update(procedureFields).set({ name }).where(eq(procedureFields.code, code)).returning();
  return r ?? null;
}

export async function deleteVersion(tx: Tx, id: string) {
  await tx.delete(procedureVersions).where(eq(procedureVersions.id, id));
}

export async function deleteProcedure(tx: Tx, id: string) {
  await tx.delete(procedures).where(eq(procedures.id, id));
}

export interface AdminFilters {
  words: string[];
  field?: string;
  /** published: has a published version; draft: has a draft; unpublished: never published. */
  status?: 'published' | 'draft' | 'unpublished';
  limit: number;
  offset: number;
}

export interface AdminRow {
  id: string;
  code: string;
  localCode: string | null;
  rowVersion: number;
  updatedAt: Date;
  /** The version the catalogue office works on: the draft when there is one, else the published one. */
  currentId: string;
  publishedNumber: number | null;
  publishedAt: Date | null;
  draftNumber: number | null;
  versions: number;
}

/** Every procedure, published or not, the most recently changed first. */
export async function searchForAdmin(tx: Tx, f: AdminFilters): Promise<{ rows: AdminRow[]; total: number }> {
  const conds = [sql`TRUE`];
  for (const w of f.words) {
    const like = `%${likeEscape(w)}%`;
    conds.push(
      sql`(coalesce(d.search_text, '') ILIKE ${like} OR coalesce(pub.search_text, '') ILIKE ${like} OR lower(coalesce(p.local_code, '')) ILIKE ${like})`,
    );
  }
  if (f.field) conds.push(sql`coalesce(d.field_code, pub.field_code) = ${f.field}`);
  if (f.status === 'published') conds.push(sql`pub.id IS NOT NULL`);
  if (f.status === 'draft') conds.push(sql`d.id IS NOT NULL`);
  if (f.status === 'unpublished') conds.push(sql`pub.id IS NULL`);
  const where = sql.join(conds, sql` AND `);
  const list = await rows<{
    id: string;
    code: string;
    local_code: string | null;
    version: number;
    updated_at: Date | string;
    current_id: string;
    published_number: number | null;
    published_at: Date | string | null;
    draft_number: number | null;
    versions: number;
    total: number;
  }>(
    tx,
    sql`SELECT p.id, p.code, p.local_code, p.version, p.updated_at,
               coalesce(d.id, pub.id) AS current_id,
               pub.number AS published_number, pub.published_at, d.number AS draft_number,
               (SELECT count(*)::int FROM procedure_versions x WHERE x.procedure_id = p.id) AS versions,
               count(*) OVER ()::int AS total
          FROM procedures p
          LEFT JOIN procedure_versions pub ON pub.id = p.published_version_id
          LEFT JOIN procedure_versions d ON d.procedure_id = p.id AND d.status = 'draft'
         WHERE coalesce(d.id, pub.id) IS NOT NULL AND ${where}
         ORDER BY p.updated_at DESC, p.code, p.local_code NULLS FIRST
         LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
  const toDate = (d: Date | string) => (d instanceof Date ? d : new Date(d));
  let total = list[0]?.total ?? 0;
  if (list.length === 0 && f.offset > 0) {
    const c = await rows<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n
            FROM procedures p
            LEFT JOIN procedure_versions pub ON pub.id = p.published_version_id
            LEFT JOIN procedure_versions d ON d.procedure_id = p.id AND d.status = 'draft'
           WHERE coalesce(d.id, pub.id) IS NOT NULL AND ${where}`,
    );
    total = c[0].n;
  }
  return {
    total,
    rows: list.map((r) => ({
      id: r.id,
      code: r.code,
      localCode: r.local_code,
      rowVersion: r.version,
      updatedAt: toDate(r.updated_at),
      currentId: r.current_id,
      publishedNumber: r.published_number,
      publishedAt: r.published_at === null ? null : toDate(r.published_at),
      draftNumber: r.draft_number,
      versions: r.versions,
    })),
  };
}

export async function versionsByIds(tx: Tx, ids: string[]): Promise<VersionRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(procedureVersions).where(inArray(procedureVersions.id, ids));
}
