/**
 * The printed layout of Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP): the
 * wording of the reporting period, and the lines of the table (rows, the
 * subtotal rows of parent agencies when grouping by agency, their numbering).
 * Pure: the web page and the XLSX export draw the same lines.
 */
import { type Bieu06Counts, emptyCounts, presetPeriod, sumCounts, type PeriodKind } from './bieu06.ts';

// ——— the reporting period ———

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

/** Upper-case Roman numeral (1–3999), as official tables number their sections. */
export function roman(n: number): string {
  if (n >= 1 && n <= ROMAN.length) return ROMAN[n - 1];
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** 'YYYY-MM-DD' → 'dd/MM/yyyy'. */
export const dmy = (ymd: string) => `${ymd.slice(8, 10)}/${ymd.slice(5, 7)}/${ymd.slice(0, 4)}`;

/** The name of a preset period ("Quý III năm 2026") when [from, to] is one, in either convention; else null. */
export function presetName(from: string, to: string): string | null {
  const year = Number(to.slice(0, 4));
  if (!Number.isInteger(year)) return null;
  const candidates: [PeriodKind, number, string][] = [
    ['year', 1, `Năm ${year}`],
    ['half', 1, `6 tháng đầu năm ${year}`],
    ['half', 2, `6 tháng cuối năm ${year}`],
    ...[1, 2, 3, 4].map((q): [PeriodKind, number, string] => ['quarter', q, `Quý ${roman(q)} năm ${year}`]),
    ...Array.from({ length: 12 }, (_, i): [PeriodKind, number, string] => ['month', i + 1, `Tháng ${i + 1} năm ${year}`]),
  ];
  for (const [kind, index, name] of candidates) {
    for (const convention of ['calendar', 'reporting'] as const) {
      const p = presetPeriod(kind, year, index, convention);
      if (p.from === from && p.to === to) return name;
    }
  }
  return null;
}

/** "Kỳ báo cáo: Quý III năm 2026 (Từ ngày 15/06/2026 đến ngày 14/09/2026)", or without the name for a custom range. */
export function periodLine(from: string, to: string): string {
  const range = `Từ ngày ${dmy(from)} đến ngày ${dmy(to)}`;
  const name = presetName(from, to);
  return name ? `Kỳ báo cáo: ${name} (${range})` : `Kỳ báo cáo: ${range}`;
}

// ——— the lines of the table ———

export interface SheetRow extends Bieu06Counts {
  key: string;
  name: string;
}

/** An agency of the tree the rows hang in (the rows' agencies and their ancestors within the reader's scope). */
export interface SheetAgency {
  id: string;
  name: string;
  code: string;
  parentId: string | null;
}

/**
 * One line of the table. `row`: the numbers of one field or one agency;
 * `group`: a parent agency with the subtotal of its subtree, followed by its
 * children (deeper `depth`). `drill` says which dossiers are behind it: the
 * row's key (field code or agency id) or an agency subtree.
 */
export interface SheetLine {
  kind: 'row' | 'group';
  stt: string;
  name: string;
  depth: number;
  drill: { key: string } | { agency: string };
  counts: Bieu06Counts;
}

/** Rows grouped by field: numbered 1, 2, 3 in the order given. */
export function fieldLines(rows: readonly SheetRow[]): SheetLine[] {
  return rows.map((r, i) => ({ kind: 'row', stt: String(i + 1), name: r.name, depth: 0, drill: { key: r.key }, counts: countsOf(r) }));
}

const countsOf = (r: Bieu06Counts): Bieu06Counts => ({ received: { ...r.received }, resolved: { ...r.resolved }, inProgress: { ...r.inProgress } });

interface Node {
  agency: SheetAgency;
  own: SheetRow | null;
  children: Node[];
  sum: Bieu06Counts;
}

/**
 * Rows grouped by agency, hung in the agency tree: a parent whose subtree
 * holds rows becomes a `group` line with the subtotal, its own dossiers (if
 * any) a row "Tại <name>" and its children rows or groups below. A single
 * top agency without dossiers of its own (the province when reporting on
 * everything) is left out: its subtotal would be the total. Children in the
 * order of their electronic identifiers (the official order of units).
 * Top-level lines are numbered I, II, III when any of them is a group, and
 * their children 1, 2, 3 (then 1.1, 1.2); otherwise 1, 2, 3.
 */
export function agencyLines(rows: readonly SheetRow[], agencies: readonly SheetAgency[]): SheetLine[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const nodes = new Map<string, Node>();
  const nodeOf = (a: SheetAgency): Node => {
    let n = nodes.get(a.id);
    if (!n) {
      n = { agency: a, own: null, children: [], sum: emptyCounts() };
      nodes.set(a.id, n);
      const parent = a.parentId ? byId.get(a.parentId) : undefined;
      if (parent && parent.id !== a.id) {
        const pn = nodeOf(parent);
        pn.children.push(n);
      }
    }
    return n;
  };
  const orphans: SheetRow[] = [];
  for (const r of rows) {
    const a = byId.get(r.key);
    if (!a) {
      orphans.push(r);
      continue;
    }
    nodeOf(a).own = r;
  }
  let roots = [...nodes.values()].filter((n) => !n.agency.parentId || !nodes.has(n.agency.parentId));
  const byCode = (x: Node, y: Node) => x.agency.code.localeCompare(y.agency.code, 'en') || x.agency.name.localeCompare(y.agency.name, 'vi');
  const total = (n: Node): Bieu06Counts => {
    n.children.sort(byCode);
    n.sum = sumCounts([...(n.own ? [n.own] : []), ...n.children.map(total)]);
    return n.sum;
  };
  roots.forEach(total);
  while (roots.length === 1 && !roots[0].own && roots[0].children.length > 0) roots = roots[0].children;
  roots.sort(byCode);

  const lines: SheetLine[] = [];
  const anyGroup = roots.some((n) => n.children.length > 0);
  const emit = (n: Node, depth: number, stt: string) => {
    if (n.children.length === 0) {
      lines.push({ kind: 'row', stt, name: n.agency.name, depth, drill: { key: n.agency.id }, counts: countsOf(n.own ?? emptyCounts()) });
      return;
    }
    lines.push({ kind: 'group', stt, name: n.agency.name, depth, drill: { agency: n.agency.id }, counts: countsOf(n.sum) });
    const childStt = (i: number) => (depth === 0 && anyGroup ? String(i + 1) : `${stt}.${i + 1}`);
    let i = 0;
    if (n.own) {
      lines.push({ kind: 'row', stt: childStt(i++), name: `Tại ${n.agency.name}`, depth: depth + 1, drill: { key: n.agency.id }, counts: countsOf(n.own) });
    }
    for (const c of n.children) emit(c, depth + 1, childStt(i++));
  };
  roots.forEach((n, i) => emit(n, 0, anyGroup ? roman(i + 1) : String(i + 1)));
  // Rows whose agency is unknown to the tree (should not happen): listed last, still counted.
  orphans.forEach((r) => lines.push({ kind: 'row', stt: String(roots.length + lines.length + 1), name: r.name, depth: 0, drill: { key: r.key }, counts: countsOf(r) }));
  return lines;
}

/**
 * The eleven number columns of the form, left to right, with their column
 * numbers: (1) is the field or agency column, (2)…(12) the numbers; the STT
 * column carries no number.
 */
export const BIEU06_COLUMNS = [
  { path: 'received.total', no: 2 },
  { path: 'received.carriedOver', no: 3 },
  { path: 'received.online', no: 4 },
  { path: 'received.direct', no: 5 },
  { path: 'resolved.total', no: 6 },
  { path: 'resolved.early', no: 7 },
  { path: 'resolved.onTime', no: 8 },
  { path: 'resolved.late', no: 9 },
  { path: 'inProgress.total', no: 10 },
  { path: 'inProgress.withinDeadline', no: 11 },
  { path: 'inProgress.overdue', no: 12 },
] as const;

export type Bieu06Path = (typeof BIEU06_COLUMNS)[number]['path'];

/** The number at a path ('resolved.late') of a set of counts. */
export function countAt(c: Bieu06Counts, path: Bieu06Path): number {
  const [g, k] = path.split('.') as [keyof Bieu06Counts, string];
  return (c[g] as Record<string, number>)[k];
}
