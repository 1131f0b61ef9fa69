import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.join(ROOT, 'web');
const DIST_INDEX = path.join(WEB, 'dist', 'index.html');

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of readdirSync(p)) {
    if (e === 'dist' || e === 'node_modules') continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

/** Whether the built web application is missing or older than its sources. */
export function webBuildStale(): boolean {
  if (!existsSync(path.join(WEB, 'index.html'))) return false; // no web sources: nothing to build
  if (!existsSync(DIST_INDEX)) return true;
  const built = statSync(DIST_INDEX).mtimeMs;
  const sources = Math.max(newestMtime(path.join(WEB, 'src')), newestMtime(path.join(WEB, 'index.html')), newestMtime(path.join(WEB, 'vite.config.ts')), newestMtime(path.join(WEB, 'public')));
  return sources > built;
}

/** Builds the web application with Vite in a child process (keeps the server's memory small). */
export function buildWeb(log: (s: string) => void = console.log): void {
  const require = createRequire(import.meta.url);
  const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  log('Đang build giao diện web (lần đầu hoặc mã nguồn giao diện đã thay đổi)...');
  const res = spawnSync(process.execPath, [viteBin, 'build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('Build giao diện web thất bại.');
}
