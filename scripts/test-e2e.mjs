// Browser journeys: starts the real server on a temporary data folder, then runs
// e2e/*.e2e.ts with Playwright driving Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
const port = await freePort();
const adminPassword = 'E2e@Admin2026';
const server = spawn(process.execPath, ['bin/motcua.mjs', 'serve'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: adminPassword, DATABASE_URL: '', DEMO_DOSSIERS: process.env.DEMO_DOSSIERS ?? '200' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let serverOut = '';
server.stdout.on('data', (d) => (serverOut += d));
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', () => {
  stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 180_000;
for (;;) {
  if (server.exitCode !== null) {
    console.error(serverOut);
    console.error('Máy chủ dừng trước khi sẵn sàng.');
    process.exit(1);
  }
  try {
    const r = await fetch(`${base}/api/v1/health`);
    if (r.ok) break;
  } catch {
    // not yet listening
  }
  if (Date.now() > deadline) {
    console.error(serverOut);
    console.error('Máy chủ không sẵn sàng sau 180 giây.');
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}
console.log(`Server ready at ${base}`);

const res = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: base, E2E_ADMIN_PASSWORD: adminPassword },
});
stop();
await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
process.exit(res.status ?? 1);
