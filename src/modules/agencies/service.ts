import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { AppError, errors } from '../../http/errors.ts';
import type { Principal } from '../auth/access.ts';
import { mayActAt } from '../auth/access.ts';
import { recordAudit } from '../audit/repo.ts';
import * as repo from './repo.ts';

export const AGENCY_LEVELS = ['central', 'province', 'district', 'commune'] as const;
export const AGENCY_KINDS = ['people_committee', 'department', 'service_center', 'one_stop', 'division', 'branch', 'other'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Mã định danh điện tử: four groups, e.g. 000.00.31.H56. */
export const AGENCY_CODE_RE = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$/;

/** Administrative unit code length per level (Decision 19/2025/QĐ-TTg; 3 digits for the former districts). */
const ADMIN_CODE_LENGTH: Record<AgencyLevel, number | null> = { central: null, province: 2, district: 3, commune: 5 };

export interface AgencyDto {
  id: string;
  name: string;
  shortName: string | null;
  code: string;
  adminUnitCode: string | null;
  parentId: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  validFrom: string;
  validTo: string | null;
  predecessorIds: string[];
  successorIds: string[];
  version: number;
}

type Succ = { predecessorId: string; successorId: string };

export function presentAgency(row: repo.AgencyRow, succ: readonly Succ[]): AgencyDto {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    code: row.code,
    adminUnitCode: row.adminUnitCode,
    parentId: row.parentId,
    level: row.level as AgencyLevel,
    kind: row.kind as AgencyKind,
    validFrom: row.validFrom,
    validTo: row.validTo,
    predecessorIds: succ.filter((s) => s.successorId === row.id).map((s) => s.predecessorId),
    successorIds: succ.filter((s) => s.predecessorId === row.id).map((s) => s.successorId),
    version: row.version,
  };
}

export function vnToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export async function listAgencies(ctx: AppContext, opts: { all: boolean; onDate?: string }): Promise<AgencyDto[]> {
  const onDate = opts.all ? null : (opts.onDate ?? vnToday(ctx.now()));
  const list = await repo.listAgencies(ctx.db, { onDate });
  const succ = await repo.allSuccessions(ctx.db);
  return list.map((r) => presentAgency(r, succ));
}

/** Cơ quan đang hoạt động, công khai: only what a citizen needs to pick an agency (no history, no versions). */
export async function listPublicAgencies(ctx: AppContext) {
  const list = await repo.listAgencies(ctx.db, { onDate: vnToday(ctx.now()) });
  return list.map((r) => ({ id: r.id, name: r.name, shortName: r.shortName, code: r.code, parentId: r.parentId, level: r.level as AgencyLevel, kind: r.kind as AgencyKind }));
}

export async function getAgency(ctx: AppContext, idOrCode: string): Promise<AgencyDto> {
  const row = await repo.findAgency(ctx.db, idOrCode);
  if (!row) throw errors.notFound('Không tìm thấy cơ quan.');
  return presentAgency(row, await repo.successionsOf(ctx.db, [row.id]));
}

export interface AgencyInput {
  name: string;
  shortName?: string | null;
  code: string;
  adminUnitCode?: string | null;
  parentId?: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  validFrom?: string;
  predecessorIds?: string[];
}

function checkShape(input: { level: AgencyLevel; adminUnitCode?: string | null; code: string; validFrom?: string; validTo?: string | null }) {
  const problems: { path: string; message: string }[] = [];
  if (!AGENCY_CODE_RE.test(input.code)) {
    problems.push({ path: 'code', message: 'Mã định danh phải có dạng xxx.xx.xx.Hxx, ví dụ 000.00.31.H56.' });
  }
  const len = ADMIN_CODE_LENGTH[input.level];
  if (input.adminUnitCode) {
    if (len === null) problems.push({ path: 'adminUnitCode', message: 'Cơ quan trung ương không có mã đơn vị hành chính.' });
    else if (!new RegExp(`^[0-9]{${len}}$`).test(input.adminUnitCode)) {
      problems.push({ path: 'adminUnitCode', message: `Mã đơn vị hành chính ở cấp này gồm ${len} chữ số.` });
    }
  }
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    problems.push({ path: 'validTo', message: 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.' });
  }
  if (problems.length) throw errors.validation(problems);
}

async function requireAdminOver(tx: Tx, p: Principal, parentId: string | null) {
  if (!(await mayActAt(tx, p, ['admin'], parentId))) {
    throw errors.forbidden('Bạn không có quyền quản trị tại cơ quan này.');
  }
}

function uniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export async function createAgency(ctx: AppContext, p: Principal, input: AgencyInput, ip: string | null): Promise<AgencyDto> {
  checkShape(input);
  return ctx.db.transaction(async (tx) => {
    const parentId = input.parentId ?? null;
    if (parentId && !(await repo.getAgency(tx, parentId))) {
      throw errors.validation([{ path: 'parentId', message: 'Cơ quan cấp trên không tồn tại.' }]);
    }
    await requireAdminOver(tx, p, parentId);
    if (await repo.getAgencyByCode(tx, input.code)) {
      throw errors.duplicate('DUPLICATE_CODE', `Mã định danh ${input.code} đã được dùng cho cơ quan khác.`);
    }
    const preds = [...new Set(input.predecessorIds ?? [])];
    for (const id of preds) {
      if (!(await repo.getAgency(tx, id))) {
        throw errors.validation([{ path: 'predecessorIds', message: 'Cơ quan tiền thân không tồn tại.' }]);
      }
    }
    const now = ctx.now();
    const id = randomUUID();
    let row: repo.AgencyRow;
    try {
      row = await repo.insertAgency(tx, {
        id,
        parentId,
        name: input.name.trim(),
        shortName: input.shortName?.trim() || null,
        code: input.code,
        adminUnitCode: input.adminUnitCode || null,
        level: input.level,
        kind: input.kind,
        validFrom: input.validFrom ?? vnToday(now),
        validTo: null,
        settings: {},
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    } catch (err) {
      if (uniqueViolation(err)) throw errors.duplicate('DUPLICATE_CODE', `Mã định danh ${input.code} đã được dùng.`);
      throw err;
    }
    await repo.insertSuccessions(
      tx,
      preds.map((pid) => ({ predecessorId: pid, successorId: id, effectiveDate: row.validFrom })),
    );
    await recordAudit(tx, {
      type: 'agency_created',
      actorId: p.userId,
      actorName: p.fullName,
      subject: `${row.name} (${row.code})`,
      ip,
      details: { agencyId: id, parentId, predecessorIds: preds },
    });
    return presentAgency(row, await repo.successionsOf(tx, [id]));
  });
}

export interface AgencyPatch {
  version: number;
  name?: string;
  shortName?: string | null;
  code?: string;
  adminUnitCode?: string | null;
  parentId?: string | null;
  level?: AgencyLevel;
  kind?: AgencyKind;
  validFrom?: string;
  validTo?: string | null;
}

export async function updateAgency(ctx: AppContext, p: Principal, id: string, patch: AgencyPatch, ip: string | null) {
  return ctx.db.transaction(async (tx) => {
    const cur = await repo.getAgency(tx, id);
    if (!cur) throw errors.notFound('Không tìm thấy cơ quan.');
    await requireAdminOver(tx, p, cur.parentId);
    const next = {
      level: (patch.level ?? cur.level) as AgencyLevel,
      adminUnitCode: patch.adminUnitCode === undefined ? cur.adminUnitCode : patch.adminUnitCode,
      code: patch.code ?? cur.code,
      validFrom: patch.validFrom ?? cur.validFrom,
      validTo: patch.validTo === undefined ? cur.validTo : patch.validTo,
    };
    checkShape(next);
    if (patch.parentId !== undefined && patch.parentId !== cur.parentId) {
      if (patch.parentId !== null) {
        if (!(await repo.getAgency(tx, patch.parentId))) {
          throw errors.validation([{ path: 'parentId', message: 'Cơ quan cấp trên không tồn tại.' }]);
        }
        const chain = await repo.ancestry(tx, patch.parentId);
        if (chain.includes(id)) {
          throw errors.validation([{ path: 'parentId', message: 'Không thể chuyển cơ quan vào dưới chính đơn vị trực thuộc của nó.' }]);
        }
      }
      await requireAdminOver(tx, p, patch.parentId);
    }
    if (patch.code && patch.code !== cur.code && (await repo.getAgencyByCode(tx, patch.code))) {
      throw errors.duplicate('DUPLICATE_CODE', `Mã định danh ${patch.code} đã được dùng cho cơ quan khác.`);
    }
    const { version, ...fields } = patch;
    const set: Partial<repo.NewAgencyRow> = {};
    if (fields.name !== undefined) set.name = fields.name.trim();
    if (fields.shortName !== undefined) set.shortName = fields.shortName?.trim() || null;
    if (fields.code !== undefined) set.code = fields.code;
    if (fields.adminUnitCode !== undefined) set.adminUnitCode = fields.adminUnitCode || null;
    if (fields.parentId !== undefined) set.parentId = fields.parentId;
    if (fields.level !== undefined) set.level = fields.level;
    if (fields.kind !== undefined) set.kind = fields.kind;
    if (fields.validFrom !== undefined) set.validFrom = fields.validFrom;
    if (fields.validTo !== undefined) set.validTo = fields.validTo;
    let row: repo.AgencyRow | null;
    try {
      row = await repo.updateAgency(tx, id, version, set, ctx.now());
    } catch (err) {
      if (uniqueViolation(err)) throw errors.duplicate('DUPLICATE_CODE', 'Mã định danh đã được dùng.');
      throw err;
    }
    if (!row) throw errors.conflict();
    await recordAudit(tx, {
      type: 'agency_updated',
      actorId: p.userId,
      actorName: p.fullName,
      subject: `${row.name} (${row.code})`,
      ip,
      details: { agencyId: id, changes: set as Record<string, unknown> },
    });
    return presentAgency(row, await repo.successionsOf(tx, [id]));
  });
}

/** Ends an agency's validity (giải thể, sáp nhập) and records its successors. */
export async function endAgency(
  ctx: AppContext,
  p: Principal,
  id: string,
  input: { validTo: string; successorIds: string[]; version?: number },
  ip: string | null,
) {
  return ctx.db.transaction(async (tx) => {
    const cur = await repo.getAgency(tx, id);
    if (!cur) throw errors.notFound('Không tìm thấy cơ quan.');
    await requireAdminOver(tx, p, cur.parentId);
    if (cur.validTo) throw new AppError(409, 'ALREADY_ENDED', `Cơ quan đã hết hiệu lực từ ${cur.validTo}.`);
    if (input.validTo < cur.validFrom) {
      throw errors.validation([{ path: 'validTo', message: 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.' }]);
    }
    const succ = [...new Set(input.successorIds)];
    for (const s of succ) {
      if (s === id) throw errors.validation([{ path: 'successorIds', message: 'Cơ quan không thể kế thừa chính nó.' }]);
      if (!(await repo.getAgency(tx, s))) {
        throw errors.validation([{ path: 'successorIds', message: 'Cơ quan kế thừa không tồn tại.' }]);
      }
    }
    const row = await repo.updateAgency(tx, id, input.version ?? cur.version, { validTo: input.validTo }, ctx.now());
    if (!row) throw errors.conflict();
    const d = new Date(`${input.validTo}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    await repo.insertSuccessions(
      tx,
      succ.map((s) => ({ predecessorId: id, successorId: s, effectiveDate: d.toISOString().slice(0, 10) })),
    );
    await recordAudit(tx, {
      type: 'agency_ended',
      actorId: p.userId,
      actorName: p.fullName,
      subject: `${row.name} (${row.code})`,
      ip,
      details: { agencyId: id, validTo: input.validTo, successorIds: succ },
    });
    return presentAgency(row, await repo.successionsOf(tx, [id]));
  });
}
