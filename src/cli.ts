/** motcua: the command line. `motcua help` lists the commands. */
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import { isEmpty, loadDemo, generatePassword, wipe } from './demo/load.ts';
import { openContext } from './runtime/open.ts';
import { readLiveLock } from './runtime/lock.ts';
import { adminPasswordFile, startServer, zRole, ensureDemo } from './runtime/server.ts';
import { ROLE_IDS } from './kernel/auth/roles.ts';
import { findAgency } from './modules/agencies/repo.ts';
import { createUser } from './modules/users/service.ts';
import { AppError } from './http/errors.ts';
import { importProcedureRecords, readImportFile, type ImportResult } from './modules/procedures/import.ts';
import { verifyEventChains } from './modules/dossiers/verify.ts';
import { importDossiersCommand, ImportCommandError } from './runtime/import-dossiers.ts';
import { readFileSync, writeFileSync } from 'node:fs';

type VerifyResult = Awaited<ReturnType<typeof verifyEventChains>>;
import path from 'node:path';

const HELP = `motcua — hệ thống thông tin giải quyết thủ tục hành chính

Cách dùng: npx motcua <lệnh> [tùy chọn]

Lệnh:
  serve [--role web|worker|all] [--no-build]
                       Chạy máy chủ (mặc định: all). PORT, DATA_DIR, DATABASE_URL điều chỉnh.
  migrate              Áp dụng các migration SQL còn thiếu.
  demo [--reset]       Nạp tỉnh demo vào cơ sở dữ liệu trống; --reset xóa toàn bộ dữ liệu rồi nạp lại.
  user add --username U --password P --full-name "Họ tên" --role R [--agency <id|mã định danh>]
           [--email E] [--phone SĐT]
                       Tạo người dùng. Vai trò: ${ROLE_IDS.join(', ')}.
  import procedures TỆP [--dry-run]
                       Nhập danh mục thủ tục hành chính từ tệp CSV (UTF-8, dấu phẩy hoặc chấm phẩy)
                       hoặc Excel .xlsx (trang tính đầu). Dòng nào sai thì báo số dòng và lý do, không
                       nhập gì; --dry-run chỉ kiểm tra. Các cột: docs/import-procedures.md.
  import dossiers TỆP.csv [--dry-run]
                       Nhập hồ sơ từ hệ thống cũ (CSV, tên cột như Cổng Dịch vụ công quốc gia: MaHoSo,
                       MaTTHC, MaCoQuan, NgayTiepNhan, NgayHenTra, TrangThaiHoSo...), giữ nguyên mã và các
                       mốc ngày. Dòng nào sai thì báo số dòng và lý do, không nhập gì; có thanh tiến độ.
                       Các cột: docs/import-dossiers.md.
  gen [--dossiers N] [--years Y] [--seed S] [--procedures 2000] [--fields 50] [--workers N]
                       Sinh một tỉnh tổng hợp để đo hiệu năng: danh mục, N hồ sơ trong Y năm với nhật ký
                       xử lý đầy đủ (nạp bằng COPY, có thanh tiến độ). Dùng với DATABASE_URL (PostgreSQL).
                       --workers: số luồng sinh song song (mặc định: số CPU); dữ liệu không phụ thuộc vào nó.
  bench [--sizes 0,1e6] [--pglite-sizes 1e5] [--quick]
                       Chạy bộ đo hiệu năng (bench/run.ts), ghi bench/results/<ngày>.json.
  audit verify         Kiểm tra chuỗi mã băm nhật ký xử lý của mọi hồ sơ; báo mọi chỗ bị sửa, xóa
                       hoặc chèn (mã thoát 0: toàn vẹn, 1: có chỗ đứt).
  help                 In hướng dẫn này.

Biến môi trường:
  PORT (3000), HOST (0.0.0.0), DATA_DIR (./data), DATABASE_URL (PostgreSQL; mặc định PGlite nhúng),
  ADMIN_PASSWORD (mật khẩu admin ở lần chạy đầu), LOG_LEVEL (warn).
`;

class CliError extends Error {}

function fail(msg: string): never {
  throw new CliError(msg);
}

/** With PGlite only one process may open the data folder: find out whether a server holds it. */
function runningServer(config: Config) {
  return config.databaseUrl ? null : readLiveLock(config.dataDir);
}

async function cmdServe(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { role: { type: 'string', default: 'all' }, 'no-build': { type: 'boolean', default: false } } });
  const role = zRole.safeParse(values.role);
  if (!role.success) fail(`Vai trò máy chủ không hợp lệ: ${values.role} (web, worker hoặc all).`);
  const config = loadConfig();
  const running = await startServer(config, { role: role.data, build: !values['no-build'] });
  const shutdown = async (sig: string) => {
    console.log(`\nNhận ${sig}, đang dừng...`);
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function cmdMigrate() {
  const config = loadConfig();
  const lock = runningServer(config);
  if (lock) {
    console.log(`Máy chủ motcua đang chạy (PID ${lock.pid}) và đã áp dụng mọi migration khi khởi động; không cần chạy lại.`);
    return;
  }
  const ctx = await openContext(config, { migrate: false });
  try {
    const applied = await migrate(ctx.database);
    console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
  } finally {
    await ctx.database.close();
  }
}

async function cmdDemo(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { reset: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const lock = runningServer(config);
  if (lock) fail(`Máy chủ motcua đang chạy (PID ${lock.pid}) trên thư mục dữ liệu này. Hãy dừng máy chủ rồi chạy lại lệnh demo.`);
  const ctx = await openContext(config);
  try {
    if (values.reset) {
      await wipe(ctx);
      const pw = config.adminPassword ?? generatePassword();
      await loadDemo(ctx, pw);
      if (!config.adminPassword) writeFileSync(adminPasswordFile(config), `${pw}\n`, { mode: 0o600 });
      console.log(`Đã nạp lại tỉnh demo. Mật khẩu admin: ${pw}`);
      return;
    }
    if (!(await isEmpty(ctx))) {
      console.log('Cơ sở dữ liệu đã có dữ liệu; dùng --reset để xóa và nạp lại tỉnh demo.');
      return;
    }
    const pw = await ensureDemo(ctx);
    console.log(`Đã nạp tỉnh demo. Mật khẩu admin: ${pw}`);
  } finally {
    await ctx.database.close();
  }
}

async function cmdUser(argv: string[]) {
  const [sub, ...rest] = argv;
  if (sub !== 'add') fail('Dùng: motcua user add --username U --password P --full-name "Họ tên" --role R [--agency ID]');
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'full-name': { type: 'string' },
      role: { type: 'string' },
      agency: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
    },
  });
  for (const k of ['username', 'password', 'full-name', 'role'] as const) if (!values[k]) fail(`Thiếu --${k}.`);
  const config = loadConfig();
  const lock = runningServer(config);
  if (lock) {
    if (!lock.port) fail('Máy chủ đang khởi động; hãy thử lại sau vài giây.');
    // The server holds the data folder: ask it to create the user.
    const agencyId: string | null = values.agency ?? null;
    const body = {
      username: values.username,
      password: values.password,
      fullName: values['full-name'],
      email: values.email,
      phone: values.phone,
      grants: [{ role: values.role, agencyId }],
    };
    const res = await fetch(`http://127.0.0.1:${lock.port}/api/v1/internal/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-motcua-control': lock.controlToken },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { username?: string; error?: { message: string; details?: { message: string }[] } };
    if (!res.ok) fail(`${json.error?.message ?? res.statusText}${json.error?.details ? ` ${json.error.details.map((d) => d.message).join(' ')}` : ''}`);
    console.log(`Đã tạo người dùng ${json.username} (qua máy chủ đang chạy).`);
    return;
  }
  const ctx = await openContext(config);
  try {
    let agencyId: string | null = null;
    if (values.agency) {
      const a = await findAgency(ctx.db, values.agency);
      if (!a) fail(`Không tìm thấy cơ quan "${values.agency}" (nhập id hoặc mã định danh).`);
      agencyId = a.id;
    }
    const u = await createUser(
      ctx,
      null,
      {
        username: values.username!,
        password: values.password!,
        fullName: values['full-name']!,
        email: values.email,
        phone: values.phone,
        grants: [{ role: values.role!, agencyId }],
      },
      null,
    );
    console.log(`Đã tạo người dùng ${u.username}.`);
  } finally {
    await ctx.database.close();
  }
}

/** The bad rows of an IMPORT_INVALID answer, one per line. */
function importProblems(message: string, details: unknown): string {
  const list = Array.isArray(details) ? (details as { path?: string; message?: string }[]) : [];
  return [message, ...list.map((d) => `  ${d.path ? `${d.path}: ` : ''}${d.message ?? ''}`)].join('\n');
}

function importSummary(r: ImportResult, dryRun: boolean, viaServer: boolean): string {
  const what = `${r.created + r.updated} thủ tục (${r.created} thủ tục mới, ${r.updated} phiên bản mới của thủ tục đã có), thuộc ${r.fields} lĩnh vực${r.newFields ? ` (${r.newFields} lĩnh vực mới)` : ''}`;
  const via = viaServer ? ' (qua máy chủ đang chạy)' : '';
  return dryRun ? `Tệp hợp lệ; chưa ghi gì vào cơ sở dữ liệu (--dry-run). Sẽ nhập ${what}.${via}` : `Đã nhập ${what}.${via}`;
}

async function cmdImport(argv: string[]) {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
  const [what, file, ...extra] = positionals;
  if (what === 'dossiers') {
    if (!file || extra.length) fail('Dùng: motcua import dossiers TỆP.csv [--dry-run]');
    try {
      return await importDossiersCommand(file, { dryRun: values['dry-run'] });
    } catch (err) {
      if (err instanceof ImportCommandError) fail(err.message);
      throw err;
    }
  }
  if (what !== 'procedures' || !file || extra.length) fail('Dùng: motcua import procedures TỆP.csv|TỆP.xlsx [--dry-run] hoặc motcua import dossiers TỆP.csv [--dry-run]');
  const dryRun = values['dry-run'];
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? `Không tìm thấy tệp ${file}.` : code === 'EISDIR' ? `${file} là thư mục, không phải tệp.` : `Không đọc được tệp ${file}: ${(err as Error).message}`);
  }
  // The file is read here, so a file that cannot be read is reported before touching the database.
  const records = readImportFile(bytes, file);
  const source = path.basename(file);
  const config = loadConfig();
  const lock = runningServer(config);
  if (lock) {
    if (!lock.port) fail('Máy chủ đang khởi động; hãy thử lại sau vài giây.');
    const res = await fetch(`http://127.0.0.1:${lock.port}/api/v1/internal/procedures/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-motcua-control': lock.controlToken },
      body: JSON.stringify({ records, dryRun, source }),
    });
    const json = (await res.json()) as ImportResult & { error?: { code: string; message: string; details?: unknown } };
    if (!res.ok) fail(importProblems(json.error?.message ?? res.statusText, json.error?.details));
    console.log(importSummary(json, dryRun, true));
    return;
  }
  const ctx = await openContext(config);
  try {
    const r = await importProcedureRecords(ctx, records, { dryRun, source });
    console.log(importSummary(r, dryRun, false));
  } catch (err) {
    if (err instanceof AppError && err.code === 'IMPORT_INVALID') fail(importProblems(err.message, err.details));
    throw err;
  } finally {
    await ctx.database.close();
  }
}

async function cmdAudit(argv: string[]): Promise<number> {
  const [what, ...extra] = argv;
  if (what !== 'verify' || extra.length) fail('Dùng: motcua audit verify');
  const config = loadConfig();
  const lock = runningServer(config);
  let result: VerifyResult;
  if (lock) {
    if (!lock.port) fail('Máy chủ đang khởi động; hãy thử lại sau vài giây.');
    const res = await fetch(`http://127.0.0.1:${lock.port}/api/v1/internal/audit/verify`, {
      method: 'POST',
      headers: { 'x-motcua-control': lock.controlToken },
    });
    if (!res.ok) fail(`Máy chủ trả lời ${res.status}.`);
    result = (await res.json()) as VerifyResult;
  } else {
    const ctx = await openContext(config);
    try {
      result = await verifyEventChains(ctx);
    } finally {
      await ctx.database.close();
    }
  }
  console.log(`Đã kiểm tra ${result.events} sự kiện của ${result.dossiers} hồ sơ.`);
  if (result.breaks.length === 0) {
    console.log('Nhật ký xử lý hồ sơ toàn vẹn: không có chỗ đứt.');
    return 0;
  }
  console.error(`Phát hiện ${result.breaks.length} chỗ đứt trong nhật ký:`);
  for (const b of result.breaks.slice(0, 200)) console.error(`  ${b.code ?? b.dossierId}${b.seq ? ` sự kiện ${b.seq}` : ''}: ${b.problem}`);
  return 1;
}

/** PGlite above this many dossiers: PostgreSQL is what a province of that size runs. */
const GEN_PGLITE_MAX = 1_000_000;

async function cmdGen(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      dossiers: { type: 'string', default: '100000' },
      years: { type: 'string', default: '3' },
      seed: { type: 'string', default: '766' },
      procedures: { type: 'string', default: '2000' },
      fields: { type: 'string', default: '50' },
      workers: { type: 'string' },
    },
  });
  const num = (name: string, v: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) fail(`--${name} phải là số từ ${min} đến ${max}.`);
    return Math.floor(n);
  };
  const dossiers = num('dossiers', values.dossiers, 0, 50_000_000);
  const config = loadConfig();
  if (!config.databaseUrl && dossiers > GEN_PGLITE_MAX) fail(`PGlite chỉ dùng cho tối đa ${GEN_PGLITE_MAX.toLocaleString('vi-VN')} hồ sơ; hãy đặt DATABASE_URL (PostgreSQL).`);
  if (runningServer(config)) fail('Máy chủ đang chạy trên thư mục dữ liệu này; hãy dừng máy chủ trước.');
  const { generateProvince } = await import('./runtime/gen.ts');
  const ctx = await openContext(config);
  const started = Date.now();
  const bar = (done: number, total: number) => {
    const s = (Date.now() - started) / 1000;
    const rate = done / Math.max(s, 0.001);
    const eta = rate > 0 ? (total - done) / rate : 0;
    const w = 24;
    const f = total ? Math.round((done / total) * w) : w;
    process.stderr.write(`\rHồ sơ  [${'█'.repeat(f)}${'░'.repeat(w - f)}] ${total ? Math.floor((done / total) * 100) : 100}%  ${done.toLocaleString('vi-VN')}/${total.toLocaleString('vi-VN')}  ${Math.round(rate).toLocaleString('vi-VN')} hồ sơ/s  còn ${Math.ceil(eta)} s   `);
  };
  try {
    const r = await generateProvince(ctx, {
      dossiers,
      years: num('years', values.years, 1, 20),
      seed: num('seed', values.seed, 0, 2 ** 31),
      procedures: num('procedures', values.procedures, 1, 20_000),
      fields: num('fields', values.fields, 1, 200),
      ...(values.workers !== undefined ? { workers: num('workers', values.workers, 0, 64) } : {}),
      adminPassword: config.adminPassword ?? generatePassword(),
      onProgress: bar,
      log: (line) => process.stderr.write(`\n${line}`),
    });
    process.stderr.write('\n');
    console.log(`Đã sinh ${r.dossiers.toLocaleString('vi-VN')} hồ sơ (${r.events.toLocaleString('vi-VN')} sự kiện), ${r.procedures} thủ tục, trong ${r.seconds.toFixed(0)} giây.`);
    const p = r.phases;
    const sec = (x: number) => `${x.toFixed(1)} s`;
    console.log(
      `Thời gian: chuẩn bị ${sec(p.setup)}, sinh và COPY ${sec(p.load)} (${Math.round(r.dossiers / Math.max(p.load, 0.001)).toLocaleString('vi-VN')} hồ sơ/s; ` +
        `${r.workers || 1} luồng, ${r.shards} phần: sinh ${sec(p.generate)}, chờ COPY ${sec(p.copyWait)}), ` +
        `dựng chỉ mục và khóa ngoại ${sec(p.indexes)}, bộ đếm mã ${sec(p.counters)}, bảng tổng hợp Biểu 06 ${sec(p.rollup)}, VACUUM ANALYZE ${sec(p.vacuum)}.`,
    );
    return 0;
  } finally {
    await ctx.database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'serve':
        await cmdServe(rest);
        return -1; // keeps running
      case 'migrate':
        await cmdMigrate();
        return 0;
      case 'demo':
        await cmdDemo(rest);
        return 0;
      case 'user':
        await cmdUser(rest);
        return 0;
      case 'import':
        await cmdImport(rest);
        return 0;
      case 'audit':
        return await cmdAudit(rest);
      case 'gen':
        return await cmdGen(rest);
      case 'bench': {
        const { runBench } = await import('../bench/run.ts');
        return await runBench(rest);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return 0;
      default:
        console.error(`Lệnh không tồn tại: ${cmd}\n`);
        console.log(HELP);
        return 2;
    }
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`Lỗi: ${err.message}`);
      return 1;
    }
    if (err instanceof AppError) {
      const d = Array.isArray(err.details) ? ` ${err.details.map((x) => `${x.path}: ${x.message}`).join('; ')}` : '';
      console.error(`Lỗi: ${err.message}${d}`);
      return 1;
    }
    if (err instanceof Error && /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(`${(err as NodeJS.ErrnoException).code} ${err.message}`)) {
      console.error(`Lỗi: ${err.message}`);
      return 2;
    }
    console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
