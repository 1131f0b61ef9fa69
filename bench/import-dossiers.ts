/**
 * Benchmark of `motcua import dossiers`: generates a CSV of N dossiers
 * (default 1,000,000) over the demo province's catalogue and times the import
 * on PGlite (a fresh data folder) and on PostgreSQL (a fresh schema), then the
 * hash-chain check of every imported dossier.
 *
 *   npx tsx bench/import-dossiers.ts [N] [--pglite] [--postgres] [--copy-rows=10000] [--no-verify]
 *   npx tsx bench/import-dossiers.ts [N] --out=FILE.csv [--prefix=BENCH]   (only writes the file, e.g. to try the command)
 *
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 * Not a test: it prints figures (docs/import-dossiers.md keeps the measured ones).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { makeContext, type AppContext } from '../src/context.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadDemo } from '../src/demo/load.ts';
import { demoCatalogue } from '../src/demo/catalogue.ts';
import { DEMO_AGENCIES } from '../src/demo/province.ts';
import { importDossiersFromFile } from '../src/modules/dossiers/import.ts';
import { verifyEventChains } from '../src/modules/dossiers/verify.ts';
import { rng } from '../src/kernel/random/index.ts';

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const only = { pglite: args.includes('--pglite'), postgres: args.includes('--postgres') };
const runPglite = only.pglite || !only.postgres;
const runPostgres = only.postgres || !only.pglite;
const copyRows = Number(args.find((a) => a.startsWith('--copy-rows='))?.split('=')[1] ?? 10_000);
const verify = !args.includes('--no-verify');
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const outFile = args.find((a) => a.startsWith('--out='))?.slice('--out='.length);
/** Codes are PREFIX-1 … PREFIX-N: another prefix makes a file that can be imported next to the first. */
const prefix = args.find((a) => a.startsWith('--prefix='))?.slice('--prefix='.length) ?? 'BENCH';

const pad = (x: number, w = 2) => String(x).padStart(w, '0');
/** dd/MM/yyyy HH:mm:ss in Vietnam time. */
const vn = (ms: number) => {
  const d = new Date(ms + 7 * 3_600_000);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

async function generate(file: string, rows: number, now: number): Promise<void> {
  const codeOf = new Map(DEMO_AGENCIES.map((a) => [`ag-${a.key}`, a.code]));
  const procs = demoCatalogue().procedures.map((p) => ({ code: p.code, agencies: p.agencyIds.map((id) => codeOf.get(id)!), days: p.cases?.[0]?.durationAmount || 1 }));
  const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Minh Châu', 'Phạm Đức Dũng', 'Hoàng Thu Giang', 'Vũ Ngọc Hà', 'Đặng Quang Hải', 'Bùi Thị Hạnh'];
  const r = rng(766);
  const out = createWriteStream(file);
  out.write('MaHoSo,MaTTHC,MaCoQuan,KenhThucHien,ChuHoSo,NgayNopHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,TrangThaiHoSo,SoLanBoSung\n');
  const span = 2 * 365 * 86_400_000;
  const DAY = 86_400_000;
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    const p = procs[Math.floor(r() * procs.length)];
    const agency = p.agencies[Math.floor(r() * p.agencies.length)];
    const x = r();
    const status = x < 0.7 ? 10 : x < 0.75 ? 9 : x < 0.78 ? 3 : x < 0.8 ? 7 : x < 0.82 ? 8 : x < 0.86 ? 2 : x < 0.92 ? 4 : x < 0.95 ? 5 : x < 0.97 ? 6 : 1;
    const open = [2, 4, 5, 6].includes(status);
    const received = open ? now - Math.floor(r() * 20 * DAY) - DAY : now - Math.floor(r() * span) - 120 * DAY;
    const due = received + p.days * 1.4 * DAY;
    const finished = received + Math.floor(r() * p.days * 1.6 * DAY) + 3_600_000;
    const returned = finished + Math.floor(r() * 3 * DAY);
    const cols = [
      `${prefix}-${i}`,
      p.code,
      agency,
      String(1 + Math.floor(r() * 3)),
      names[i % names.length],
      status === 1 || status === 3 ? vn(received) : '',
      status === 1 || status === 3 ? '' : vn(received),
      status === 1 || status === 3 ? '' : vn(due),
      [3, 7, 8, 9, 10].includes(status) ? vn(finished) : '',
      status === 10 ? vn(returned) : '',
      String(status),
      r() < 0.1 ? '1' : '0',
    ];
    buf += cols.join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function runOn(label: string, database: Database, file: string): Promise<void> {
  await migrate(database);
  const config = { ...loadConfig({}), logLevel: 'silent', demoDossiers: 0 };
  const ctx: AppContext = makeContext(database, config);
  await loadDemo(ctx, 'Admin@12345', { catalogue: true });
  let last = 0;
  let validateEnd = 0;
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const r = await importDossiersFromFile(ctx, file, {
    copyRows,
    onProgress: (p) => {
      if (p.phase === 'load' && !validateEnd) validateEnd = Date.now();
      if (Date.now() - last > 5000) {
        last = Date.now();
        console.log(`  ${label} ${p.phase} ${p.rows}/${p.totalRows || '?'} (${((Date.now() - t0) / 1000).toFixed(0)} s, RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB)`);
      }
    },
  });
  const total = (Date.now() - t0) / 1000;
  const validate = (validateEnd - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${label}: ${r.imported} dossiers in ${total.toFixed(1)} s (check ${validate.toFixed(1)} s, write ${(total - validate).toFixed(1)} s), ` +
      `${Math.round(r.imported / total)} rows/s; CPU time of this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average ${os.loadavg()[0].toFixed(1)}`,
  );
  if (verify) {
    const t1 = Date.now();
    const v = await verifyEventChains(ctx);
    console.log(`${label}: audit verify ${v.dossiers} dossiers, ${v.breaks.length} breaks, ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }
}

if (outFile) {
  await generate(outFile, n, Date.now());
  console.log(`Wrote ${n} rows to ${outFile} (${(statSync(outFile).size / 1e6).toFixed(0)} MB).`);
  process.exit(0);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-import-'));
try {
  const file = path.join(dir, 'ho-so.csv');
  const g0 = Date.now();
  await generate(file, n, Date.now());
  console.log(`Generated ${n} rows (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((Date.now() - g0) / 1000).toFixed(1)} s; ${os.cpus().length} CPU, COPY batches of ${copyRows} rows`);
  if (runPglite) {
    const database = await openDatabase({ dataDir: path.join(dir, 'pg') });
    try {
      await runOn('PGlite', database, file);
    } finally {
      await database.close();
    }
  }
  if (runPostgres) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = await openDatabase({ url: pgUrl, poolSize: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const database = await openDatabase({ url: pgUrl, searchPath: schema, poolSize: 2 });
    try {
      await runOn('PostgreSQL', database, file);
    } finally {
      await database.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
