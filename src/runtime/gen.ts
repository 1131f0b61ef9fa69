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
 *
 * Speed: the dossiers are cut into fixed shards (gen-shard.ts: blocks of days,
 * each with its own random stream), generated and copied by worker threads
 * on their own connections (gen-worker.ts); the data depend on the seed, not
 * on the number of workers. A large load on PostgreSQL also drops the two
 * tables' foreign keys and unique constraints (not the primary keys) and adds
 * them back at the end, which checks every row again.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rows } from '../db/client.ts';
import { isWorkingDay, type WorkCalendar } from '../kernel/calendar/index.ts';
import { vnDay } from '../kernel/dossier/code.ts';
import { FIELD_MIX, GIVEN, MIDDLE, SURNAMES } from '../demo/dossiers.ts';
import { loadDemo, isEmpty } from '../demo/load.ts';
import { bulkTransaction } from '../modules/dossiers/bulk.ts';
import { getWorkCalendar } from '../modules/calendar/service.ts';
import { receptionUnitFor } from '../modules/dossiers/service.ts';
import { setSetting } from '../modules/system/settings.ts';
import type { Workflow } from '../modules/procedures/workflow.ts';
import { DOSSIER_COLUMNS, EVENT_COLUMNS, generateShard, planShards, type GenCase, type GenPlan } from './gen-shard.ts';
import type { FromWorker, ToWorker, WorkerInit } from './gen-worker.ts';

const DAY = 24 * 3_600_000;

export interface GenOptions {
  dossiers: number;
  years: number;
  seed: number;
  procedures: number;
  fields: number;
  adminPassword: string;
  batch?: number;
  /**
   * Worker threads that generate and COPY in parallel (PostgreSQL; default:
   * the number of CPUs). 0 generates in this thread; PGlite always does.
   * The data do not depend on it.
   */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  log?: (line: string) => void;
}

/** Field weights and late shares: the demo's (land and construction run late most). */
const OTHER_FIELD = { weight: 0.4, late: 0.05 };

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
        const receptionId = await receptionUnitFor(ctx, ctx.db, id);
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

/**
 * Foreign keys and unique constraints (not the primary keys) of the two big tables: dropped around a
 * large load (each row would otherwise run one lookup per key and one insertion into a unique index
 * in random order), added back after, which checks every row again in one pass (unique constraints
 * first: they rebuild their indexes by sorting).
 */
async function loadConstraints(ctx: AppContext): Promise<{ table: string; name: string; def: string; kind: string }[]> {
  return rows<{ table: string; name: string; def: string; kind: string }>(
    ctx.db,
    sql`SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype::text AS kind
        FROM pg_constraint c
        WHERE c.contype IN ('f', 'u') AND c.conrelid IN ('dossiers'::regclass, 'dossier_events'::regclass)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.conindid = c.conindid AND c.contype = 'u')
        ORDER BY c.contype, c.conname`,
  );
}

/** Runs `run` over the items, at most `limit` at a time (each on its own pooled connection). */
async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export interface GenResult {
  dossiers: number;
  events: number;
  procedures: number;
  seconds: number;
  /** Wall-clock seconds per phase (generation and COPY overlap in `load`). */
  phases: {
    setup: number;
    load: number;
    /** Summed over workers: time generating, and time waiting for COPY. */
    generate: number;
    copyWait: number;
    indexes: number;
    counters: number;
    /** Rebuilding the Biểu 06 rollup from the loaded dossiers (migration 0009). */
    rollup: number;
    vacuum: number;
  };
  workers: number;
  shards: number;
}

/** Shards: at most 64 blocks of days, about 250 dossiers or more each (fixed by the dossier count, never by the workers). */
const shardCountFor = (dossiers: number, days: number) => Math.max(1, Math.min(64, days, Math.ceil(dossiers / 250)));

interface LoadTotals {
  counters: Map<string, number>;
  events: number;
  genMs: number;
  copyMs: number;
}

function mergeCounters(into: Map<string, number>, from: Iterable<[string, number]>): void {
  for (const [k, v] of from) if (v > (into.get(k) ?? 0)) into.set(k, v);
}

/** Generates the shards in this thread, writing each batch in its own transaction. */
async function loadInline(ctx: AppContext, plan: GenPlan, cal: WorkCalendar, batch: number, onChunk: (count: number) => void): Promise<LoadTotals> {
  const totals: LoadTotals = { counters: new Map(), events: 0, genMs: 0, copyMs: 0 };
  let inflight: Promise<void> | null = null;
  let d: Buffer[] = [];
  let e: Buffer[] = [];
  let inBatch = 0;
  const flush = async () => {
    const w = performance.now();
    if (inflight) await inflight;
    totals.copyMs += performance.now() - w;
    const dd = Buffer.concat(d).toString('utf8');
    const ee = Buffer.concat(e).toString('utf8');
    inflight = bulkTransaction(ctx.database, async (tx) => {
      await tx.copyIn('dossiers', DOSSIER_COLUMNS, dd);
      await tx.copyIn('dossier_events', EVENT_COLUMNS, ee);
    });
    inflight.catch(() => {});
    d = [];
    e = [];
    inBatch = 0;
  };
  for (const spec of plan.shards) {
    if (spec.count === 0) continue;
    const gen = generateShard(plan, cal, spec);
    for (;;) {
      const t0 = performance.now();
      const step = gen.next();
      totals.genMs += performance.now() - t0;
      if (step.done) {
        mergeCounters(totals.counters, step.value.counters);
        totals.events += step.value.events;
        break;
      }
      d.push(...step.value.dossiers);
      e.push(...step.value.events);
      inBatch += step.value.count;
      onChunk(step.value.count);
      if (inBatch >= batch) await flush();
    }
  }
  if (inBatch > 0) await flush();
  const w = performance.now();
  if (inflight) await inflight;
  totals.copyMs += performance.now() - w;
  return totals;
}

/** The tsx loader (the sources are TypeScript) for a worker thread. */
function workerBootstrap(): string {
  const require = createRequire(import.meta.url);
  const api = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./gen-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); })
    .catch((err) => setImmediate(() => { throw err; }));`;
}

/** Hands the shards to `count` worker threads, each writing on its own PostgreSQL connection. */
async function loadInWorkers(
  ctx: AppContext, plan: GenPlan, cal: WorkCalendar, batch: number, count: number, onChunk: (count: number) => void,
): Promise<LoadTotals> {
  const pool = (ctx.database.db as unknown as { $client: { options: { connectionString?: string; options?: string } } }).$client;
  const init: WorkerInit = { plan, cal, conn: { connectionString: pool.options.connectionString, options: pool.options.options }, batch };
  // Handed out in order as workers free up (shards differ in cost: old days carry longer histories).
  const queue = plan.shards.filter((s) => s.count > 0).map((s) => s.index);
  const totals: LoadTotals = { counters: new Map(), events: 0, genMs: 0, copyMs: 0 };
  const code = workerBootstrap();
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = Math.min(count, queue.length);
      if (running === 0) {
        resolve();
        return;
      }
      let failed = false;
      const fail = (err: unknown) => {
        if (failed) return;
        failed = true;
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      for (let i = 0; i < running; i++) {
        const w = new Worker(code, { eval: true, workerData: init });
        workers.push(w);
        const next = () => {
          const shard = queue.shift();
          if (shard === undefined) {
            w.postMessage({ stop: true } satisfies ToWorker);
            if (--running === 0) resolve();
          } else w.postMessage({ shard } satisfies ToWorker);
        };
        w.on('message', (m: FromWorker) => {
          if (m.type === 'progress') onChunk(m.count);
          else if (m.type === 'done') {
            mergeCounters(totals.counters, m.counters);
            totals.events += m.events;
            totals.genMs += m.genMs;
            totals.copyMs += m.copyMs;
            next();
          } else next();
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0) fail(new Error(`gen: a worker stopped with code ${code}`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return totals;
}

/** Generates the synthetic province into ctx's database (see the module comment). */
export async function generateProvince(ctx: AppContext, opts: GenOptions): Promise<GenResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const since = (t: number) => (Date.now() - t) / 1000;
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
    sql`SELECT u.id, u.full_name, g.role FROM users u JOIN user_grants g ON g.user_id = u.id WHERE g.role <> 'citizen' ORDER BY u.username, g.role`,
  );
  const cal: WorkCalendar = await getWorkCalendar(ctx, null);

  // Field mix: a weight per procedure so that each field's share follows FIELD_MIX.
  const perField = new Map<string, number>();
  for (const c of cases) perField.set(c.field, (perField.get(c.field) ?? 0) + 1);
  const caseCum: number[] = [];
  let acc = 0;
  for (const c of cases) caseCum.push((acc += (FIELD_MIX[c.field] ?? OTHER_FIELD).weight / perField.get(c.field)!));

  // Receipt days: working days of the period, each with a seasonal weight (spring busy, Tết quiet).
  const now = ctx.now().getTime();
  const firstMs = now - opts.years * 365 * DAY;
  const days: string[] = [];
  const dayCum: number[] = [];
  let dayAcc = 0;
  for (let t = firstMs; t < now - DAY; t += DAY) {
    const day = vnDay(new Date(t));
    if (!isWorkingDay(day, cal)) continue;
    const month = Number(day.slice(5, 7));
    days.push(day);
    dayCum.push((dayAcc += month >= 3 && month <= 5 ? 1.3 : month === 1 || month === 2 ? 0.7 : month === 12 ? 1.15 : 1));
  }
  const shards = planShards(opts.dossiers, dayCum, shardCountFor(opts.dossiers, days.length));
  const plan: GenPlan = {
    seed: opts.seed, now, idBase: (opts.seed >>> 0).toString(16).padStart(8, '0'), cases, caseCum, fieldMix: FIELD_MIX, otherField: OTHER_FIELD,
    surnames: SURNAMES, middle: MIDDLE, given: GIVEN, users, days, dayCum, shards,
  };
  const workers = ctx.database.kind === 'pglite' ? 0 : Math.max(0, Math.floor(opts.workers ?? availableParallelism()));
  const setup = since(started);

  // Large loads on PostgreSQL: drop the secondary indexes, rebuild them at the end.
  const dropIndexes = ctx.database.kind === 'postgres' && opts.dossiers >= 200_000;
  const indexes = dropIndexes ? await secondaryIndexes(ctx) : [];
  // Foreign keys first, then unique constraints; added back in reverse order.
  const constraints = dropIndexes ? await loadConstraints(ctx) : [];
  if (dropIndexes) for (const ix of indexes) await ctx.database.exec(`DROP INDEX IF EXISTS "${ix.name}"`);
  if (dropIndexes) for (const c of constraints) await ctx.database.exec(`ALTER TABLE ${c.table} DROP CONSTRAINT IF EXISTS "${c.name}"`);

  // The Biểu 06 rollup is rebuilt once from the loaded dossiers, not appended to row by row.
  await ctx.database.exec('ALTER TABLE dossiers DISABLE TRIGGER bieu06_track_insert');

  const batchSize = opts.batch ?? 5_000;
  let done = 0;
  const onChunk = (count: number) => {
    done += count;
    opts.onProgress?.(done, opts.dossiers);
  };
  let totals: LoadTotals;
  const loadStart = Date.now();
  let loadEnd = loadStart;
  let indexStart = loadStart;
  try {
    totals = workers > 0 ? await loadInWorkers(ctx, plan, cal, batchSize, workers, onChunk) : await loadInline(ctx, plan, cal, batchSize, onChunk);
  } catch (err) {
    // The batches committed before the failure stay: Biểu 06 must count them too.
    await ctx.database.exec('SELECT bieu06_rebuild()').catch(() => {});
    throw err;
  } finally {
    await ctx.database.exec('ALTER TABLE dossiers ENABLE TRIGGER bieu06_track_insert');
    loadEnd = Date.now();
    indexStart = loadEnd;
    if (dropIndexes) {
      // The indexes, and those of the unique constraints, are built side by side on several connections;
      // the constraints then take their index (no second build) and the foreign keys check every row.
      log(`Dựng lại ${indexes.length} chỉ mục, kiểm tra lại ${constraints.length} ràng buộc (khóa ngoại, duy nhất)…`);
      const unique = constraints.filter((c) => c.kind === 'u');
      const builds = [
        ...unique.map((c) => `CREATE UNIQUE INDEX IF NOT EXISTS "${c.name}" ON ${c.table} ${c.def.replace(/^UNIQUE /, '')}`),
        ...indexes.map((ix) => ix.def.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')),
      ];
      // More sort memory for these builds only (a session setting, reset after).
      await inParallel(builds, Math.max(1, Math.min(4, workers)), (q) => ctx.database.exec(`SET maintenance_work_mem = '512MB'; ${q}; RESET maintenance_work_mem`));
      for (const c of unique) await ctx.database.exec(`ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" UNIQUE USING INDEX "${c.name}"`);
      for (const c of constraints) if (c.kind !== 'u') await ctx.database.exec(`ALTER TABLE ${c.table} ADD CONSTRAINT "${c.name}" ${c.def}`);
    }
  }
  const indexSeconds = since(indexStart);
  // Code sequences: new dossiers of a generated day never reuse a generated code.
  const countersStart = Date.now();
  const list = [...totals.counters.entries()];
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
  const countersSeconds = since(countersStart);
  log('Dựng bảng tổng hợp Biểu 06…');
  const rollupStart = Date.now();
  await ctx.database.exec('SELECT bieu06_rebuild()');
  const rollupSeconds = since(rollupStart);
  // VACUUM, not only ANALYZE: it sets the visibility map, without which the report index (migration
  // 0008: Biểu 06's drill-down, the 766 index) and the history index (0010) need heap fetches.
  log('VACUUM ANALYZE…');
  const vacuumStart = Date.now();
  const tables = ['dossier_events', 'dossiers', 'procedures', 'procedure_versions', 'bieu06_rollup'];
  await inParallel(tables, ctx.database.kind === 'postgres' ? Math.max(1, Math.min(2, workers)) : 1, (t) => ctx.database.exec(`VACUUM ANALYZE ${t}`));
  return {
    dossiers: done,
    events: totals.events,
    procedures: cases.length,
    seconds: since(started),
    phases: {
      setup, load: (loadEnd - loadStart) / 1000, generate: totals.genMs / 1000, copyWait: totals.copyMs / 1000,
      indexes: indexSeconds, counters: countersSeconds, rollup: rollupSeconds, vacuum: since(vacuumStart),
    },
    workers,
    shards: shards.length,
  };
}
