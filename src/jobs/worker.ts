import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { loadPendingDemoDossiers } from '../demo/dossiers.ts';
import { raiseDeadlineAlerts } from '../modules/dossiers/alerts.ts';
import { deliverOutbox } from '../modules/notifications/deliver.ts';
import { foldBieu06 } from '../modules/reports/bieu06.ts';

export interface Job {
  name: string;
  everyMs: number;
  /** `signal.stopped` turns true when the worker stops: long jobs check it and return early. */
  run: (ctx: AppContext, signal: { stopped: boolean }) => Promise<void>;
  /** Run once shortly after start instead of periodically. */
  once?: boolean;
}

/** Periodic housekeeping the worker role runs. Each job runs on its own timer and never overlaps itself. */
export const JOBS: Job[] = [
  {
    name: 'demo-dossiers',
    everyMs: 0,
    once: true,
    run: async (ctx, signal) => {
      await loadPendingDemoDossiers(ctx, signal);
    },
  },
  {
    name: 'deadline-alerts',
    everyMs: 5 * 60_000,
    run: async (ctx) => {
      await raiseDeadlineAlerts(ctx);
    },
  },
  {
    // E-mails and text messages to citizens (the outbox), with retries.
    name: 'deliver-notifications',
    everyMs: 10_000,
    run: async (ctx, signal) => {
      await deliverOutbox(ctx, { signal });
    },
  },
  {
    // Biểu 06 reads its rollup plus the changes not yet folded: folding often keeps that tail short.
    name: 'fold-bieu06',
    everyMs: 5_000,
    run: async (ctx) => {
      await foldBieu06(ctx);
    },
  },
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
  const signal = { stopped: false };
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || signal.stopped) return;
      busy = true;
      const p = job
        .run(ctx, signal)
        .catch((err) => console.error(`[worker] ${job.name}: ${(err as Error).message}`))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    if (!job.once) timers.push(setInterval(tick, job.everyMs));
    setTimeout(tick, job.once ? 200 : 1000).unref();
  }
  for (const t of timers) t.unref();
  return {
    stop: async () => {
      signal.stopped = true;
      timers.forEach(clearInterval);
      await Promise.all(running);
    },
  };
}
