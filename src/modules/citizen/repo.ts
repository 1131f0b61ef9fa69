/**
 * SQL of the citizen-facing slice: satisfaction ratings (đánh giá mức độ hài
 * lòng), the public throttle counters and the public lookup's reads.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export type RatingVia = 'account' | 'qr';

/** Mức độ hài lòng, as a person reads it. */
export const RATING_NAMES: Record<RatingLevel, string> = {
  very_satisfied: 'Rất hài lòng',
  satisfied: 'Hài lòng',
  not_satisfied: 'Không hài lòng',
};

export interface RatingDto {
  level: RatingLevel;
  levelName: string;
  comment: string | null;
  via: RatingVia;
  at: string;
}

const toIso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

function presentRating(r: { level: RatingLevel; comment: string | null; via: RatingVia; at: unknown }): RatingDto {
  return { level: r.level, levelName: RATING_NAMES[r.level], comment: r.comment, via: r.via, at: toIso(r.at) };
}

/** The dossier's rating, or null when it has not been rated. */
export async function ratingOf(tx: Tx, dossierId: string): Promise<RatingDto | null> {
  const r = await rows<{ level: RatingLevel; comment: string | null; via: RatingVia; at: unknown }>(
    tx,
    sql`SELECT level, comment, via, at FROM dossier_ratings WHERE dossier_id = ${dossierId}`,
  );
  return r[0] ? presentRating(r[0]) : null;
}

/** Records the rating; null when the dossier already has one (the first rating stands). */
export async function insertRating(
  tx: Tx,
  r: { dossierId: string; level: RatingLevel; comment: string | null; byUserId: string | null; via: RatingVia; at: Date },
): Promise<RatingDto | null> {
  const out = await rows<{ level: RatingLevel; comment: string | null; via: RatingVia; at: unknown }>(
    tx,
    sql`INSERT INTO dossier_ratings (dossier_id, level, comment, by_user_id, via, at)
        VALUES (${r.dossierId}, ${r.level}, ${r.comment}, ${r.byUserId}, ${r.via}, ${r.at.toISOString()}::timestamptz)
        ON CONFLICT (dossier_id) DO NOTHING
        RETURNING level, comment, via, at`,
  );
  return out[0] ? presentRating(out[0]) : null;
}

// ——— throttle ———

/** Events counted for `key` in the window that is still running at `now` (0 when none). */
export async function throttleCount(tx: Tx, key: string, now: Date, windowMs: number): Promise<{ count: number; windowStartedAt: Date | null }> {
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const r = await rows<{ count: number; window_started_at: unknown }>(
    tx,
    sql`SELECT count, window_started_at FROM public_throttle WHERE key = ${key} AND window_started_at > ${cutoff}::timestamptz`,
  );
  return r[0] ? { count: Number(r[0].count), windowStartedAt: new Date(toIso(r[0].window_started_at)) } : { count: 0, windowStartedAt: null };
}

/** Counts one event for `key` (a new window starts when the last one has run out); returns the count in the window. */
export async function throttleBump(tx: Tx, key: string, now: Date, windowMs: number): Promise<number> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const r = await rows<{ count: number }>(
    tx,
    sql`INSERT INTO public_throttle AS t (key, count, window_started_at) VALUES (${key}, 1, ${at}::timestamptz)
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN t.window_started_at <= ${cutoff}::timestamptz THEN 1 ELSE t.count + 1 END,
          window_started_at = CASE WHEN t.window_started_at <= ${cutoff}::timestamptz THEN ${at}::timestamptz ELSE t.window_started_at END
        RETURNING count`,
  );
  const count = Number(r[0].count);
  // A fresh window: drop counters that ran out long ago, so the table stays small.
  if (count === 1) {
    await tx.execute(sql`DELETE FROM public_throttle WHERE window_started_at < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`);
  }
  return count;
}

// ——— public lookup ———

export interface PublicDossierRow {
  id: string;
  code: string;
  status: number;
  procedure_name: string;
  received_at: unknown;
  due_at: unknown;
  rescheduled_due_at: unknown;
  finished_at: unknown;
  id_last4: string | null;
  phone_last4: string | null;
  current_agency_name: string | null;
}

/** A dossier by its code only (never by its internal id), with what the public view needs. */
export async function findByCode(tx: Tx, code: string): Promise<PublicDossierRow | null> {
  const r = await rows<PublicDossierRow>(
    tx,
    sql`SELECT d.id, d.code, d.status, d.procedure_name, d.received_at, d.due_at, d.rescheduled_due_at, d.finished_at,
               d.id_last4, d.phone_last4, a.name AS current_agency_name
        FROM dossiers d LEFT JOIN agencies a ON a.id = d.current_agency_id
        WHERE d.code = ${code} LIMIT 1`,
  );
  return r[0] ?? null;
}

/** The public history: when, which action, the status after it and the agency holding the dossier (no actors, no data). */
export async function publicHistory(tx: Tx, dossierId: string): Promise<{ at: unknown; action: string; to_status: number; agency_name: string | null }[]> {
  return rows(
    tx,
    sql`SELECT e.at, e.action, e.to_status, a.name AS agency_name
        FROM dossier_events e LEFT JOIN agencies a ON a.id = e.agency_id
        WHERE e.dossier_id = ${dossierId} ORDER BY e.seq`,
  );
}

/** Whether an account already carries the identity number. */
export async function idNumberTaken(tx: Tx, idNumber: string): Promise<boolean> {
  const r = await rows<{ n: number }>(tx, sql`SELECT 1 AS n FROM users WHERE upper(id_number) = ${idNumber.toUpperCase()} LIMIT 1`);
  return r.length > 0;
}
