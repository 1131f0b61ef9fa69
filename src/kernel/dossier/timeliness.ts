import { vnDay } from './code.ts';

/** Kết quả đúng hạn: trước hạn, đúng hạn, quá hạn. */
export type Timeliness = 'early' | 'on_time' | 'late';

export const TIMELINESS_NAMES: Record<Timeliness, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

/**
 * A finished dossier is early, on time or late by comparing the day it
 * finished with its due day, both in Vietnam time. No due date: on time.
 */
export function timelinessOf(finishedAt: Date, dueAt: Date | null): Timeliness {
  if (!dueAt) return 'on_time';
  const f = vnDay(finishedAt);
  const d = vnDay(dueAt);
  return f < d ? 'early' : f === d ? 'on_time' : 'late';
}

/** An open dossier is overdue once the instant passes its due instant. */
export function isOverdue(now: Date, dueAt: Date | null): boolean {
  return !!dueAt && now.getTime() > dueAt.getTime();
}
