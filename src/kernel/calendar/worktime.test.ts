/**
 * Tests of working time and due dates: boundary tables (including the bugs
 * listed for the PASETO and OpenCPS peers in shared/domain/peers/
 * deadline-algorithms.md) and fast-check properties.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, epochDayFromSolar, formatVn, utcMsFromVn, vnEpochDay, vnInstant, vnMsOfDay } from './civil.ts';
import { CalendarRangeError } from './errors.ts';
import type { YearSchedule } from './holidays.ts';
import {
  addWorkingTime, clockStart, createWorkCalendar, describeDay, dueDate, isWorkingDay, nextWorkingDay, rebaseDueDate,
  resumeDue, workingTimeBetween, type DurationUnit, type WorkCalendar,
} from './worktime.ts';

const cal = createWorkCalendar({ fromYear: 2018, toYear: 2030 });
const H = 3_600_000;
const at = vnInstant;
const fmt = (d: Date | number): string => formatVn(typeof d === 'number' ? d : d.getTime());
const due = (from: number, amount: number, unit: DurationUnit = 'working_days', opts = {}, c: WorkCalendar = cal): string =>
  fmt(dueDate(from, amount, unit, c, opts));

describe('due dates: boundary table (default hours 07:00–11:30, 13:30–17:00)', () => {
  type Row = readonly [label: string, from: number, amount: number, unit: DurationUnit, expected: string, opts?: { cutoff?: string }];
  const rows: readonly Row[] = [
    ['Mon 09:00 + 5 working days → next Mon 09:00', at(2025, 3, 3, 9, 0), 5, 'working_days', '2025-03-10T09:00:00+07:00'],
    ['Mon 09:00 + 1 working day → Tue 09:00 (time of day kept)', at(2025, 3, 3, 9, 0), 1, 'working_days', '2025-03-04T09:00:00+07:00'],
    ['Friday 16:00 + 1 working day → Monday 16:00', at(2025, 3, 7, 16, 0), 1, 'working_days', '2025-03-10T16:00:00+07:00'],
    ['Friday 16:00 + 8 working hours → Monday 16:00', at(2025, 3, 7, 16, 0), 8, 'working_hours', '2025-03-10T16:00:00+07:00'],
    ['received 11:45 (lunch) → clock 13:30; 8 h run out Tue 11:30', at(2025, 3, 3, 11, 45), 1, 'working_days', '2025-03-04T11:30:00+07:00'],
    ['received 11:45 + 2 h → 15:30 the same day', at(2025, 3, 3, 11, 45), 2, 'working_hours', '2025-03-03T15:30:00+07:00'],
    ['received exactly 11:30 + 1 h → 14:30 (PASETO gave 02:00–04:00)', at(2025, 3, 3, 11, 30), 1, 'working_hours', '2025-03-03T14:30:00+07:00'],
    ['received Sunday → clock Monday 07:00; 1 day → Monday 17:00', at(2025, 3, 2, 10, 0), 1, 'working_days', '2025-03-03T17:00:00+07:00'],
    ['received Saturday 08:00 + 2 h → Monday 09:00 (PASETO counted from Saturday)', at(2025, 3, 1, 8, 0), 2, 'working_hours', '2025-03-03T09:00:00+07:00'],
    ['received 17:00 exactly is after hours → Tue 07:00 + 1 day → Tue 17:00', at(2025, 3, 3, 17, 0), 1, 'working_days', '2025-03-04T17:00:00+07:00'],
    ['received 16:59 + 1 day → Tue 16:59', at(2025, 3, 3, 16, 59), 1, 'working_days', '2025-03-04T16:59:00+07:00'],
    ['received 06:30 → clock 07:00; 1 day runs out exactly 17:00 the same day', at(2025, 3, 3, 6, 30), 1, 'working_days', '2025-03-03T17:00:00+07:00'],
    ['Mon 07:00 + 4.5 h runs out at 11:30 exactly → 11:30, not 13:30', at(2025, 3, 3, 7, 0), 4.5, 'working_hours', '2025-03-03T11:30:00+07:00'],
    ['Mon 16:00 + 4 h → Tue 10:00 (1 h Monday, 3 h from 07:00)', at(2025, 3, 3, 16, 0), 4, 'working_hours', '2025-03-04T10:00:00+07:00'],
    ['Mon 16:00 + 6 h → Tue 14:00 (next-morning overflow skips lunch; PASETO did not)', at(2025, 3, 3, 16, 0), 6, 'working_hours', '2025-03-04T14:00:00+07:00'],
    ['Mon 09:00 + 0.5 working day (4 h) → Mon 15:00', at(2025, 3, 3, 9, 0), 0.5, 'working_days', '2025-03-03T15:00:00+07:00'],
    ['Mon 12:15 + 8 h → Tue 11:30', at(2025, 3, 3, 12, 15), 8, 'working_hours', '2025-03-04T11:30:00+07:00'],
    ['amount 0 inside hours → the receipt instant', at(2025, 3, 3, 9, 17), 0, 'working_days', '2025-03-03T09:17:00+07:00'],
    ['amount 0 at lunch → 13:30', at(2025, 3, 3, 12, 0), 0, 'working_hours', '2025-03-03T13:30:00+07:00'],
    ['amount 0 on Saturday → Monday 07:00', at(2025, 3, 1, 12, 0), 0, 'calendar_days', '2025-03-03T07:00:00+07:00'],
    // Holidays and official schedules
    ['Tết 2025: Fri 24/01 10:00 + 1 day → Mon 03/02 10:00', at(2025, 1, 24, 10, 0), 1, 'working_days', '2025-02-03T10:00:00+07:00'],
    ['Tết 2025: received during the break → clock Mon 03/02 07:00', at(2025, 1, 29, 10, 0), 1, 'working_days', '2025-02-03T17:00:00+07:00'],
    ['Tết 2026: Fri 13/02 10:00 + 1 day → Mon 23/02 10:00', at(2026, 2, 13, 10, 0), 1, 'working_days', '2026-02-23T10:00:00+07:00'],
    ['Tết 2026: Thu 12/02 10:00 + 3 days → Tue 24/02 10:00', at(2026, 2, 12, 10, 0), 3, 'working_days', '2026-02-24T10:00:00+07:00'],
    ['2024 swap: Fri 26/04 10:00 + 1 day → Thu 02/05 10:00 (29/4 swapped, 30/4, 1/5 holidays)', at(2024, 4, 26, 10, 0), 1, 'working_days', '2024-05-02T10:00:00+07:00'],
    ['2024 swap: Fri 03/05 10:00 + 1 day → Saturday 04/05 10:00 (làm bù)', at(2024, 5, 3, 10, 0), 1, 'working_days', '2024-05-04T10:00:00+07:00'],
    ['2025 swap: Fri 25/04 10:00 + 1 day → Saturday 26/04 10:00 (làm bù)', at(2025, 4, 25, 10, 0), 1, 'working_days', '2025-04-26T10:00:00+07:00'],
    ['2025 swap: Tue 29/04 10:00 + 1 day → Mon 05/05 10:00 (30/4–4/5 off)', at(2025, 4, 29, 10, 0), 1, 'working_days', '2025-05-05T10:00:00+07:00'],
    ['2026: Fri 09/01 10:00 + 1 day → Saturday 10/01 10:00 (làm bù)', at(2026, 1, 9, 10, 0), 1, 'working_days', '2026-01-10T10:00:00+07:00'],
    ['holiday on Sunday → compensatory Monday: Fri 30/12/2022 10:00 + 1 day → Tue 03/01/2023', at(2022, 12, 30, 10, 0), 1, 'working_days', '2023-01-03T10:00:00+07:00'],
    ['Giỗ Tổ 2026 on Sunday → Monday 27/04 off: Fri 24/04 10:00 + 1 day → Tue 28/04', at(2026, 4, 24, 10, 0), 1, 'working_days', '2026-04-28T10:00:00+07:00'],
    ['year boundary: Wed 31/12/2025 16:00 + 1 day → Mon 05/01/2026 16:00', at(2025, 12, 31, 16, 0), 1, 'working_days', '2026-01-05T16:00:00+07:00'],
    // Cut-off
    ['cut-off 15:00: received 15:30 → next day 07:00 + 1 day → Tue 17:00', at(2025, 3, 3, 15, 30), 1, 'working_days', '2025-03-04T17:00:00+07:00', { cutoff: '15:00' }],
    ['cut-off 15:00: received 15:00 exactly counts the same day', at(2025, 3, 3, 15, 0), 1, 'working_days', '2025-03-04T15:00:00+07:00', { cutoff: '15:00' }],
    ['cut-off 15:00: received 14:59 → Tue 14:59', at(2025, 3, 3, 14, 59), 1, 'working_days', '2025-03-04T14:59:00+07:00', { cutoff: '15:00' }],
    ['cut-off 15:00 on Friday 16:00 → Monday 07:00; 0 days → Monday 07:00', at(2025, 3, 7, 16, 0), 0, 'working_days', '2025-03-10T07:00:00+07:00', { cutoff: '15:00' }],
    // Calendar days: end of office hours of day N after the clock-start day, rolled to a working day.
    ['Mon 10:00 + 3 calendar days → Thu 17:00', at(2025, 3, 3, 10, 0), 3, 'calendar_days', '2025-03-06T17:00:00+07:00'],
    ['Wed 10:00 + 3 calendar days lands on Saturday → Monday 17:00', at(2025, 3, 5, 10, 0), 3, 'calendar_days', '2025-03-10T17:00:00+07:00'],
    ['Fri 24/01/2025 + 3 calendar days lands in Tết → Mon 03/02/2025 17:00', at(2025, 1, 24, 10, 0), 3, 'calendar_days', '2025-02-03T17:00:00+07:00'],
    ['Mon 20:00 + 1 calendar day: clock starts Tue → Wed 17:00', at(2025, 3, 3, 20, 0), 1, 'calendar_days', '2025-03-05T17:00:00+07:00'],
    ['calendar days: 15 days across 30/4–4/5/2025', at(2025, 4, 21, 9, 0), 15, 'calendar_days', '2025-05-06T17:00:00+07:00'],
  ];
  for (const [label, from, amount, unit, expected, opts] of rows) {
    it(label, () => {
      expect(due(from, amount, unit, opts ?? {})).toBe(expected);
    });
  }

  it('the default cut-off of a calendar applies unless disabled', () => {
    const withCutoff = createWorkCalendar({ fromYear: 2025, toYear: 2025, cutoff: '15:00' });
    expect(due(at(2025, 3, 3, 15, 30), 1, 'working_days', {}, withCutoff)).toBe('2025-03-04T17:00:00+07:00');
    expect(due(at(2025, 3, 3, 15, 30), 1, 'working_days', { cutoff: null }, withCutoff)).toBe('2025-03-04T15:30:00+07:00');
  });

  it('agency office hours 07:30–11:30, 13:00–17:00 (the OpenCPS default)', () => {
    const c = createWorkCalendar({
      fromYear: 2025, toYear: 2025, periods: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }],
    });
    expect(c.workingDayMs).toBe(8 * H);
    expect(due(at(2025, 3, 3, 16, 0), 4, 'working_hours', {}, c)).toBe('2025-03-04T10:30:00+07:00');
    // Lunch receipt: the clock starts 13:00; 4 h Monday afternoon + 4 h Tuesday morning run out at 11:30
    // (OpenCPS's own walk gives Tue 13:00, PASETO's Tue 13:30: both move a period end to the next start).
    expect(due(at(2025, 3, 3, 12, 15), 8, 'working_hours', {}, c)).toBe('2025-03-04T11:30:00+07:00');
    expect(due(at(2025, 3, 3, 12, 15), 1, 'working_days', {}, c)).toBe('2025-03-04T11:30:00+07:00');
  });

  it('a Saturday-morning office (work week Monday–Saturday, Saturday 07:30–11:30)', () => {
    const c = createWorkCalendar({
      fromYear: 2025, toYear: 2025, workWeek: [1, 2, 3, 4, 5, 6], weekdayPeriods: { 6: [{ start: '07:30', end: '11:30' }] },
    });
    // Friday 16:00 + 8 h: 1 h Friday, 4 h Saturday, 3 h Monday.
    expect(due(at(2025, 3, 7, 16, 0), 8, 'working_hours', {}, c)).toBe('2025-03-10T10:00:00+07:00');
    expect(isWorkingDay('2025-03-08', c)).toBe(true);
    // Saturday 26/04/2025 is làm bù: a full standard day for this office too.
    expect(describeDay('2025-04-26', c).periods).toEqual([{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }]);
  });

  it('workingDayHours converts days independently of the periods', () => {
    const c = createWorkCalendar({ fromYear: 2025, toYear: 2025, workingDayHours: 7 });
    // 7 h: 4.5 h in the morning, 2.5 h from 13:30
    expect(due(at(2025, 3, 3, 7, 0), 1, 'working_days', {}, c)).toBe('2025-03-03T16:00:00+07:00');
  });
});

describe('the host time zone does not matter', () => {
  it('same results under TZ=America/Los_Angeles and TZ=Asia/Tokyo', () => {
    const saved = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Ho_Chi_Minh']) {
        process.env.TZ = tz;
        const c = createWorkCalendar({ fromYear: 2024, toYear: 2026 });
        results.push(
          [due(at(2025, 1, 24, 23, 30), 3, 'working_days', {}, c), due(at(2024, 12, 31, 16, 0), 2, 'calendar_days', {}, c),
            String(isWorkingDay(at(2025, 1, 1, 1, 0), c))].join('|'),
        );
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toBe('2025-02-05T17:00:00+07:00|2025-01-02T17:00:00+07:00|false');
  });
});

describe('clock start, working time, days', () => {
  it('clockStart', () => {
    expect(fmt(clockStart(at(2025, 3, 3, 9, 0), cal))).toBe('2025-03-03T09:00:00+07:00');
    expect(fmt(clockStart(at(2025, 3, 3, 11, 30), cal))).toBe('2025-03-03T13:30:00+07:00');
    expect(fmt(clockStart(at(2025, 3, 3, 13, 29), cal))).toBe('2025-03-03T13:30:00+07:00');
    expect(fmt(clockStart(at(2025, 3, 3, 17, 0), cal))).toBe('2025-03-04T07:00:00+07:00');
    expect(fmt(clockStart(at(2025, 1, 25, 9, 0), cal))).toBe('2025-02-03T07:00:00+07:00');
    expect(fmt(clockStart(at(2025, 3, 3, 15, 1), cal, { cutoff: '15:00' }))).toBe('2025-03-04T07:00:00+07:00');
    expect(fmt(clockStart(new Date(at(2025, 3, 3, 6, 0)), cal))).toBe('2025-03-03T07:00:00+07:00');
  });

  it('workingTimeBetween counts office time only, signed', () => {
    expect(workingTimeBetween(at(2025, 3, 3, 9, 0), at(2025, 3, 3, 14, 0), cal)).toBe(3 * H);
    expect(workingTimeBetween(at(2025, 3, 7, 16, 0), at(2025, 3, 10, 8, 0), cal)).toBe(2 * H);
    expect(workingTimeBetween(at(2025, 3, 10, 8, 0), at(2025, 3, 7, 16, 0), cal)).toBe(-2 * H);
    expect(workingTimeBetween(at(2025, 1, 24, 17, 0), at(2025, 2, 3, 7, 0), cal)).toBe(0);
    expect(workingTimeBetween(at(2025, 3, 3, 0, 0), at(2025, 3, 8, 0, 0), cal)).toBe(40 * H);
  });

  it('addWorkingTime', () => {
    expect(fmt(addWorkingTime(at(2025, 3, 8, 10, 0), H, cal))).toBe('2025-03-10T08:00:00+07:00');
    expect(fmt(addWorkingTime(at(2025, 3, 3, 12, 0), 0, cal))).toBe('2025-03-03T12:00:00+07:00');
    expect(fmt(addWorkingTime(at(2025, 3, 3, 12, 0), 1, cal))).toBe('2025-03-03T13:30:00.001+07:00');
    expect(() => addWorkingTime(at(2025, 3, 3, 12, 0), -1, cal)).toThrow(CalendarRangeError);
  });

  it('isWorkingDay, nextWorkingDay, describeDay', () => {
    expect(isWorkingDay('2025-01-27', cal)).toBe(false);
    expect(isWorkingDay('2025-04-26', cal)).toBe(true); // Saturday worked
    expect(isWorkingDay('2024-04-29', cal)).toBe(false); // swapped
    expect(isWorkingDay('2025-03-08', cal)).toBe(false); // ordinary Saturday
    expect(isWorkingDay(at(2025, 3, 3, 23, 59), cal)).toBe(true);
    expect(isWorkingDay(new Date(Date.UTC(2025, 2, 2, 17, 30)), cal)).toBe(true); // 00:30 Monday in Hà Nội
    expect(nextWorkingDay('2025-01-24', cal)).toBe('2025-02-03');
    expect(nextWorkingDay('2024-05-03', cal)).toBe('2024-05-04');
    expect(nextWorkingDay('2025-12-31', cal)).toBe('2026-01-05');
    const tet = describeDay('2026-02-17', cal);
    expect(tet).toMatchObject({ working: false, holiday: { kind: 'tet', name: 'Tết Nguyên đán (mùng 1 tháng Giêng)' }, periods: [] });
    expect(describeDay('2026-01-10', cal)).toMatchObject({ working: true, workingSaturday: true });
  });
});

describe('pause and resume (yêu cầu bổ sung)', () => {
  it('extends the due date by the office time elapsed while paused', () => {
    const original = dueDate(at(2025, 3, 3, 10, 0), 4, 'working_days', cal); // Fri 07/03 10:00
    expect(fmt(original)).toBe('2025-03-07T10:00:00+07:00');
    const after = resumeDue(original, at(2025, 3, 4, 9, 0), at(2025, 3, 5, 9, 0), cal); // one working day paused
    expect(fmt(after)).toBe('2025-03-10T10:00:00+07:00');
    // A second supplement, paused over a weekend: Fri 16:00 → Mon 08:00 = 2 h of office time;
    // Mon 10:00 + 2 h = 1.5 h before lunch + 0.5 h after → 14:00.
    const again = resumeDue(after, at(2025, 3, 7, 16, 0), at(2025, 3, 10, 8, 0), cal);
    expect(fmt(again)).toBe('2025-03-10T14:00:00+07:00');
    // Paused and resumed outside office hours: nothing to add.
    expect(fmt(resumeDue(again, at(2025, 3, 8, 9, 0), at(2025, 3, 9, 18, 0), cal))).toBe(fmt(again));
  });

  it('a due date at 17:00 extended by one hour → 08:00 next working day', () => {
    expect(fmt(resumeDue(at(2025, 3, 7, 17, 0), at(2025, 3, 4, 9, 0), at(2025, 3, 4, 10, 0), cal))).toBe('2025-03-10T08:00:00+07:00');
  });

  it('refuses a resume before the pause', () => {
    expect(() => resumeDue(at(2025, 3, 7, 17, 0), at(2025, 3, 4, 10, 0), at(2025, 3, 4, 9, 0), cal)).toThrow(CalendarRangeError);
  });
});

describe('calendar changes after a due date was promised', () => {
  const van_hoa: YearSchedule = {
    year: 2027,
    blocks: [{
      replaces: [], verified: false, source: 'Quyết định (giả định) cho nghỉ Ngày Văn hóa Việt Nam 24/11/2027',
      days: [{ date: '2027-11-24', name: 'Ngày Văn hóa Việt Nam (24/11)', kind: 'holiday' }],
    }],
  };
  const before = createWorkCalendar({ fromYear: 2027, toYear: 2028 });
  const afterChange = createWorkCalendar({ fromYear: 2027, toYear: 2028, overrides: [van_hoa] });

  it('a new calendar has a new fingerprint; identical configs share one', () => {
    expect(afterChange.fingerprint).not.toBe(before.fingerprint);
    expect(createWorkCalendar({ fromYear: 2027, toYear: 2028 }).fingerprint).toBe(before.fingerprint);
  });

  it('rebaseDueDate moves a promised date later by the office time the new holiday removed', () => {
    const received = at(2027, 11, 22, 9, 0); // Monday
    const stored = dueDate(received, 5, 'working_days', before);
    expect(fmt(stored)).toBe('2027-11-29T09:00:00+07:00');
    // The stored date itself never changes; the explicit action proposes:
    const rebased = rebaseDueDate(clockStart(received, before), stored, before, afterChange);
    expect(rebased).toEqual({ due: new Date(at(2027, 11, 30, 9, 0)), changed: true });
    // What a new receipt would get is the same here:
    expect(fmt(dueDate(received, 5, 'working_days', afterChange))).toBe('2027-11-30T09:00:00+07:00');
  });

  it('dossiers not spanning the new day off keep their date; removing a day off never moves a date earlier', () => {
    const received = at(2027, 11, 15, 9, 0);
    const stored = dueDate(received, 5, 'working_days', before); // Mon 22/11 09:00
    expect(rebaseDueDate(received, stored, before, afterChange)).toEqual({ due: stored, changed: false });
    const spanning = at(2027, 11, 22, 9, 0);
    const promisedWithHoliday = dueDate(spanning, 5, 'working_days', afterChange);
    expect(rebaseDueDate(spanning, promisedWithHoliday, afterChange, before)).toEqual({ due: promisedWithHoliday, changed: false });
  });
});

describe('input checking', () => {
  it('negative, NaN, infinite amounts and unknown units throw', () => {
    const from = at(2025, 3, 3, 9, 0);
    for (const bad of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => dueDate(from, bad, 'working_days', cal)).toThrow(CalendarRangeError);
    }
    expect(() => dueDate(from, 1.5, 'calendar_days', cal)).toThrow(/whole number/);
    expect(() => dueDate(from, 1, 'weeks' as DurationUnit, cal)).toThrow(/Unknown duration unit/);
    expect(() => dueDate(Number.NaN, 1, 'working_days', cal)).toThrow(CalendarRangeError);
    expect(() => dueDate(new Date('garbage'), 1, 'working_days', cal)).toThrow(CalendarRangeError);
    expect(() => dueDate(from, 1, 'working_days', cal, { cutoff: '25:00' })).toThrow(CalendarRangeError);
  });

  it('instants and due dates outside the calendar range throw OUT_OF_RANGE', () => {
    const small = createWorkCalendar({ fromYear: 2025, toYear: 2025 });
    expect(() => dueDate(at(2024, 12, 31, 9, 0), 1, 'working_days', small)).toThrow(CalendarRangeError);
    expect(() => dueDate(at(2025, 12, 30, 9, 0), 5, 'working_days', small)).toThrow(/after the end of the calendar/);
    expect(() => dueDate(at(2025, 12, 30, 9, 0), 5, 'calendar_days', small)).toThrow(CalendarRangeError);
    expect(() => isWorkingDay('2026-01-05', small)).toThrow(CalendarRangeError);
  });

  it('bad configurations throw', () => {
    expect(() => createWorkCalendar({ fromYear: 2026, toYear: 2025 })).toThrow(CalendarRangeError);
    expect(() => createWorkCalendar({ fromYear: 1899, toYear: 1900 })).toThrow(CalendarRangeError);
    expect(() => createWorkCalendar({ fromYear: 2025, toYear: 2025, periods: [] })).toThrow(CalendarRangeError);
    expect(() => createWorkCalendar({
      fromYear: 2025, toYear: 2025, periods: [{ start: '13:30', end: '17:00' }, { start: '07:00', end: '11:30' }],
    })).toThrow(/increasing/);
    expect(() => createWorkCalendar({ fromYear: 2025, toYear: 2025, workWeek: [0, 1] })).toThrow(CalendarRangeError);
    expect(() => createWorkCalendar({ fromYear: 2025, toYear: 2026, holidays: [] })).toThrow(/No holiday data/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const RANGE_FIRST = epochDayFromSolar(2019, 1, 1);
const RANGE_LAST = epochDayFromSolar(2028, 12, 31);
const INTERESTING_TIMES = [
  0, 6 * H + 59 * 60_000, 7 * H, 9 * H, 11.5 * H - 1, 11.5 * H, 11.75 * H, 13.5 * H - 1, 13.5 * H, 15 * H, 15 * H + 1,
  16 * H, 17 * H - 1, 17 * H, 17 * H + 1, 23 * H + 59 * 60_000,
];
const arbInstant = fc
  .tuple(
    fc.integer({ min: RANGE_FIRST, max: RANGE_LAST }),
    fc.oneof(fc.constantFrom(...INTERESTING_TIMES), fc.integer({ min: 0, max: DAY_MS - 1 })),
  )
  .map(([day, ms]) => utcMsFromVn(day, ms));
const arbUnit = fc.constantFrom<DurationUnit>('working_days', 'working_hours', 'calendar_days');
const arbCutoff = fc.constantFrom<string | null>(null, '15:00', '16:30');
const arbAmountFor = (unit: DurationUnit) =>
  unit === 'calendar_days' ? fc.integer({ min: 0, max: 60 }) : fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(0.5, 1.25, 2.75));

/** Office periods of the day of `ms` if it is a working day, else null. */
function periodsOf(ms: number): Array<[number, number]> | null {
  const info = describeDay(ms, cal);
  if (!info.working) return null;
  return info.periods.map((p) => {
    const [sh, sm] = p.start.split(':').map(Number);
    const [eh, em] = p.end.split(':').map(Number);
    return [(sh * 60 + sm) * 60_000, (eh * 60 + em) * 60_000];
  });
}

describe('properties', () => {
  it('due dates are monotone in the receipt time', () => {
    fc.assert(
      fc.property(arbInstant, arbInstant, arbUnit.chain((u) => fc.tuple(fc.constant(u), arbAmountFor(u))), arbCutoff,
        (a, b, [unit, amount], cutoff) => {
          const [r1, r2] = a <= b ? [a, b] : [b, a];
          expect(dueDate(r1, amount, unit, cal, { cutoff }).getTime()).toBeLessThanOrEqual(dueDate(r2, amount, unit, cal, { cutoff }).getTime());
        }),
      { numRuns: 3000 },
    );
  });

  it('due dates are monotone in the duration', () => {
    fc.assert(
      fc.property(arbInstant, arbUnit, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), arbCutoff,
        (r, unit, x, y, cutoff) => {
          const [n, m] = x <= y ? [x, y] : [y, x];
          expect(dueDate(r, n, unit, cal, { cutoff }).getTime()).toBeLessThanOrEqual(dueDate(r, m, unit, cal, { cutoff }).getTime());
        }),
      { numRuns: 3000 },
    );
  });

  it('a due date is never on a non-working day nor outside office hours', () => {
    fc.assert(
      fc.property(arbInstant, arbUnit.chain((u) => fc.tuple(fc.constant(u), arbAmountFor(u))), arbCutoff, (r, [unit, amount], cutoff) => {
        const d = dueDate(r, amount, unit, cal, { cutoff }).getTime();
        const periods = periodsOf(d);
        expect(periods, `${fmt(d)} is not a working day`).not.toBeNull();
        const tod = vnMsOfDay(d);
        if (amount === 0) {
          // the clock-start instant: inside a period, start included
          expect(periods?.some(([s, e]) => s <= tod && tod < e)).toBe(true);
          if (cutoff === null && periodsOf(r)?.some(([s, e]) => s <= vnMsOfDay(r) && vnMsOfDay(r) < e)) expect(d).toBe(r);
        } else {
          // some work has been done in the period: end included, start excluded
          expect(periods?.some(([s, e]) => s < tod && tod <= e), `${fmt(d)} outside office hours`).toBe(true);
        }
        if (unit === 'calendar_days' && amount > 0) {
          expect(tod).toBe(17 * H);
          const startDay = vnEpochDay(clockStart(r, cal, { cutoff }).getTime());
          expect(vnEpochDay(d)).toBeGreaterThanOrEqual(startDay + amount);
          for (let day = startDay + amount; day < vnEpochDay(d); day++) expect(isWorkingDay(utcMsFromVn(day, 12 * H), cal)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('adding N then M working days equals adding N + M', () => {
    fc.assert(
      fc.property(arbInstant, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (r, n, m) => {
        const once = dueDate(r, n + m, 'working_days', cal).getTime();
        // (m = 0 would restart the clock: a due date at 17:00 has its clock start at 07:00 next day)
        const twice = dueDate(dueDate(r, n, 'working_days', cal), m, 'working_days', cal).getTime();
        if (m > 0) expect(twice).toBe(once);
        const viaTime = addWorkingTime(addWorkingTime(clockStart(r, cal), n * 8 * H, cal), m * 8 * H, cal).getTime();
        expect(viaTime).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('8 × N working hours equals N working days, and the office time elapsed is exactly N × 8 h', () => {
    fc.assert(
      fc.property(arbInstant, fc.integer({ min: 0, max: 60 }), arbCutoff, (r, n, cutoff) => {
        const days = dueDate(r, n, 'working_days', cal, { cutoff });
        expect(dueDate(r, 8 * n, 'working_hours', cal, { cutoff }).getTime()).toBe(days.getTime());
        expect(workingTimeBetween(clockStart(r, cal, { cutoff }), days, cal)).toBe(n * 8 * H);
      }),
      { numRuns: 3000 },
    );
  });

  it('resume adds exactly the paused office time, pause after pause', () => {
    const arbPause = fc.tuple(fc.integer({ min: 0, max: 40 * DAY_MS }), fc.integer({ min: 0, max: 20 * DAY_MS }));
    fc.assert(
      fc.property(arbInstant, fc.integer({ min: 1, max: 30 }), fc.array(arbPause, { maxLength: 3 }), (r, n, pauses) => {
        let current = dueDate(r, n, 'working_days', cal);
        let total = 0;
        for (const [offset, length] of pauses) {
          const p = r + offset;
          const q = p + length;
          const w = workingTimeBetween(p, q, cal);
          const next = resumeDue(current, p, q, cal);
          expect(workingTimeBetween(current, next, cal)).toBe(w);
          total += w;
          current = next;
        }
        if (total > 0) expect(current.getTime()).toBe(addWorkingTime(dueDate(r, n, 'working_days', cal), total, cal).getTime());
      }),
      { numRuns: 1000 },
    );
  });
});
