/**
 * Biểu 06 as a sheet: the JSON report of bieu06() laid out as the printed form
 * shows it (reporting unit, period wording, lines with the subtotals of parent
 * agencies). The web page and the XLSX export both draw from it.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows, type Tx } from '../../db/client.ts';
import { agencyLines, fieldLines, periodLine, type SheetAgency, type SheetLine } from '../../kernel/indicators/bieu06-sheet.ts';
import type { Bieu06Counts } from '../../kernel/indicators/bieu06.ts';
import type { Principal } from '../auth/access.ts';
import { textArray } from '../dossiers/repo.ts';
import { localityOf } from '../slips/format.ts';
import { getSetting } from '../system/settings.ts';
import { bieu06, REPORT_ROLES, reportScope, type Bieu06Query, type GroupBy } from './bieu06.ts';

export interface Bieu06Sheet {
  from: string;
  to: string;
  groupBy: GroupBy;
  agency: { id: string; name: string } | null;
  /** Đơn vị báo cáo. */
  unit: string;
  /** The place written before the date of the signature block ("Thanh Hóa"), or ''. */
  place: string;
  /** "Kỳ báo cáo: Quý III năm 2026 (Từ ngày … đến ngày …)". */
  period: string;
  lines: SheetLine[];
  total: Bieu06Counts;
}

/** Agencies with their ancestors (ids given), as the sheet's tree needs them. */
async function withAncestors(tx: Tx, ids: string[]): Promise<(SheetAgency & { kind: string })[]> {
  if (ids.length === 0) return [];
  const list = await rows<{ id: string; name: string; code: string; parent_id: string | null; kind: string }>(
    tx,
    sql`WITH RECURSIVE up AS (
          SELECT id, parent_id FROM agencies WHERE id = ANY(${textArray(ids)})
          UNION SELECT a.id, a.parent_id FROM agencies a JOIN up ON a.id = up.parent_id)
        SELECT a.id, a.name, a.code, a.parent_id, a.kind FROM agencies a JOIN up ON up.id = a.id`,
  );
  return list.map((a) => ({ id: a.id, name: a.name, code: a.code, parentId: a.parent_id, kind: a.kind }));
}

/**
 * The reporting unit: the chosen agency; else, for a reader with a scope, the
 * agencies of their report grants; else the top of the tree (the province).
 */
export async function reportingUnit(tx: Tx, p: Principal, agency: { id: string; name: string } | null): Promise<{ unit: string; place: string }> {
  let ids: string[];
  if (agency) ids = [agency.id];
  else {
    const granted = p.grants.filter((g) => REPORT_ROLES.includes(g.role) && g.agencyId).map((g) => g.agencyId!);
    const systemWide = p.grants.some((g) => REPORT_ROLES.includes(g.role) && !g.agencyId);
    ids = systemWide || granted.length === 0
      ? (await rows<{ id: string }>(tx, sql`SELECT id FROM agencies WHERE parent_id IS NULL AND (valid_to IS NULL OR valid_to >= CURRENT_DATE) ORDER BY code`)).map((r) => r.id)
      : [...new Set(granted)];
  }
  const tree = await withAncestors(tx, ids);
  const byId = new Map(tree.map((a) => [a.id, a]));
  const names = ids.map((id) => byId.get(id)?.name).filter((n): n is string => !!n);
  let place = '';
  for (let a = byId.get(ids[0]), i = 0; a && i < 32 && !place; a = a.parentId ? byId.get(a.parentId) : undefined, i++) {
    if (a.kind === 'people_committee') place = localityOf(a.name)?.place ?? '';
  }
  if (names.length === 0) {
    const province = await getSetting<string>(tx, 'province_name');
    return { unit: province ? `Ủy ban nhân dân ${province.charAt(0).toLowerCase()}${province.slice(1)}` : '', place };
  }
  return { unit: names.join('; '), place };
}

export async function bieu06Sheet(ctx: AppContext, p: Principal, q: Bieu06Query): Promise<Bieu06Sheet> {
  const report = await bieu06(ctx, p, q);
  return ctx.db.transaction(async (tx) => {
    const { scope } = await reportScope(tx, p, q.agency);
    let lines: SheetLine[];
    if (q.groupBy === 'agency') {
      const inScope = scope ? new Set(scope) : null;
      const agencies = (await withAncestors(tx, report.rows.map((r) => r.key))).filter((a) => !inScope || inScope.has(a.id));
      lines = agencyLines(report.rows, agencies);
    } else {
      lines = fieldLines(report.rows);
    }
    const { unit, place } = await reportingUnit(tx, p, report.agency);
    return {
      from: report.from,
      to: report.to,
      groupBy: report.groupBy,
      agency: report.agency,
      unit,
      place,
      period: periodLine(report.from, report.to),
      lines,
      total: report.total,
    };
  });
}
