import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';

export interface Job {
  name: string;
  everyMs: number;
  run: (ctx: AppContext) => Promise<void>;
}

/** Periodic housekeeping the worker role runs. Each job runs on its own timer and never overlaps itself. */
export const JOBS: Job[] = [
  {
    name: 'purge-expired-sessions',
    everyMs: 15 * 60_000,
    run: async (ctx) => {
      const cutoff = new Date(ctx.now().getTime() - 7 * 86_400_000).toISOString();
      await ctx.db.execute(
        sql`DELETE FROM sessions WHERE expires_at < ${cutoff}::timestamptz OR revoked_at < ${cutoff}::timestamptz`,
      );
    },
  },
];

export function startWorker(ctx: AppContext, jobs: Job[] = JOBS): { stop: () => Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const p = job
        .run(ctx)
        .catch((err) => console.error(`[worker] ${job.name}: ${(err as Error).message}`))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    timers.push(setInterval(tick, job.everyMs));
    setTimeout(tick, 1000).unref();
  }
  for (const t of timers) t.unref();
  return {
    stop: async () => {
      stopped = true;
      timers.forEach(clearInterval);
      await Promise.all(running);
    },
  };
}
