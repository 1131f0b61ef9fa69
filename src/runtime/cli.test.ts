import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../cli.ts';
import { loadConfig } from '../config.ts';
import { startServer, type Running } from './server.ts';

// The data-folder rules are PGlite's: these tests always run on a temporary data folder.
let dir: string;
const saved = { ...process.env };
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
  process.env.DATA_DIR = dir;
  process.env.ADMIN_PASSWORD = 'Admin@12345';
  process.env.DEMO_DOSSIERS = '30';
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, out: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('motcua CLI', () => {
  it('migrate creates the database; demo loads the province once', async () => {
    const m = await run(['migrate']);
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/0001_foundation/);
    expect((await run(['migrate'])).out).toMatch(/mới nhất/);
    const d = await run(['demo']);
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/Admin@12345/);
    expect((await run(['demo'])).out).toMatch(/đã có dữ liệu/);
  });

  it('user add creates a user in an agency named by its electronic id; bad input exits non-zero with a reason', async () => {
    const ok = await run(['user', 'add', '--username', 'cb.moi', '--password', 'MatKhau2026', '--full-name', 'Cán bộ Mới', '--role', 'reception', '--agency', '000.01.60.H56']);
    expect(ok.code).toBe(0);
    const badRole = await run(['user', 'add', '--username', 'xx1', '--password', 'MatKhau2026', '--full-name', 'X', '--role', 'king']);
    expect(badRole.code).toBe(1);
    expect(badRole.out).toMatch(/Vai trò không tồn tại/);
    const noAgency = await run(['user', 'add', '--username', 'xx2', '--password', 'MatKhau2026', '--full-name', 'X', '--role', 'reception', '--agency', '999.99.99.H99']);
    expect(noAgency.code).toBe(1);
    expect(noAgency.out).toMatch(/Không tìm thấy cơ quan/);
    const missing = await run(['user', 'add', '--username', 'xx3']);
    expect(missing.code).toBe(1);
    expect((await run(['nonsense'])).code).toBe(2);
  });

  describe('while the server holds the data folder', () => {
    let server: Running;
    beforeAll(async () => {
      server = await startServer({ ...loadConfig(), port: 0, host: '127.0.0.1', logLevel: 'silent' }, { role: 'all', build: false, quiet: true });
    });
    afterAll(async () => server.stop());

    it('user add goes through the running server', async () => {
      const r = await run(['user', 'add', '--username', 'qua.maychu', '--password', 'MatKhau2026', '--full-name', 'Qua Máy Chủ', '--role', 'specialist', '--agency', '000.00.21.H56']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/qua máy chủ đang chạy/);
      const login = await fetch(`${server.url!.replace('localhost', '127.0.0.1')}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'qua.maychu', password: 'MatKhau2026' }),
      });
      expect(login.status).toBe(200);
    });

    it('audit verify checks the event chains through the running server', async () => {
      // The worker loads the demo dossiers in the background; wait for them.
      for (let i = 0; i < 100; i++) {
        const r = await run(['audit', 'verify']);
        if (/của 30 hồ sơ/.test(r.out)) break;
        await new Promise((res) => setTimeout(res, 300));
      }
      const r = await run(['audit', 'verify']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/của 30 hồ sơ/);
      expect(r.out).toMatch(/toàn vẹn/);
      expect((await run(['audit', 'nonsense'])).code).toBe(1);
    });

    it('commands that need the folder alone refuse clearly; a second server is refused', async () => {
      const d = await run(['demo', '--reset']);
      expect(d.code).toBe(1);
      expect(d.out).toMatch(/đang chạy/);
      await expect(
        startServer({ ...loadConfig(), port: 0, host: '127.0.0.1' }, { role: 'web', build: false, quiet: true }),
      ).rejects.toThrow(/đang được tiến trình motcua khác sử dụng/);
    });
  });
});
