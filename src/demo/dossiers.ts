/**
 * Demo dossiers: a few thousand dossiers over the last twelve months, in
 * every status, channel and agency, made through the dossier engine itself
 * (createDossierTx and actTx) so that their events are real. Reproducible
 * from a seed.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rows, type Tx } from '../db/client.ts';
import type { Role } from '../kernel/auth/roles.ts';
import { addWorkingTime, isWorkingDay, type WorkCalendar } from '../kernel/calendar/index.ts';
import type { Principal } from '../modules/auth/access.ts';
import { getWorkCalendar } from '../modules/dossiers/calendar.ts';
import type { DossierRow } from '../modules/dossiers/repo.ts';
import { actTx, createDossierTx, type ActionInput } from '../modules/dossiers/service.ts';
import { getSetting, setSetting } from '../modules/system/settings.ts';
import { rng } from '../kernel/random/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How often each field is filed (land, civil status and construction dominate) and how often it runs late. */
export const FIELD_MIX: Record<string, { weight: number; late: number }> = {
  DAT_DAI: { weight: 24, late: 0.16 },
  HO_TICH: { weight: 20, late: 0.02 },
  CHUNG_THUC: { weight: 14, late: 0.01 },
  XAY_DUNG: { weight: 11, late: 0.12 },
  HO_KINH_DOANH: { weight: 6, late: 0.03 },
  DANG_KY_DN: { weight: 6, late: 0.03 },
  BAO_TRO_XA_HOI: { weight: 4, late: 0.06 },
  LY_LICH_TU_PHAP: { weight: 4, late: 0.05 },
};
const DEFAULT_MIX = { weight: 1, late: 0.05 };

export const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Mai', 'Trịnh', 'Lương'];
export const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Quang', 'Thanh', 'Hữu', 'Thị Thu', 'Xuân', 'Hồng'];
export const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Trang', 'Tuấn', 'Vân', 'Yến'];
const PLACES: Record<string, string> = {
  'ag-p-hac-thanh': 'phường Hạc Thành',
  'ag-x-hoang-hoa': 'xã Hoằng Hóa',
  'ag-p-sam-son': 'phường Sầm Sơn',
  'ag-x-ngoc-lac': 'xã Ngọc Lặc',
};

interface DemoProcedure {
  code: string;
  field: string;
  agencyIds: string[];
  hasFee: boolean;
  components: string[];
}

async function loadProcedures(tx: Tx): Promise<DemoProcedure[]> {
  const list = await rows<{ code: string; field_code: string; agency_ids: string[]; fees: unknown; dossier_components: unknown }>(
    tx,
    sql`SELECT p.code, v.field_code, v.agency_ids, v.fees, v.dossier_components FROM procedures p
        JOIN procedure_versions v ON v.id = p.published_version_id ORDER BY p.code`,
  );
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { name: string }[];
  return list.map((r) => ({
    code: r.code,
    field: r.field_code,
    agencyIds: r.agency_ids,
    hasFee: parse(r.fees).length > 0,
    components: parse(r.dossier_components).map((c) => c.name),
  }));
}

async function loadPrincipals(tx: Tx): Promise<Map<string, Principal>> {
  const list = await rows<{ id: string; username: string; full_name: string; role: string; agency_id: string | null }>(
    tx,
    sql`SELECT u.id, u.username, u.full_name, g.role, g.agency_id FROM users u JOIN user_grants g ON g.user_id = u.id`,
  );
  const out = new Map<string, Principal>();
  for (const r of list) {
    const p = out.get(r.username) ?? { userId: r.id, username: r.username, fullName: r.full_name, grants: [], sessionId: null };
    p.grants.push({ role: r.role as Role, agencyId: r.agency_id });
    out.set(r.username, p);
  }
  return out;
}

export interface DemoDossierOptions {
  count?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
  /** Stop early (between dossiers) when this turns true. */
  signal?: { stopped: boolean };
  /** Generate even when dossiers exist (resuming an interrupted load). */
  resume?: boolean;
}

const PENDING = 'demo_dossiers_pending';

/** Marks the demo as waiting for its dossiers (loaded by the worker in the background). */
export async function scheduleDemoDossiers(tx: Tx, count: number): Promise<void> {
  await setSetting(tx, PENDING, count);
}

/**
 * The worker's job: loads the demo dossiers still owed (an interrupted load
 * resumes where it stopped), printing its progress.
 */
export async function loadPendingDemoDossiers(ctx: AppContext, signal: { stopped: boolean }): Promise<void> {
  const pending = await getSetting<number>(ctx.db, PENDING);
  if (!pending) return;
  const [{ n }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM dossiers`);
  const left = pending - Number(n);
  if (left > 0) {
    const started = Date.now();
    console.log(`Đang nạp ${left} hồ sơ mẫu qua bộ máy xử lý hồ sơ (chạy nền)…`);
    const done = await loadDemoDossiers(ctx, {
      count: left,
      seed: 20260301 + Number(n),
      resume: true,
      signal,
      onProgress: (d, total) => {
        if (d % 500 === 0) console.log(`  hồ sơ mẫu: ${d}/${total}`);
      },
    });
    if (signal.stopped) return;
    console.log(`Đã nạp ${done} hồ sơ mẫu sau ${((Date.now() - started) / 1000).toFixed(0)} giây.`);
  }
  await setSetting(ctx.db, PENDING, 0);
}

/** Loads the demo dossiers (once: does nothing when dossiers exist). */
export async function loadDemoDossiers(ctx: AppContext, opts: DemoDossierOptions = {}): Promise<number> {
  const count = opts.count ?? 3000;
  const rand = rng(opts.seed ?? 20260301);
  const [{ n }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM dossiers`);
  if ((Number(n) > 0 && !opts.resume) || count === 0) return 0;
  const procedures = await loadProcedures(ctx.db);
  if (procedures.length === 0) return 0;
  const people = await loadPrincipals(ctx.db);
  const cal = await getWorkCalendar(ctx, null);
  const now = ctx.now();

  // Who acts where: role@agency → person (when the demo province has one).
  const byRoleAt = (role: Role, agencyIds: string[]): Principal | null => {
    for (const p of people.values()) {
      if (p.grants.some((g) => g.role === role && g.agencyId && agencyIds.includes(g.agencyId))) return p;
    }
    return null;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const weighted = procedures.map((p) => (FIELD_MIX[p.field] ?? DEFAULT_MIX).weight / Math.max(1, procedures.filter((q) => q.field === p.field).length));
  const totalWeight = weighted.reduce((a, b) => a + b, 0);
  const pickProcedure = () => {
    let r = rand() * totalWeight;
    for (let i = 0; i < procedures.length; i++) {
      r -= weighted[i];
      if (r <= 0) return procedures[i];
    }
    return procedures[procedures.length - 1];
  };
  // A receipt instant on a working day within the last twelve months, busier in spring, quieter around Tết.
  const start = now.getTime() - 365 * DAY;
  const receiptTime = (): Date => {
    for (;;) {
      const t = start + rand() * (now.getTime() - start - 2 * HOUR);
      const day = new Date(t + 7 * HOUR);
      const month = day.getUTCMonth() + 1;
      const season = month >= 3 && month <= 5 ? 1 : month === 1 || month === 2 ? 0.55 : 0.8;
      if (rand() > season) continue;
      const iso = day.toISOString().slice(0, 10);
      if (!isWorkingDay(iso, cal)) continue;
      const minutes = 7 * 60 + 30 + Math.floor(rand() * 9 * 60); // 07:30–16:30
      if (minutes >= 11 * 60 + 30 && minutes < 13 * 60 + 30) continue;
      return new Date(Date.parse(`${iso}T00:00:00Z`) - 7 * HOUR + minutes * 60_000);
    }
  };
  const after = (t: Date, workingHours: number, c: WorkCalendar = cal) => addWorkingTime(t, Math.max(0.05, workingHours) * HOUR, c);

  let done = 0;
  for (let i = 0; i < count; i++) {
    if (opts.signal?.stopped) break;
    const proc = pickProcedure();
    const mix = FIELD_MIX[proc.field] ?? DEFAULT_MIX;
    const agencyId = pick(proc.agencyIds.length ? proc.agencyIds : ['ag-ttpvhcc']);
    const place = PLACES[agencyId] ?? pick(Object.values(PLACES));
    const r = rand();
    const channel = r < 0.38 ? 'online' : r < 0.9 ? 'counter' : 'postal';
    const fullName = `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    const idNumber = `038${String(1 + Math.floor(rand() * 99)).padStart(2, '0')}${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`;
    const phone = `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    const citizen = channel === 'online' && rand() < 0.05 ? people.get('congdan') ?? null : null;
    let t = receiptTime();
    await ctx.db.transaction(async (tx) => {
      const reception = byRoleAt('reception', [PLACES[agencyId] ? `${agencyId}-tt` : 'ag-ttpvhcc']);
      const input = {
        procedureCode: proc.code,
        channel: channel as 'online' | 'counter' | 'postal',
        agencyId,
        applicant: { fullName: citizen?.fullName ?? fullName, idNumber, phone: citizen ? '0987654321' : phone, address: `Số ${1 + Math.floor(rand() * 200)}, ${place}, tỉnh Thanh Hóa` },
        components: proc.components.slice(0, 4).map((name) => ({ name, originals: 1, copies: 0 })),
      };
      let d: DossierRow = await createDossierTx(tx, ctx, citizen, input, { system: { at: t, actor: channel === 'online' ? undefined : reception ?? undefined } });
      const step = async (action: ActionInput['action'], body: Record<string, unknown>, at: Date, who: Principal | null): Promise<boolean> => {
        if (at.getTime() > now.getTime()) return false;
        d = await actTx(tx, ctx, null, d.id, { action, expectedVersion: d.version, ...body }, at, who);
        t = at;
        return true;
      };
      const actorFor = (role: string | undefined) => {
        const agencies = [d.current_agency_id, d.agency_id];
        return byRoleAt((role ?? 'specialist') as Role, agencies) ?? byRoleAt('leader', agencies);
      };

      if (d.status === 1) {
        const q = rand();
        if (q < 0.03) {
          await step('refuse', { reason: 'Thủ tục không thuộc thẩm quyền giải quyết của cơ quan.' }, after(t, 2 + rand() * 6), reception);
          return;
        }
        if (q < 0.08) {
          if (!(await step('request_supplement', { items: [{ name: input.components[0]?.name ?? 'Đơn đề nghị', reason: 'Bản chụp không rõ nét.' }] }, after(t, 1 + rand() * 4), reception))) return;
          if (!(await step('submit_supplement', {}, after(t, 4 + rand() * 20), citizen))) return;
        }
        if (q > 0.985) {
          await step('withdraw', { reason: 'Công dân không còn nhu cầu.' }, after(t, 1 + rand() * 8), citizen);
          return;
        }
        if (!(await step('accept', {}, after(t, 0.5 + rand() * 6), reception))) return;
      }
      const late = rand() < mix.late;
      const legal = Math.max(1, (d.due_at!.getTime() - d.received_at!.getTime()) / HOUR);
      let guard = 0;
      while (d.status === 2 || d.status === 4) {
        if (guard++ > 12) break;
        const wf = d.workflow;
        const cur = wf?.steps.find((s) => s.id === d.current_step);
        const quota = cur?.quotaHours ?? 8;
        const factor = late ? 1.2 + rand() * 1.2 : 0.25 + rand() * 0.7;
        const when = after(t, Math.min(quota * factor, legal * 2));
        const who = actorFor(cur?.role);
        const x = rand();
        if (d.status === 4 && x < 0.07 && d.supplement_count < 2) {
          if (!(await step('request_supplement', { items: [{ name: 'Giấy tờ chứng minh bổ sung', reason: 'Thông tin chưa thống nhất giữa các giấy tờ.' }] }, when, who))) return;
          if (!(await step('submit_supplement', {}, after(t, 3 + rand() * 40), citizen ?? reception))) return;
          continue;
        }
        if (d.status === 4 && proc.hasFee && x < 0.1 && proc.field === 'DAT_DAI') {
          if (!(await step('request_payment', { amount: 500000 + Math.floor(rand() * 40) * 100000, description: 'Tiền sử dụng đất, lệ phí trước bạ' }, when, who))) return;
          if (!(await step('confirm_payment', { receiptNumber: `BL${Math.floor(rand() * 1e6)}` }, after(t, 4 + rand() * 30), reception))) return;
          continue;
        }
        if (d.status === 4 && x > 0.997) {
          await step('stop', { reason: 'Hồ sơ thuộc trường hợp phải dừng giải quyết theo quy định.' }, when, who);
          return;
        }
        if (late && !d.rescheduled && d.due_at && when.getTime() > d.due_at.getTime() && rand() < 0.6) {
          const apologyAt = new Date(Math.min(when.getTime(), d.due_at.getTime() - HOUR));
          if (apologyAt > t) {
            const newDue = after(d.due_at, 16 + rand() * 40);
            await step('reschedule', { newDueAt: newDue.toISOString(), reason: 'Cần thêm thời gian xác minh, lấy ý kiến cơ quan liên quan.' }, apologyAt, byRoleAt('leader', [d.agency_id]) ?? who);
          }
        }
        if (!wf || wf.ends.includes(d.current_step ?? '')) {
          const signer = byRoleAt('leader', [d.agency_id]);
          if (!(await step('complete', { result: { number: `${Math.floor(rand() * 900) + 100}/QĐ`, signer: signer?.fullName ?? 'Lãnh đạo cơ quan', signedOn: new Date(when.getTime() + 7 * HOUR).toISOString().slice(0, 10) } }, when, who))) return;
          break;
        }
        if (d.status === 4 && x > 0.96 && wf.transitions.some((tr) => tr.from === d.current_step && tr.kind === 'send_back')) {
          if (!(await step('send_back', { reason: 'Đề nghị thẩm định lại nội dung.' }, when, who))) return;
          continue;
        }
        if (!(await step('forward', {}, when, who))) return;
      }
      if (d.status === 9) {
        const method = channel === 'online' ? (rand() < 0.6 ? 'electronic' : 'counter') : channel === 'postal' ? 'post' : 'counter';
        await step('return', { method, receivedBy: method === 'counter' ? d.applicant.fullName : null }, after(t, rand() * 16), reception);
      }
    });
    done++;
    if (done % 100 === 0) opts.onProgress?.(done, count);
    // Let waiting requests through between dossiers (PGlite shares this thread).
    await new Promise((r) => setImmediate(r));
  }
  return done;
}
