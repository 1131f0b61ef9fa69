/**
 * `npm run bench` (motcua bench): the benchmark suite. For each database size
 * it generates a synthetic province (`motcua gen`), starts the server as its
 * own process (role web, 127.0.0.1, LOG_LEVEL=warn), drives it from another
 * process (bench/load.ts) and measures, each figure beside its baseline taken
 * in the same run:
 *   1. lifecycles per second over HTTP, 64 clients (baseline: pgbench with
 *      bench/lifecycle.sql, the same SQL writes straight to PostgreSQL);
 *      p50/p99 per request; the server's peak RSS (VmHWM);
 *   2. Biểu 06 for a province-year and over all data, and the 766 index
 *      (baseline: the aggregate hand-written in plain SQL);
 *   3. public lookup by code at a fixed rate;
 *   4. due-date computations per second (the kernel alone);
 *   5. the same on PGlite.
 * Every load is bounded in requests and time; all traffic stays on 127.0.0.1.
 * Writes bench/results/<YYYY-MM-DD>.json and prints a table.
 *
 *   npm run bench -- [--sizes 0,1e6] [--pglite-sizes 1e5] [--lifecycles 3000] [--seconds 30] [--quick] [--keep] [--reuse] [--out FILE.json]
 *   --keep keeps the generated PostgreSQL databases (motcua_bench_<size>); --reuse measures a kept one again without generating it.
 *   env: BENCH_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432), BENCH_SIZES, BENCH_PGLITE_SIZES
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchDueDates } from '../src/kernel/calendar/bench.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'motcua.mjs');
/** One database per size on PostgreSQL: motcua_bench_<size>. */
const dbName = (size: number) => `motcua_bench_${size}`;

type Json = Record<string, unknown>;

const sizeList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean).map(Number).filter((n) => Number.isFinite(n) && n >= 0);
const fmtSize = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (process.env.BENCH_VERBOSE) process.stderr.write(c);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The server's resident set now and its peak (kB → MB) from /proc. */
function memory(pid: number): { rssMb: number; peakMb: number } {
  try {
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(st)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}

/** CPU time the process has used so far (user + system), in ms: a figure the machine's other load cannot inflate. */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime, stime in clock ticks (100 per second)
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) of each PostgreSQL backend connected to the database, from
 * /proc: empty when the server is on another machine. Deltas between two
 * readings give PostgreSQL's share of a load (backends that appeared in
 * between count in full).
 */
async function backendCpu(dbUrl: string): Promise<Map<number, number>> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    const out = new Map<number, number>();
    for (const { pid } of r.rows) {
      const ms = cpuMs(pid);
      if (ms > 0) out.set(pid, ms);
    }
    return out;
  } finally {
    await c.end();
  }
}

function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--role', 'web', '--no-build'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_DOSSIERS: '0' },
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (r.ok) return { child, port };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not start within 120 s');
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Runs bench/load.ts in its own process; the job (with its thousands of codes) goes in a file, not the command line. */
async function load(job: Json, timeoutMs: number): Promise<Json> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-load-'));
  const file = path.join(dir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  try {
    const r = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'load.ts'), file], process.env, timeoutMs);
    if (r.code !== 0) return { error: r.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${r.code}` };
    return JSON.parse(r.stdout) as Json;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function login(port: number, username: string, password: string): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return ((await r.json()) as { token: string }).token;
}

/** Median wall time of `times` GETs (ms), after one warm-up; null when the route is missing. */
async function timeGet(port: number, token: string, url: string, times = 3): Promise<{ ms: number | null; status: number }> {
  const get = async () => {
    const t0 = performance.now();
    const r = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { authorization: `Bearer ${token}` } });
    await r.arrayBuffer();
    return { ms: performance.now() - t0, status: r.status };
  };
  const first = await get();
  if (first.status !== 200) return { ms: null, status: first.status };
  const list: number[] = [];
  // A slow report (seconds) is timed once after the warm-up: the run stays bounded.
  for (let i = 0; i < (first.ms > 5000 ? 1 : times); i++) list.push((await get()).ms);
  list.sort((a, b) => a - b);
  return { ms: Math.round(list[Math.floor(list.length / 2)] * 10) / 10, status: 200 };
}

/** Biểu 06 by field, hand-written: the baseline. */
const BIEU06_SQL = `SELECT field_code,
  count(*) FILTER (WHERE received_day < $1::date) AS carried,
  count(*) FILTER (WHERE received_day >= $1::date AND channel = 'online') AS online,
  count(*) FILTER (WHERE received_day >= $1::date AND channel <> 'online') AS direct,
  count(*) FILTER (WHERE finish_day <= $2::date AND finish_day < due_day) AS early,
  count(*) FILTER (WHERE finish_day <= $2::date AND (due_day IS NULL OR finish_day = due_day)) AS on_time,
  count(*) FILTER (WHERE finish_day <= $2::date AND finish_day > due_day) AS late,
  count(*) FILTER (WHERE (finish_day IS NULL OR finish_day > $2::date) AND (due_day IS NULL OR due_day >= $2::date)) AS within,
  count(*) FILTER (WHERE (finish_day IS NULL OR finish_day > $2::date) AND due_day < $2::date) AS overdue
FROM dossiers WHERE received_day IS NOT NULL AND status NOT IN (1, 3) AND received_day <= $2::date AND (finish_day IS NULL OR finish_day >= $1::date)
GROUP BY field_code`;

async function timeSql(url: string, text: string, params: unknown[], times = 3): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text, params);
    const list: number[] = [];
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      await c.query(text, params);
      list.push(performance.now() - t0);
    }
    list.sort((a, b) => a - b);
    return Math.round(list[Math.floor(list.length / 2)] * 10) / 10;
  } finally {
    await c.end();
  }
}

async function pgAdmin(serverUrl: string, statements: string[]) {
  const c = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await c.connect();
  try {
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

interface Limits {
  lifecycles: number;
  seconds: number;
  lookupSeconds: number;
  /** Keep the generated PostgreSQL databases after the run (they are dropped otherwise). */
  keep: boolean;
  /** Use a database kept by an earlier run (same size) instead of generating it again. */
  reuse: boolean;
}

/** One database size: generate, serve, measure. */
async function scenario(kind: 'postgres' | 'pglite', size: number, serverUrl: string, limits: Limits): Promise<Json> {
  const out: Json = { db: kind, dossiers: size };
  const env: NodeJS.ProcessEnv = { ...process.env, ADMIN_PASSWORD: 'Admin@12345' };
  let dataDir: string | null = null;
  let dbUrl: string | null = null;
  let reused = false;
  if (kind === 'postgres') {
    const name = dbName(size);
    if (limits.reuse) {
      const c = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await c.connect();
      try {
        reused = (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
      } finally {
        await c.end();
      }
    }
    if (!reused) await pgAdmin(serverUrl, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]);
    dbUrl = `${serverUrl}/${name}`;
    env.DATABASE_URL = dbUrl;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
    env.DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  }
  try {
    if (reused) {
      process.stderr.write(`\n[${kind} ${fmtSize(size)}] dùng lại cơ sở dữ liệu đã sinh (--reuse)\n`);
      out.reused = true;
    } else {
      process.stderr.write(`\n[${kind} ${fmtSize(size)}] sinh dữ liệu…\n`);
      const t0 = Date.now();
      const gen = await run(process.execPath, [CLI, 'gen', '--dossiers', String(size)], env, 3 * 3600_000);
      if (gen.code !== 0) throw new Error(`gen failed: ${gen.stderr.slice(-500)}`);
      out.genSeconds = Math.round((Date.now() - t0) / 1000);
      out.genRate = size ? Math.round(size / ((Date.now() - t0) / 1000)) : 0;
      out.genLog = gen.stdout.trim().split('\n').slice(-6);
    }

    const { child, port } = await startServer(env);
    try {
      out.idleMemoryMb = memory(child.pid!).rssMb;
      process.stderr.write(`[${kind} ${fmtSize(size)}] vòng đời hồ sơ qua HTTP, 64 client…\n`);
      const cpu0 = cpuMs(child.pid!);
      const pg0 = dbUrl ? await backendCpu(dbUrl) : null;
      const lc = await load({ mode: 'lifecycle', port, clients: 64, maxLifecycles: limits.lifecycles, maxSeconds: limits.seconds }, (limits.seconds + 120) * 1000);
      const lcCount = Number(lc.lifecycles ?? 0);
      // CPU per lifecycle, the server's and PostgreSQL's: what limits the rate on a machine of two cores.
      if (lcCount) lc.serverCpuMsPerLifecycle = Math.round(((cpuMs(child.pid!) - cpu0) / lcCount) * 10) / 10;
      if (lcCount && dbUrl && pg0) {
        const used = cpuDelta(pg0, await backendCpu(dbUrl));
        if (used > 0) lc.postgresCpuMsPerLifecycle = Math.round((used / lcCount) * 10) / 10;
      }
      out.lifecycle = lc;
      out.memoryAfterLifecycleMb = memory(child.pid!);

      process.stderr.write(`[${kind} ${fmtSize(size)}] báo cáo…\n`);
      const token = await login(port, 'admin', 'Admin@12345');
      const year = new Date().getUTCFullYear() - 1;
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const periods = { provinceYear: [`${year}-01-01`, `${year}-12-31`], all: ['2000-01-01', today] } as const;
      const reports: Json = {};
      for (const [name, [from, to]] of Object.entries(periods)) {
        reports[`bieu06_${name}`] = await timeGet(port, token, `/api/v1/reports/bieu-06?from=${from}&to=${to}`);
        reports[`index766_${name}`] = await timeGet(port, token, `/api/v1/reports/index-766?from=${from}&to=${to}`);
        if (dbUrl) reports[`bieu06_${name}_sql`] = await timeSql(dbUrl, BIEU06_SQL, [from, to]);
      }
      out.reports = reports;

      process.stderr.write(`[${kind} ${fmtSize(size)}] tra cứu công khai…\n`);
      const codes = await lookupCodes(kind, dbUrl, port, token, 500 * (limits.lookupSeconds + 3));
      const cpu1 = cpuMs(child.pid!);
      out.lookup = codes.length
        ? await load(
            {
              mode: 'lookup', port, clients: 1, rate: 500, maxLifecycles: 500 * limits.lookupSeconds, maxSeconds: limits.lookupSeconds,
              // Warm-up codes of their own where there are enough, so the measured ones are still cold.
              lookups: codes.slice(0, 500 * limits.lookupSeconds), warmupSeconds: 3,
              warmupLookups: codes.length > 500 * limits.lookupSeconds ? codes.slice(500 * limits.lookupSeconds) : codes,
            },
            (limits.lookupSeconds + 70) * 1000,
          )
        : { error: 'no codes' };
      const lk = out.lookup as { requests?: number };
      if (lk.requests) (out.lookup as Json).serverCpuMsPerRequest = Math.round(((cpuMs(child.pid!) - cpu1) / lk.requests) * 100) / 100;
      out.serverPeakMemoryMb = memory(child.pid!).peakMb;
    } finally {
      await stopServer(child);
    }

    if (dbUrl && spawnSync('which', ['pgbench']).status === 0) {
      process.stderr.write(`[${kind} ${fmtSize(size)}] pgbench…\n`);
      out.pgbench = await pgbench(dbUrl, limits);
    }
  } catch (err) {
    out.error = err instanceof Error ? err.message : String(err);
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (dbUrl && !limits.keep && !limits.reuse) await pgAdmin(serverUrl, [`DROP DATABASE IF EXISTS ${dbName(size)}`]).catch(() => {});
  }
  return out;
}

/** Codes and verifiers to look up, straight from PostgreSQL or via the officers' API on PGlite: distinct codes (as many as `n` where the data hold them) with their verifiers, in random order. */
async function lookupCodes(kind: string, dbUrl: string | null, port: number, token: string, n: number): Promise<{ code: string; verify: string }[]> {
  if (dbUrl) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const r = await c.query<{ code: string; v: string }>(`SELECT code, id_last4 AS v FROM dossiers WHERE code IS NOT NULL AND id_last4 IS NOT NULL ORDER BY random() LIMIT $1`, [n]);
      return r.rows.map((x) => ({ code: x.code, verify: x.v }));
    } finally {
      await c.end();
    }
  }
  void kind;
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/dossiers?pageSize=200`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await r.json()) as { items?: { code: string | null; applicant?: { idNumber?: string } }[] };
  return (body.items ?? []).filter((d) => d.code && d.applicant?.idNumber).map((d) => ({ code: d.code!, verify: d.applicant!.idNumber!.slice(-4) }));
}

async function pgbench(dbUrl: string, limits: Limits): Promise<Json> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  let ids: { proc: string; version: string; agency: string; reception: string };
  try {
    const r = await c.query<{ proc: string; version: string; agency: string }>(
      `SELECT p.id AS proc, p.published_version_id AS version, v.agency_ids[1] AS agency FROM procedures p JOIN procedure_versions v ON v.id = p.published_version_id WHERE p.code = '1.902002'`,
    );
    const rec = await c.query<{ id: string }>(`SELECT id FROM agencies WHERE kind = 'service_center' ORDER BY code LIMIT 1`);
    ids = { ...r.rows[0], reception: rec.rows[0].id };
  } finally {
    await c.end();
  }
  const script = readFileSync(path.join(ROOT, 'bench', 'lifecycle.sql'), 'utf8')
    .replaceAll('{{PROC}}', ids.proc)
    .replaceAll('{{VERSION}}', ids.version)
    .replaceAll('{{AGENCY}}', ids.agency)
    .replaceAll('{{RECEPTION}}', ids.reception);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-pgbench-'));
  const file = path.join(dir, 'lifecycle.sql');
  writeFileSync(file, script);
  const seconds = Math.max(5, Math.min(limits.seconds, 20));
  try {
    // PostgreSQL's and pgbench's CPU, read just before the run ends (the backends exit with it).
    let pgCpu = 0;
    let clientCpu = 0;
    const sample = setTimeout(() => {
      void backendCpu(dbUrl).then((m) => {
        pgCpu = cpuDelta(new Map(), m);
        const child = spawnSync('pgrep', ['-n', 'pgbench']);
        const pid = Number(child.stdout?.toString().trim());
        if (pid) clientCpu = cpuMs(pid);
      }).catch(() => {});
    }, (seconds - 1) * 1000);
    const r = await run('pgbench', ['-n', '-c', '64', '-j', '2', '-T', String(seconds), '-f', file, dbUrl], process.env, (seconds + 60) * 1000);
    clearTimeout(sample);
    const tps = Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1] ?? NaN);
    const lat = Number(/latency average = ([\d.]+) ms/.exec(r.stdout)?.[1] ?? NaN);
    const done = tps * (seconds - 1);
    return {
      lifecyclesPerSec: Math.round(tps * 10) / 10, latencyAvgMsPerLifecycle: lat, seconds, ok: r.code === 0,
      ...(pgCpu && done ? { postgresCpuMsPerLifecycle: Math.round((pgCpu / done) * 10) / 10 } : {}),
      ...(clientCpu && done ? { pgbenchCpuMsPerLifecycle: Math.round((clientCpu / done) * 10) / 10 } : {}),
      ...(r.code === 0 ? {} : { stderr: r.stderr.slice(-400) }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TARGETS = {
  lifecyclesPerSec: 300,
  p99Ms: 50,
  memoryMb: 500,
  bieu06AllMs: 1000,
  bieu06YearMs: 300,
  lookupP99Ms: 20,
  dueDatesPerSec: 500_000,
};

function table(result: Json): string {
  const lines: string[] = ['| figure | measured | target | baseline | met? |', '| --- | --- | --- | --- | --- |'];
  const row = (figure: string, measured: string, target: string, baseline: string, met: boolean | null) =>
    lines.push(`| ${figure} | ${measured} | ${target} | ${baseline} | ${met === null ? '–' : met ? 'yes' : 'NO'} |`);
  const due = result.dueDates as { opsPerSec: number };
  row('due-date computations /s (kernel, one core)', due.opsPerSec.toLocaleString('en-US'), '≥ 500,000', '–', due.opsPerSec >= TARGETS.dueDatesPerSec);
  const scenarios = result.scenarios as Json[];
  for (const s of scenarios) {
    // The size-independence target compares a size with the empty database of the same engine.
    const empty = scenarios.find((e) => e.db === s.db && e.dossiers === 0);
    const emptyRate = (empty?.lifecycle as { lifecyclesPerSec?: number } | undefined)?.lifecyclesPerSec;
    const tag = `${s.db === 'postgres' ? 'PostgreSQL' : 'PGlite'} ${fmtSize(s.dossiers as number)}`;
    if (s.error) {
      row(`${tag}: error`, String(s.error).slice(0, 120), '', '', false);
      continue;
    }
    const lc = s.lifecycle as {
      lifecyclesPerSec: number; all: { p50: number; p99: number }; errors: Json; error?: string; serverCpuMsPerLifecycle?: number; postgresCpuMsPerLifecycle?: number;
    };
    const pgb = s.pgbench as { lifecyclesPerSec: number; postgresCpuMsPerLifecycle?: number; pgbenchCpuMsPerLifecycle?: number } | undefined;
    if (lc?.error) row(`${tag}: lifecycles/s`, `error: ${lc.error}`, '', '', false);
    else {
      const drop = emptyRate && s.dossiers !== 0 ? ` (${Math.round((lc.lifecyclesPerSec / emptyRate - 1) * 100)}% vs empty)` : '';
      const pgOnly = s.db === 'postgres';
      row(`${tag}: lifecycles/s over HTTP, 64 clients`, `${lc.lifecyclesPerSec}${drop}`, pgOnly ? '≥ 300, ≤ 10% below empty' : '–', pgb ? `pgbench ${pgb.lifecyclesPerSec}` : '–',
        pgOnly ? lc.lifecyclesPerSec >= TARGETS.lifecyclesPerSec && (!emptyRate || s.dossiers === 0 || lc.lifecyclesPerSec >= emptyRate * 0.9) : null);
      if (lc.serverCpuMsPerLifecycle || lc.postgresCpuMsPerLifecycle) {
        row(`${tag}: CPU per lifecycle (ms)`, `server ${lc.serverCpuMsPerLifecycle ?? '?'} + PostgreSQL ${lc.postgresCpuMsPerLifecycle ?? '–'}`, '–',
          pgb?.postgresCpuMsPerLifecycle ? `pgbench: PostgreSQL ${pgb.postgresCpuMsPerLifecycle} + client ${pgb.pgbenchCpuMsPerLifecycle ?? '?'}` : '–', null);
      }
      row(`${tag}: request p50 / p99 (ms)`, `${lc.all.p50} / ${lc.all.p99}`, pgOnly ? 'p99 < 50' : '–', '–', pgOnly ? lc.all.p99 < TARGETS.p99Ms : null);
      const errs = Object.values(lc.errors ?? {}).reduce((a: number, b) => a + Number(b), 0);
      if (errs) row(`${tag}: failed requests`, String(errs), '0', '–', false);
    }
    row(`${tag}: server peak memory (MB)`, String(s.serverPeakMemoryMb), '< 500', '–', s.db === 'postgres' ? Number(s.serverPeakMemoryMb) < TARGETS.memoryMb : null);
    const rep = (s.reports ?? {}) as Record<string, { ms: number | null; status: number } | number>;
    for (const [name, label, target] of [['provinceYear', 'province-year', TARGETS.bieu06YearMs], ['all', 'all data', TARGETS.bieu06AllMs]] as const) {
      const b = rep[`bieu06_${name}`] as { ms: number | null; status: number } | undefined;
      const base = rep[`bieu06_${name}_sql`] as number | undefined;
      if (b) row(`${tag}: Biểu 06, ${label} (ms)`, b.ms === null ? `HTTP ${b.status}` : String(b.ms), `< ${target}`, base !== undefined ? `plain SQL ${base}` : '–', s.db === 'postgres' && b.ms !== null ? b.ms < target : null);
      const i = rep[`index766_${name}`] as { ms: number | null; status: number } | undefined;
      if (i) row(`${tag}: Decision 766 index, ${label} (ms)`, i.ms === null ? (i.status === 404 ? 'not yet' : `HTTP ${i.status}`) : String(i.ms), '–', '–', null);
    }
    const lk = s.lookup as { requestsPerSec: number; p99: number; offeredRate: number; errors: Json; error?: string; warmup?: { p99: number } } | undefined;
    if (lk?.error) row(`${tag}: public lookup`, `error: ${lk.error}`, '', '', false);
    else if (lk) {
      const label = `${tag}: public lookup at ${lk.offeredRate}/s, after a 3 s warm-up: served /s, p99 (ms)`;
      const baseline = lk.warmup ? `warm-up p99 ${lk.warmup.p99}` : '–';
      row(label, `${lk.requestsPerSec}, ${lk.p99}${Object.keys(lk.errors).length ? ` errors ${JSON.stringify(lk.errors)}` : ''}`, 'p99 < 20', baseline, s.db === 'postgres' ? lk.p99 < TARGETS.lookupP99Ms && !Object.keys(lk.errors).length : null);
    }
  }
  return lines.join('\n');
}

export async function runBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: process.env.BENCH_SIZES ?? '0,1e5' },
      'pglite-sizes': { type: 'string', default: process.env.BENCH_PGLITE_SIZES ?? '' },
      lifecycles: { type: 'string', default: '3000' },
      seconds: { type: 'string', default: '30' },
      'lookup-seconds': { type: 'string', default: '10' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const serverUrl = (process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/[^/]*$/, (m) => (m.includes(':') ? m : ''));
  const limits: Limits = values.quick
    ? { lifecycles: 300, seconds: 10, lookupSeconds: 3, keep: values.keep, reuse: values.reuse }
    : { lifecycles: Number(values.lifecycles), seconds: Number(values.seconds), lookupSeconds: Number(values['lookup-seconds']), keep: values.keep, reuse: values.reuse };
  const started = Date.now();
  const cpu = os.cpus();
  const result: Json = {
    date: new Date().toISOString(),
    machine: { cpu: cpu[0]?.model, cores: cpu.length, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 10) / 10), node: process.version },
    limits,
  };
  process.stderr.write('Tính hạn xử lý (nhân lịch)…\n');
  const due = benchDueDates(1_000_000);
  result.dueDates = { n: due.n, opsPerSec: Math.round(due.opsPerSec), elapsedMs: Math.round(due.elapsedMs) };
  const scenarios: Json[] = [];
  result.scenarios = scenarios;
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = values.out ? path.resolve(values.out) : path.join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  // Written after each scenario too, so that a long run interrupted keeps what it measured.
  const save = () => writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  for (const size of sizeList(values.sizes)) {
    scenarios.push(await scenario('postgres', size, serverUrl, limits));
    save();
  }
  for (const size of sizeList(values['pglite-sizes'])) {
    scenarios.push(await scenario('pglite', size, serverUrl, limits));
    save();
  }
  result.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 10) / 10);
  result.seconds = Math.round((Date.now() - started) / 1000);
  const text = table(result);
  result.table = text;
  save();
  console.log(`\n${text}\n\nKết quả: ${path.relative(ROOT, file)} (${result.seconds} s; tải máy lúc đầu ${JSON.stringify(result.machine && (result.machine as Json).loadAverageAtStart)}, lúc cuối ${JSON.stringify(result.loadAverageAtEnd)}).`);
  return 0;
}
