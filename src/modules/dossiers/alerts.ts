/**
 * Deadline warnings (cảnh báo hạn xử lý): the worker tells the officer who
 * holds a dossier and the heads and leaders of the agency holding it, ahead
 * of the due date (DUE_SOON_WORKING_HOURS, default one working day) and once
 * it is overdue. One alert per person, dossier and kind.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { rows } from '../../db/client.ts';
import { addWorkingTime } from '../../kernel/calendar/index.ts';
import { getWorkCalendar } from './calendar.ts';

export async function raiseDeadlineAlerts(ctx: AppContext): Promise<{ dueSoon: number; overdue: number }> {
  const now = ctx.now();
  const cal = await getWorkCalendar(ctx, null);
  const soon = addWorkingTime(now, ctx.config.dueSoonWorkingHours * 3_600_000, cal);
  const insert = async (kind: 'due_soon' | 'overdue', cond: ReturnType<typeof sql>) => {
    const r = await rows<{ n: number }>(
      ctx.db,
      sql`WITH RECURSIVE due AS (
            SELECT id, assignee_id, current_agency_id FROM dossiers WHERE status IN (2, 4) AND ${cond}
          ), chain AS (
            SELECT due.id AS dossier_id, a.id AS agency_id, due.current_agency_id AS start, 0 AS depth
              FROM due JOIN agencies a ON a.id = due.current_agency_id
            UNION ALL
            SELECT chain.dossier_id, a.parent_id, chain.start, chain.depth + 1
              FROM chain JOIN agencies a ON a.id = chain.agency_id WHERE a.parent_id IS NOT NULL AND chain.depth < 2
          ), targets AS (
            SELECT id AS dossier_id, assignee_id AS user_id FROM due WHERE assignee_id IS NOT NULL
            UNION
            SELECT chain.dossier_id, g.user_id FROM chain JOIN user_grants g ON g.agency_id = chain.agency_id
              WHERE g.role IN ('head', 'leader')
          ), ins AS (
            INSERT INTO dossier_alerts (user_id, dossier_id, kind, at)
            SELECT user_id, dossier_id, ${kind}, ${now.toISOString()}::timestamptz FROM targets
            ON CONFLICT (user_id, dossier_id, kind) DO NOTHING RETURNING 1
          ) SELECT count(*)::int AS n FROM ins`,
    );
    return Number(r[0]?.n ?? 0);
  };
  const dueSoon = await insert('due_soon', sql`due_at > ${now.toISOString()}::timestamptz AND due_at <= ${soon.toISOString()}::timestamptz`);
  const overdue = await insert('overdue', sql`due_at <= ${now.toISOString()}::timestamptz`);
  return { dueSoon, overdue };
}

export interface AlertDto {
  id: number;
  kind: string;
  at: string;
  read: boolean;
  dossier: { id: string; code: string | null; procedureName: string; dueAt: string | null; status: number };
}

export async function listAlerts(ctx: AppContext, userId: string, unreadOnly: boolean): Promise<{ items: AlertDto[]; unread: number }> {
  const list = await rows<{ id: number; kind: string; at: Date | string; read_at: unknown; dossier_id: string; code: string | null; procedure_name: string; due_at: Date | string | null; status: number }>(
    ctx.db,
    sql`SELECT a.id, a.kind, a.at, a.read_at, d.id AS dossier_id, d.code, d.procedure_name, d.due_at, d.status
        FROM dossier_alerts a JOIN dossiers d ON d.id = a.dossier_id
        WHERE a.user_id = ${userId} ${unreadOnly ? sql`AND a.read_at IS NULL` : sql``}
        ORDER BY a.at DESC, a.id DESC LIMIT 100`,
  );
  const [{ n }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM dossier_alerts WHERE user_id = ${userId} AND read_at IS NULL`);
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
  return {
    unread: Number(n),
    items: list.map((a) => ({
      id: Number(a.id),
      kind: a.kind,
      at: iso(a.at)!,
      read: a.read_at !== null,
      dossier: { id: a.dossier_id, code: a.code, procedureName: a.procedure_name, dueAt: iso(a.due_at), status: Number(a.status) },
    })),
  };
}

export async function markAlertsRead(ctx: AppContext, userId: string, ids: number[] | 'all'): Promise<void> {
  const now = ctx.now().toISOString();
  if (ids === 'all') {
    await ctx.db.execute(sql`UPDATE dossier_alerts SET read_at = ${now}::timestamptz WHERE user_id = ${userId} AND read_at IS NULL`);
  } else if (ids.length) {
    await ctx.db.execute(sql`UPDATE dossier_alerts SET read_at = ${now}::timestamptz WHERE user_id = ${userId} AND read_at IS NULL AND id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  }
}
