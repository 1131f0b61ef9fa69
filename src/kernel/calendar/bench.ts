/**
 * Micro-benchmark of due-date computation, for the project's `bench`
 * command (speed is measured there, never asserted in tests).
 *
 * benchDueDates(n) builds a 2019–2030 calendar, then computes n due dates for
 * a fixed pseudo-random pool of receipts (any time of day, weekends and
 * holidays included) and durations (mostly 1–30 working days, some working
 * hours, calendar days and a 15:00 cut-off), and reports operations per
 * second. Reading the clock is the caller's business: `now` defaults to
 * performance.now.
 */

import { utcMsFromVn, epochDayFromSolar } from './civil.ts';
import { createWorkCalendar, dueDateMs, type DurationUnit, type WorkCalendar } from './worktime.ts';

export interface DueDateBenchResult {
  readonly n: number;
  readonly elapsedMs: number;
  readonly opsPerSec: number;
  /** Sum of the results, so the work cannot be optimised away. */
  readonly checksum: number;
}

interface BenchCase {
  readonly from: number;
  readonly amount: number;
  readonly unit: DurationUnit;
  readonly cutoff: string | null;
}

function makeCases(count: number): BenchCase[] {
  let seed = 0x2545f491;
  const next = (): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const firstDay = epochDayFromSolar(2019, 1, 1);
  const days = epochDayFromSolar(2028, 12, 31) - firstDay;
  const cases: BenchCase[] = [];
  for (let i = 0; i < count; i++) {
    const from = utcMsFromVn(firstDay + Math.floor(next() * days), Math.floor(next() * 86_400) * 1000);
    const r = next();
    const unit: DurationUnit = r < 0.75 ? 'working_days' : r < 0.9 ? 'working_hours' : 'calendar_days';
    const amount = unit === 'working_hours' ? 1 + Math.floor(next() * 40) : 1 + Math.floor(next() * 30);
    cases.push({ from, amount, unit, cutoff: next() < 0.2 ? '15:00' : null });
  }
  return cases;
}

/** Computes `n` due dates and returns the measured rate. */
export function benchDueDates(
  n = 1_000_000,
  now: () => number = () => performance.now(),
  calendar?: WorkCalendar,
): DueDateBenchResult {
  const cal = calendar ?? createWorkCalendar({ fromYear: 2019, toYear: 2030 });
  const cases = makeCases(4096);
  let checksum = 0;
  // Warm-up, so the JIT has compiled the hot path before timing.
  for (let i = 0; i < 20_000; i++) {
    const c = cases[i & 4095];
    checksum = (checksum + dueDateMs(c.from, c.amount, c.unit, cal, { cutoff: c.cutoff }) / 60_000) % 1_000_000_007;
  }
  const t0 = now();
  for (let i = 0; i < n; i++) {
    const c = cases[i & 4095];
    checksum = (checksum + dueDateMs(c.from, c.amount, c.unit, cal, { cutoff: c.cutoff }) / 60_000) % 1_000_000_007;
  }
  const elapsedMs = now() - t0;
  return { n, elapsedMs, opsPerSec: elapsedMs > 0 ? (n * 1000) / elapsedMs : Number.POSITIVE_INFINITY, checksum };
}
