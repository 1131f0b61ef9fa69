/** The only place the calendar module speaks SQL: holiday schedule overrides and agencies' office hours. */
import { asc, eq, sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.ts';
import { holidaySchedules, users } from '../../db/schema.ts';
import type { ScheduleBlock } from '../../kernel/calendar/index.ts';

export type HolidayScheduleRow = typeof holidaySchedules.$inferSelect;

/** Every override row, reverted ones included (their blocks are null). */
export async function listSchedules(tx: Tx): Promise<HolidayScheduleRow[]> {
  return tx.select().from(holidaySchedules).orderBy(asc(holidaySchedules.year));
}

export async function getSchedule(tx: Tx, year: number): Promise<(HolidayScheduleRow & { updatedByName: string | null }) | null> {
  const [row] = await tx
    .select({
      year: holidaySchedules.year,
      blocks: holidaySchedules.blocks,
      note: holidaySchedules.note,
      version: holidaySchedules.version,
      updatedBy: holidaySchedules.updatedBy,
      updatedAt: holidaySchedules.updatedAt,
      updatedByName: users.fullName,
    })
    .from(holidaySchedules)
    .leftJoin(users, eq(users.id, holidaySchedules.updatedBy))
    .where(eq(holidaySchedules.year, year));
  return row ?? null;
}

/**
 * Writes a year's blocks (null = revert) when the stored version is
 * `expectedVersion` (0 = no row yet). Returns the new row, or null on a stale version.
 */
export async function saveSchedule(
  tx: Tx,
  input: { year: number; blocks: ScheduleBlock[] | null; note: string | null; expectedVersion: number; userId: string; now: Date },
): Promise<HolidayScheduleRow | null> {
  const blocks = input.blocks === null ? null : JSON.stringify(input.blocks);
  if (input.expectedVersion === 0) {
    const r = await rows<{ year: number }>(
      tx,
      sql`INSERT INTO holiday_schedules (year, blocks, note, version, updated_by, updated_at)
          VALUES (${input.year}, ${blocks}::jsonb, ${input.note}, 1, ${input.userId}, ${input.now.toISOString()}::timestamptz)
          ON CONFLICT (year) DO NOTHING RETURNING year`,
    );
    if (r.length === 0) return null;
  } else {
    const r = await rows<{ year: number }>(
      tx,
      sql`UPDATE holiday_schedules
          SET blocks = ${blocks}::jsonb, note = ${input.note}, version = version + 1, updated_by = ${input.userId}, updated_at = ${input.now.toISOString()}::timestamptz
          WHERE year = ${input.year} AND version = ${input.expectedVersion} RETURNING year`,
    );
    if (r.length === 0) return null;
  }
  const [row] = await tx.select().from(holidaySchedules).where(eq(holidaySchedules.year, input.year));
  return row ?? null;
}

/** One agency as the calendar needs it: its parent and its own office hours (settings.officeHours). */
export interface AgencyHoursRow {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  validTo: string | null;
  officeHours: unknown;
  /** The agency's settings (address, phone… for notices). */
  settings: unknown;
  version: number;
}

export async function listAgencyHours(tx: Tx): Promise<AgencyHoursRow[]> {
  return rows<AgencyHoursRow>(
    tx,
    sql`SELECT id, parent_id AS "parentId", code, name, kind, valid_to::text AS "validTo", settings->'officeHours' AS "officeHours", settings, version FROM agencies`,
  );
}

/**
 * A cheap fingerprint of everything the calendar snapshot is built from:
 * override versions only grow (reverting keeps the row), agencies are never
 * deleted and every edit raises their version.
 */
export async function calendarStamp(tx: Tx): Promise<string> {
  const [r] = await rows<{ hs: string | number; n: string | number; av: string | number }>(
    tx,
    sql`SELECT (SELECT coalesce(sum(version), 0) FROM holiday_schedules) AS hs,
               (SELECT count(*) FROM agencies) AS n,
               (SELECT coalesce(sum(version), 0) FROM agencies) AS av`,
  );
  return `${r.hs}:${r.n}:${r.av}`;
}

/** Sets or clears (null) an agency's own office hours when its version matches; null on a stale version. */
export async function saveOfficeHours(
  tx: Tx,
  input: { id: string; version: number; officeHours: object | null; now: Date },
): Promise<{ version: number } | null> {
  const value = input.officeHours === null ? null : JSON.stringify(input.officeHours);
  const r = await rows<{ version: number }>(
    tx,
    sql`UPDATE agencies
        SET settings = CASE WHEN ${value}::jsonb IS NULL THEN settings - 'officeHours'
                            ELSE jsonb_set(settings, '{officeHours}', ${value}::jsonb) END,
            version = version + 1, updated_at = ${input.now.toISOString()}::timestamptz
        WHERE id = ${input.id} AND version = ${input.version}
        RETURNING version`,
  );
  return r[0] ?? null;
}
