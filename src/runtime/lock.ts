import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** What the running server writes into the data folder so CLI commands can find it. */
export interface ServerLock {
  pid: number;
  port: number | null;
  controlToken: string;
  startedAt: string;
}

export const lockPath = (dataDir: string) => path.join(dataDir, 'motcua.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock of a live process holding the data folder, or null (a stale lock is removed). */
export function readLiveLock(dataDir: string): ServerLock | null {
  const p = lockPath(dataDir);
  if (!existsSync(p)) return null;
  try {
    const lock = JSON.parse(readFileSync(p, 'utf8')) as ServerLock;
    if (alive(lock.pid)) return lock;
  } catch {
    // unreadable: treat as stale
  }
  rmSync(p, { force: true });
  return null;
}

/**
 * Takes the data folder for this process. PGlite allows one process per folder,
 * so a second taker is refused with the holder's PID.
 */
export function acquireLock(dataDir: string, lock: ServerLock): () => void {
  mkdirSync(dataDir, { recursive: true });
  const holder = readLiveLock(dataDir);
  if (holder) {
    throw new Error(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình motcua khác sử dụng (PID ${holder.pid}${holder.port ? `, cổng ${holder.port}` : ''}). Hãy dừng tiến trình đó trước.`,
    );
  }
  const p = lockPath(dataDir);
  const fd = openSync(p, 'wx', 0o600);
  writeSync(fd, JSON.stringify(lock));
  closeSync(fd);
  return () => rmSync(p, { force: true });
}

export function updateLock(dataDir: string, lock: ServerLock): void {
  const p = lockPath(dataDir);
  const fd = openSync(p, 'w', 0o600);
  writeSync(fd, JSON.stringify(lock));
  closeSync(fd);
}
