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
import { writeFileSync } from 'node:fs';

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
