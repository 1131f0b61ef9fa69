/**
 * `motcua gen`: a synthetic province at scale, reproducible from a seed. The
 * demo province (agencies, users of every role, catalogue) is extended to
 * `procedures` procedures over `fields` fields by cloning the demo
 * procedures (same workflows, new codes and fields), then `dossiers` dossiers
 * over `years` years are written with COPY in large batches: seasonality and
 * working days, a field mix dominated by land, civil status and construction,
 * the three channels, supplements, a late share per field, every status, and
 * an event log consistent with each dossier's history (real hash chains:
 * `motcua audit verify` passes). Secondary indexes are dropped around a large
 * load on PostgreSQL and rebuilt at the end, then ANALYZE.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { isWorkingDay, addWorkingTime, dueDate, type WorkCalendar } from '../kernel/calendar/index.ts';
import { formatDossierCode, vnDay } from '../kernel/dossier/code.ts';
import { eventHash, GENESIS_HASH } from '../kernel/dossier/hash.ts';
import { STATUS } from '../kernel/dossier/status.ts';
import { timelinessOf } from '../kernel/dossier/timeliness.ts';
import { FIELD_MIX, GIVEN, MIDDLE, rng, SURNAMES } from '../demo/dossiers.ts';
import { loadDemo, isEmpty } from '../demo/load.ts';
import { bulkTransaction, copyTextArray, copyValue } from '../modules/dossiers/bulk.ts';
import { getWorkCalendar } from '../modules/calendar/service.ts';
import { receptionUnitFor, stepAgency } from '../modules/dossiers/service.ts';
import { setSetting } from '../modules/system/settings.ts';
import type { Workflow } from '../modules/procedures/workflow.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface GenOptions {
  dossiers: number;
  years: number;
  seed: number;
  procedures: number;
  fields: number;
  adminPassword: string;
  batch?: number;
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}

/** Field weights and late shares: the demo's (land and construction run late most). */
const OTHER_FIELD = { weight: 0.4, late: 0.05 };

const DOSSIER_COLUMNS = [
  'id', 'code', 'status', 'channel', 'procedure_id', 'procedure_version_id', 'procedure_code', 'procedure_name', 'field_code',
  'case_code', 'case_name', 'duration_amount', 'duration_unit', 'same_day_cutoff', 'workflow', 'agency_id', 'reception_agency_id',
  'current_agency_id', 'involved_agencies', 'current_step', 'step_started_at', 'applicant', 'applicant_name_search', 'id_last4', 'phone_last4',
  'components', 'submitted_at', 'received_at', 'clock_started_at', 'due_at', 'paused_at', 'resume_status', 'supplement_count', 'finished_at',
  'returned_at', 'timeliness', 'imported', 'event_count', 'last_hash', 'version', 'created_at', 'updated_at',
] as const;
const EVENT_COLUMNS = [
  'dossier_id', 'seq', 'action', 'actor_id', 'actor_name', 'at', 'from_status', 'to_status', 'from_step', 'to_step', 'agency_id', 'data',
  'prev_hash', 'hash',
] as const;

const FOLD: Record<string, string> = {};
const fold = (s: string) => (FOLD[s] ??= s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase());

interface GenCase {
  procedureId: string;
  versionId: string;
  code: string;
  name: string;
  field: string;
  caseCode: string;
  caseName: string;
  amount: number;
  unit: 'working_days' | 'working_hours' | 'calendar_days';
  cutoff: string | null;
  workflow: Workflow | null;
  workflowJson: string;
  /** The forward path from the start step to an end step. */
  path: string[];
  agencies: { id: string; receptionId: string; receptionCode: string }[];
}

/** Clones the published demo procedures until the catalogue has `target` procedures over `fields` fields. */
async function extendCatalogue(ctx: AppContext, target: number, fields: number): Promise<void> {
  const existingFields = await rows<{ code: string }>(ctx.db, sql`SELECT code FROM procedure_fields ORDER BY code`);
  for (let i = existingFields.length + 1; i <= fields; i++) {
    await ctx.db.execute(sql`INSERT INTO procedure_fields (code, name) VALUES (${`LV_${String(i).padStart(2, '0')}`}, ${`Lĩnh vực tổng hợp số ${i}`}) ON CONFLICT DO NOTHING`);
  }
  const [{ n }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM procedures`);
  const missing = target - Number(n);
  if (missing <= 0) return;
  const colsOf = async (table: string) =>
    (await rows<{ column_name: string }>(ctx.db, sql`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`)).map((r) => r.column_name);
  const vCols = await colsOf('procedure_versions');
  const cCols = await colsOf('procedure_cases');
  const q = (c: string) => `"${c}"`;
  const vSel = vCols.map((c) => (c === 'id' ? `'gv-' || g.i || '-' || v.id` : c === 'procedure_id' ? `'gp-' || g.i` : c === 'field_code' ? 'g.field' : c === 'name' ? `v.name || ' (mẫu ' || g.i || ')'` : `v.${q(c)}`));
  const cSel = cCols.map((c) => (c === 'id' ? `'gc-' || g.i || '-' || c.id` : c === 'version_id' ? `'gv-' || g.i || '-' || v.id` : `c.${q(c)}`));
  // g: i → the base procedure (round robin) and a field (the demo's field for half of them, else a synthetic one).
  const gen = `WITH base AS (SELECT p.*, row_number() OVER (ORDER BY p.code) - 1 AS k, count(*) OVER () AS m FROM procedures p WHERE p.published_version_id IS NOT NULL AND p.id NOT LIKE 'gp-%'),
    fl AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS m FROM procedure_fields),
    g AS (SELECT s.i, b.id AS base_id, b.published_version_id AS base_version, b.code AS base_code,
            CASE WHEN s.i % 2 = 0 THEN (SELECT field_code FROM procedure_versions WHERE id = b.published_version_id)
                 ELSE (SELECT code FROM fl WHERE fl.k = (s.i / 2) % fl.m) END AS field
          FROM generate_series(1, ${missing}) s(i) JOIN base b ON b.k = s.i % b.m)`;
  await ctx.database.exec(`BEGIN;
    INSERT INTO procedures (id, code, local_code, published_version_id, version, created_at, updated_at)
      ${gen} SELECT 'gp-' || g.i, 'G.' || lpad(g.i::text, 6, '0'), NULL, NULL, 1, now(), now() FROM g;
    INSERT INTO procedure_versions (${vCols.map(q).join(', ')})
      ${gen} SELECT ${vSel.join(', ')} FROM g JOIN procedure_versions v ON v.id = g.base_version;
    INSERT INTO procedure_cases (${cCols.map(q).join(', ')})
      ${gen} SELECT ${cSel.join(', ')} FROM g JOIN procedure_versions v ON v.id = g.base_version JOIN procedure_cases c ON c.version_id = v.id;
    INSERT INTO procedure_workflows (case_id, definition)
      ${gen} SELECT 'gc-' || g.i || '-' || c.id, w.definition FROM g JOIN procedure_cases c ON c.version_id = g.base_version JOIN procedure_workflows w ON w.case_id = c.id;
    UPDATE procedures p SET published_version_id = v.id FROM procedure_versions v WHERE v.procedure_id = p.id AND p.id LIKE 'gp-%' AND p.published_version_id IS NULL;
    COMMIT;`);
}

async function loadCases(ctx: AppContext): Promise<GenCase[]> {
  const list = await rows<{
    pid: string; vid: string; code: string; name: string; field: string; agency_ids: string[]; ccode: string; cname: string;
    amount: number; unit: GenCase['unit']; cutoff: string | null; definition: unknown; position: number;
  }>(
    ctx.db,
    sql`SELECT p.id AS pid, v.id AS vid, p.code, v.name, v.field_code AS field, v.agency_ids, c.code AS ccode, c.name AS cname,
               c.duration_amount AS amount, c.duration_unit AS unit, c.same_day_cutoff AS cutoff, w.definition, c.position
        FROM procedures p JOIN procedure_versions v ON v.id = p.published_version_id
        JOIN procedure_cases c ON c.version_id = v.id LEFT JOIN procedure_workflows w ON w.case_id = c.id
        ORDER BY p.code, c.position`,
  );
  const seen = new Set<string>();
  const agencyCache = new Map<string, GenCase['agencies'][number]>();
  const out: GenCase[] = [];
  for (const r of list) {
    if (seen.has(r.pid)) continue; // the first case of each procedure
    seen.add(r.pid);
    const wf = (typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition) as Workflow | null;
    const path: string[] = [];
    if (wf) {
      let cur = wf.start;
      path.push(cur);
      while (!wf.ends.includes(cur) && path.length < 12) {
        const next = wf.transitions.find((t) => t.from === cur && t.kind !== 'send_back' && !path.includes(t.to));
        if (!next) break;
        cur = next.to;
        path.push(cur);
      }
    }
    const agencies = [];
    for (const id of r.agency_ids.length ? r.agency_ids : ['ag-ttpvhcc']) {
      let a = agencyCache.get(id);
      if (!a) {
        const receptionId = await receptionUnitFor(ctx.db, id);
        const [{ code }] = await rows<{ code: string }>(ctx.db, sql`SELECT code FROM agencies WHERE id = ${receptionId}`);
        a = { id, receptionId, receptionCode: code };
        agencyCache.set(id, a);
      }
      agencies.push(a);
    }
    out.push({
      procedureId: r.pid, versionId: r.vid, code: r.code, name: r.name, field: r.field, caseCode: r.ccode, caseName: r.cname,
      amount: Number(r.amount), unit: r.unit, cutoff: r.cutoff, workflow: wf, workflowJson: wf ? JSON.stringify(wf) : '\\N', path, agencies,
    });
  }
  return out;
}

/** Secondary (non-constraint) indexes of the two big tables: dropped around a large load, rebuilt after. */
async function secondaryIndexes(ctx: AppContext): Promise<{ name: string; def: string }[]> {
  return rows<{ name: string; def: string }>(
    ctx.db,
    sql`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename IN ('dossiers', 'dossier_events')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
}

export interface GenResult {
  dossiers: number;
  events: number;
  procedures: number;
  seconds: number;
}

/** Generates the synthetic province into ctx's database (see the module comment). */
export async function generateProvince(ctx: AppContext, opts: GenOptions): Promise<GenResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  if (await isEmpty(ctx)) {
    log('Nạp tỉnh mẫu: cơ quan, người dùng, danh mục thủ tục…');
    await loadDemo(ctx, opts.adminPassword);
  }
  await setSetting(ctx.db, 'demo_dossiers_pending', 0);
  await extendCatalogue(ctx, opts.procedures, opts.fields);
  const cases = await loadCases(ctx);
  log(`Danh mục: ${cases.length} thủ tục, ${new Set(cases.map((c) => c.field)).size} lĩnh vực.`);
  const users = await rows<{ id: string; full_name: string; role: string }>(
    ctx.db,
    sql`SELECT u.id, u.full_name, g.role FROM users u JOIN user_grants g ON g.user_id = u.id WHERE g.role <> 'citizen'`,
  );
  const actorOf = (role: string) => users.find((u) => u.role === role) ?? users[0];
  const cal: WorkCalendar = await getWorkCalendar(ctx, null);
  const rand = rng(opts.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

  // Field mix: a weight per procedure so that each field's share follows FIELD_MIX.
  const perField = new Map<string, number>();
  for (const c of cases) perField.set(c.field, (perField.get(c.field) ?? 0) + 1);
  const cumulative: number[] = [];
  let acc = 0;
  for (const c of cases) cumulative.push((acc += (FIELD_MIX[c.field] ?? OTHER_FIELD).weight / perField.get(c.field)!));
  const pickCase = () => {
    const r = rand() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return cases[lo];
  };

  // Receipt days: working days of the period, each with a seasonal weight (spring busy, Tết quiet).
  const now = ctx.now().getTime();
  const firstMs = now - opts.years * 365 * DAY;
  const days: { day: string; weight: number }[] = [];
  for (let t = firstMs; t < now - DAY; t += DAY) {
    const day = vnDay(new Date(t));
    if (!isWorkingDay(day, cal)) continue;
    const month = Number(day.slice(5, 7));
    days.push({ day, weight: month >= 3 && month <= 5 ? 1.3 : month === 1 || month === 2 ? 0.7 : month === 12 ? 1.15 : 1 });
  }
  const dayCum: number[] = [];
  let dayAcc = 0;
  for (const d of days) dayCum.push((dayAcc += d.weight));
  const pickDay = () => {
    const r = rand() * dayAcc;
    let lo = 0;
    let hi = dayCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dayCum[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return days[lo].day;
  };
  const counters = new Map<string, number>();
  const after = (t: number, hours: number) => addWorkingTime(t, Math.max(0.05, hours) * HOUR, cal).getTime();

  // Large loads on PostgreSQL: drop the secondary indexes, rebuild them at the end.
  const dropIndexes = ctx.database.kind === 'postgres' && opts.dossiers >= 200_000;
  const indexes = dropIndexes ? await secondaryIndexes(ctx) : [];
  if (dropIndexes) for (const ix of indexes) await ctx.database.exec(`DROP INDEX IF EXISTS "${ix.name}"`);

  const batchSize = opts.batch ?? (ctx.database.kind === 'pglite' ? 5_000 : 20_000);
  const idBase = (opts.seed >>> 0).toString(16).padStart(8, '0');
  let done = 0;
  let events = 0;
  let inflight: Promise<void> | null = null;
  try {
    while (done < opts.dossiers) {
      const count = Math.min(batchSize, opts.dossiers - done);
      let dl = '';
      let el = '';
      for (let k = 0; k < count; k++) {
        const n = done + k;
        const id = `${idBase}-g${String(n).padStart(9, '0')}`;
        const c = pickCase();
        const ag = pick(c.agencies);
        const mix = FIELD_MIX[c.field] ?? OTHER_FIELD;
        const r = rand();
        const channel = r < 0.38 ? 'online' : r < 0.92 ? 'counter' : 'postal';
        const day = pickDay();
        const minutes = 7 * 60 + 30 + Math.floor(rand() * 8 * 60); // 07:30–15:30
        const submitted = Date.parse(`${day}T00:00:00Z`) - 7 * HOUR + (minutes >= 11 * 60 + 30 ? minutes + 120 : minutes) * 60_000;
        const fullName = `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
        const idNumber = `038${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
        const phone = `09${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
        const applicant = { fullName, idNumber, phone, address: 'tỉnh Thanh Hóa' };
        const reception = actorOf('reception');
        // The history, as a list of events (cut at now: later actions have not happened yet).
        let status: number = STATUS.NEW;
        let step: string | null = null;
        let t = submitted;
        let received: number | null = null;
        let clockStart: number | null = null;
        let due: number | null = null;
        let finished: number | null = null;
        let returned: number | null = null;
        let paused: number | null = null;
        let supplements = 0;
        let code: string | null = null;
        let stepStarted: number | null = null;
        let prev = GENESIS_HASH;
        let seq = 0;
        let stopped = false;
        const involved = new Set([ag.receptionId, ag.id]);
        const base = { agency_id: ag.id, reception_agency_id: ag.receptionId };
        const stepObj = (s: string | null) => (s && c.workflow ? c.workflow.steps.find((x) => x.id === s) ?? null : null);
        let current = ag.receptionId;
        const push = (action: string, at: number, to: number, toStep: string | null, actor: { id: string; full_name: string } | null, data: Record<string, unknown> = {}) => {
          if (at > now) {
            stopped = true;
            return false;
          }
          seq++;
          const atIso = new Date(at).toISOString();
          const h = eventHash(prev, { dossierId: id, seq, action, actorId: actor?.id ?? null, at: atIso, fromStatus: seq === 1 ? null : status, toStatus: to, data });
          el += `${id}\t${seq}\t${action}\t${actor ? actor.id : '\\N'}\t${actor ? copyValue(actor.full_name) : '\\N'}\t${atIso}\t${seq === 1 ? '\\N' : status}\t${to}\t${copyValue(step)}\t${copyValue(toStep)}\t${current}\t${copyValue(JSON.stringify(data))}\t${prev}\t${h}\n`;
          prev = h;
          status = to;
          if (toStep !== step) stepStarted = at;
          step = toStep;
          t = at;
          return true;
        };
        const accept = (at: number) => {
          received = at;
          const d = vnDay(new Date(at));
          const key = `${ag.receptionCode}|${d}`;
          const seqNo = (counters.get(key) ?? 0) + 1;
          counters.set(key, seqNo);
          code = formatDossierCode(ag.receptionCode, d, seqNo);
          const o = c.cutoff ? { cutoff: c.cutoff } : {};
          clockStart = dueDate(new Date(at), 0, c.unit, cal, o).getTime();
          due = c.amount > 0 || c.unit !== 'calendar_days' ? dueDate(new Date(at), c.amount, c.unit, cal, o).getTime() : clockStart;
        };
        // Submission (online: new; counter and postal: accepted at once).
        if (channel === 'online') {
          push('create', submitted, STATUS.NEW, null, null, { channel });
          const q = rand();
          if (q < 0.03) {
            push('refuse', after(t, 2 + rand() * 6), STATUS.REFUSED, null, reception, { reason: 'Thủ tục không thuộc thẩm quyền giải quyết của cơ quan.' });
            finished = status === STATUS.REFUSED ? t : null;
          } else if (q > 0.99) {
            if (push('withdraw', after(t, 1 + rand() * 8), STATUS.WITHDRAWN, null, null, { reason: 'Công dân không còn nhu cầu.' })) finished = t;
          } else if (submitted > now - 3 * DAY && rand() < 0.3) {
            // Filed in the last days and not yet looked at: still new.
          } else {
            const at = after(t, 0.5 + rand() * 6);
            if (at <= now) {
              accept(at);
              current = stepAgency(base, stepObj(c.path[0] ?? null));
              push('accept', at, STATUS.RECEIVED, c.path[0] ?? null, reception, { code });
            } else stopped = true;
          }
        } else {
          accept(submitted);
          current = stepAgency(base, stepObj(c.path[0] ?? null));
          push('create', submitted, STATUS.RECEIVED, c.path[0] ?? null, reception, { channel, code });
        }
        if (status === STATUS.RECEIVED && !stopped) {
          const late = rand() < mix.late;
          const legal = Math.max(1, (due! - received!) / HOUR);
          const perStep = legal / Math.max(1, c.path.length);
          for (let i = 1; i < c.path.length && !stopped; i++) {
            const factor = late ? 1.1 + rand() * 0.8 : 0.2 + rand() * 0.6;
            const nextStep = c.path[i];
            const so = stepObj(nextStep);
            const nextAgency = stepAgency(base, so);
            const actor = actorOf(stepObj(step)?.role ?? 'specialist');
            const at = after(t, perStep * factor);
            if (at > now) {
              stopped = true;
              break;
            }
            current = nextAgency;
            involved.add(current);
            push('forward', at, STATUS.PROCESSING, nextStep, actor);
            if (i === 1 && rand() < 0.06 && supplements < 2) {
              if (!push('request_supplement', after(t, 1 + rand() * 8), STATUS.SUPPLEMENT, step, actor, { items: [{ name: 'Giấy tờ chứng minh bổ sung', reason: 'Thông tin chưa thống nhất.' }] })) {
                paused = null;
                break;
              }
              paused = t;
              supplements++;
              if (!push('submit_supplement', after(t, 4 + rand() * 30), STATUS.PROCESSING, step, null)) break;
              paused = null;
            }
          }
          if (!stopped && (status as number) === STATUS.PROCESSING && rand() < 0.004) {
            if (push('stop', after(t, 2 + rand() * 8), STATUS.STOPPED, null, actorOf('leader'), { reason: 'Hồ sơ thuộc trường hợp phải dừng giải quyết.' })) finished = t;
          }
          if (!stopped && ((status as number) === STATUS.PROCESSING || ((status as number) === STATUS.RECEIVED && c.path.length <= 1))) {
            const at = after(t, late ? perStep * (1.2 + rand()) : perStep * (0.1 + rand() * 0.5));
            const signedOn = vnDay(new Date(at));
            if (push('complete', at, STATUS.DONE, null, actorOf('clerk'), { result: { number: `${100 + (n % 900)}/QĐ`, signer: 'Lãnh đạo cơ quan', signedOn } })) {
              finished = t;
              current = ag.receptionId;
              const method = channel === 'online' ? 'electronic' : channel === 'postal' ? 'post' : 'counter';
              if (push('return', after(t, rand() * 16), STATUS.RETURNED, null, reception, { method })) returned = t;
            }
          }
        }
        involved.add(current);
        const open = status === STATUS.RECEIVED || status === STATUS.PROCESSING || status === STATUS.SUPPLEMENT || status === STATUS.PAYMENT;
        const timeliness = received !== null && finished !== null && status !== STATUS.REFUSED ? timelinessOf(new Date(finished), due ? new Date(due) : null) : null;
        const iso = (x: number | null) => (x === null ? '\\N' : new Date(x).toISOString());
        const atIso = new Date(t).toISOString();
        dl += [
          id, copyValue(code), status, channel, c.procedureId, c.versionId, copyValue(c.code), copyValue(c.name), copyValue(c.field),
          copyValue(c.caseCode), copyValue(c.caseName), c.amount, c.unit, copyValue(c.cutoff), c.workflowJson === '\\N' ? '\\N' : copyValue(c.workflowJson),
          ag.id, ag.receptionId, current, copyTextArray([...involved]), copyValue(open ? step : null), open && stepStarted ? iso(stepStarted) : '\\N',
          copyValue(JSON.stringify(applicant)), copyValue(fold(fullName)), idNumber.slice(-4), phone.slice(-4), '[]',
          iso(submitted), iso(received), iso(clockStart), iso(due), iso(paused), paused ? STATUS.PROCESSING : '\\N', supplements,
          iso(finished), iso(returned), copyValue(timeliness), 'f', seq, prev, seq, iso(submitted), atIso,
        ].join('\t') + '\n';
        events += seq;
      }
      if (inflight) await inflight;
      const d = dl;
      const e = el;
      inflight = bulkTransaction(ctx.database, async (tx) => {
        await tx.copyIn('dossiers', DOSSIER_COLUMNS, d);
        await tx.copyIn('dossier_events', EVENT_COLUMNS, e);
      });
      done += count;
      opts.onProgress?.(done, opts.dossiers);
    }
    if (inflight) await inflight;
  } finally {
    if (dropIndexes) {
      log(`Dựng lại ${indexes.length} chỉ mục…`);
      for (const ix of indexes) await ctx.database.exec(ix.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    }
  }
  // Code sequences: new dossiers of a generated day never reuse a generated code.
  const list = [...counters.entries()];
  for (let i = 0; i < list.length; i += 5000) {
    const part = list.slice(i, i + 5000);
    await bulkTransaction(ctx.database, async (tx) => {
      await tx.query(`CREATE TEMP TABLE gen_counters (code text, day date, last integer) ON COMMIT DROP`);
      await tx.copyIn('gen_counters', ['code', 'day', 'last'], part.map(([k, v]) => `${k.split('|').join('\t')}\t${v}\n`).join(''));
      await tx.query(`INSERT INTO dossier_code_counters (agency_id, day, last)
        SELECT a.id, g.day, g.last FROM gen_counters g JOIN agencies a ON a.code = g.code
        ON CONFLICT (agency_id, day) DO UPDATE SET last = GREATEST(dossier_code_counters.last, EXCLUDED.last)`);
    });
  }
  // VACUUM, not only ANALYZE: it sets the visibility map, without which the report index
  // (migration 0008) cannot serve Biểu 06 by index-only scans and the planner reads the whole table.
  log('VACUUM ANALYZE…');
  for (const t of ['dossiers', 'dossier_events', 'procedures', 'procedure_versions']) await ctx.database.exec(`VACUUM ANALYZE ${t}`);
  return { dossiers: done, events, procedures: cases.length, seconds: (Date.now() - started) / 1000 };
}
