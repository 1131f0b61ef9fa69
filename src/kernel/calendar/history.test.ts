/**
 * Tests of the holiday rules before 2014 and of the public servants' week
 * before 02/10/1999. Each expectation names the legal text it comes from
 * (docs/calendar.md §2.1 says where each was read).
 */

import { describe, expect, it } from 'vitest';
import { epochDayFromIso, isoWeekday, vnInstant, formatVn } from './civil.ts';
import { CalendarRangeError } from './errors.ts';
import { holidaysForYear, isPublicServantRestDay, type HolidayYear } from './holidays.ts';
import { createWorkCalendar, describeDay, dueDate, isWorkingDay } from './worktime.ts';

const rulesOnly = (year: number): HolidayYear => holidaysForYear(year, [], { schedules: [] });
const ownDays = (h: HolidayYear) => h.days.filter((d) => d.date.startsWith(String(h.year)));
const dates = (h: HolidayYear) => ownDays(h).map((d) => d.date);
const weekday = (iso: string) => isoWeekday(epochDayFromIso(iso));

describe('before 17/02/1951: no text checked, the 1951 rules applied and marked unverified', () => {
  it('1900 answers, with every basis unverified and a note naming the rule applied', () => {
    const h = holidaysForYear(1900);
    expect(dates(h)).toEqual(['1900-01-01', '1900-01-30', '1900-01-31', '1900-05-01', '1900-05-06', '1900-09-02', '1900-12-25']);
    expect(h.basis.length).toBeGreaterThan(0);
    for (const b of h.basis) {
      expect(b.verified).toBe(false);
      expect(b.note).toMatch(/71-TTg-4A/);
    }
  });
});

describe('Thông tư 71-TTg-4A (17/02/1951 – 11/02/1959)', () => {
  it('1955: 1/1, mùng 1 Tết and the day before, Phật đản 8/4 âm lịch, 1/5, 2/9, 25/12', () => {
    const h = rulesOnly(1955);
    // Tết Ất Mùi: 24/01/1955; 8/4 âm lịch: 29/05/1955.
    expect(dates(h)).toEqual(['1955-01-01', '1955-01-23', '1955-01-24', '1955-05-01', '1955-05-29', '1955-09-02', '1955-12-25']);
    expect(h.basis.find((b) => b.ruleIds !== 'all' && b.ruleIds[0] === 'quoc-khanh')).toMatchObject({ verified: true });
    // "mùng 1 và một ngày trước hay sau": the side is motcua's choice, so the Tết row says so.
    expect(h.basis.find((b) => b.ruleIds !== 'all' && b.ruleIds[0] === 'tet-nguyen-dan')).toMatchObject({ verified: false, note: expect.stringMatching(/trước hay sau/) });
  });

  it('Tết 1959 (08/02) is still under the 1951 text, in force until Nghị định 028-TTg took effect on 12/02/1959', () => {
    expect(dates(rulesOnly(1959)).slice(0, 3)).toEqual(['1959-01-01', '1959-02-07', '1959-02-08']);
  });

  it('a holiday on the weekly rest day gives no compensatory day before 1995', () => {
    for (let year = 1900; year <= 1994; year++) {
      expect(holidaysForYear(year).days.filter((d) => d.kind === 'compensatory')).toEqual([]);
    }
  });
});

describe('Nghị định 028-TTg (12/02/1959 – 21/01/1977)', () => {
  it('1965: the afternoon of the last day of the year, mùng 1 and mùng 2; Phật đản and Christmas still off', () => {
    // Tết Ất Tỵ computed at UTC+7: 01/02/1965 (the North then used a calendar computed at UTC+8, which gave 02/02; docs/calendar.md §2.1).
    const h = rulesOnly(1965);
    const tet = h.days.filter((d) => d.kind === 'tet');
    expect(tet.map((d) => [d.date, d.part ?? 'day'])).toEqual([['1965-01-31', 'afternoon'], ['1965-02-01', 'day'], ['1965-02-02', 'day']]);
    expect(dates(h)).toEqual(expect.arrayContaining(['1965-05-08', '1965-12-25']));
  });

  it('2/9/1962 was a Sunday: no compensatory Monday ("Nếu ngày lễ trùng ngày chủ nhật thì không có nghỉ bù")', () => {
    expect(weekday('1962-09-02')).toBe(7);
    expect(dates(rulesOnly(1962))).not.toContain('1962-09-03');
  });
});

describe('Nghị định 13-CP (22/01/1977 – 31/12/1994)', () => {
  it('1980: Tết 3 days, the afternoon of 30/4 and 1/5, 2/9 and 3/9; no Phật đản, no Christmas', () => {
    const h = rulesOnly(1980); // Tết Canh Thân: 16/02/1980
    expect(ownDays(h).map((d) => `${d.date}${d.part ? ' chiều' : ''}`)).toEqual([
      '1980-01-01', '1980-02-15', '1980-02-16', '1980-02-17', '1980-04-30 chiều', '1980-05-01', '1980-09-02', '1980-09-03',
    ]);
  });

  it('the afternoon of 30/4 is closed, the morning open', () => {
    const cal = createWorkCalendar({ fromYear: 1980, toYear: 1980 });
    expect(describeDay('1980-04-30', cal)).toMatchObject({ working: true, periods: [{ start: '07:00', end: '11:30' }] });
    // Received Wednesday 30/4/1980 at 10:00 with 2 working hours: 1.5 h that morning, the rest after 1/5 (a holiday), on Friday 2/5.
    expect(formatVn(dueDate(vnInstant(1980, 4, 30, 10, 0), 2, 'working_hours', cal).getTime())).toBe('1980-05-02T07:30:00+07:00');
    // Received in the afternoon: the clock starts the next working day.
    expect(formatVn(dueDate(vnInstant(1980, 4, 30, 14, 0), 0, 'working_hours', cal).getTime())).toBe('1980-05-02T07:00:00+07:00');
  });
});

describe('Labour Code 1994, Article 73 (from 01/01/1995) and its 2007 amendment', () => {
  it('1995: Tết 4 days (one day before, three after); compensatory days begin; the week rests on Sunday only', () => {
    const h = rulesOnly(1995); // Tết Ất Hợi: 31/01/1995; 1/1/1995 a Sunday
    expect(h.days.filter((d) => d.kind === 'tet').map((d) => d.date)).toEqual(['1995-01-30', '1995-01-31', '1995-02-01', '1995-02-02']);
    expect(h.days.find((d) => d.date === '1995-01-02')).toMatchObject({ kind: 'compensatory', name: 'Nghỉ bù Tết Dương lịch' });
    // 2/9/1995 was a Saturday, a working day before 02/10/1999: nothing to compensate.
    expect(weekday('1995-09-02')).toBe(6);
    expect(dates(h).filter((d) => d >= '1995-09-01' && d <= '1995-09-05')).toEqual(['1995-09-02']);
  });

  it('from 02/10/1999 (Quyết định 188/1999/QĐ-TTg) Saturday is a rest day: 1/1/2000 (Saturday) gives Monday 3/1', () => {
    expect(isPublicServantRestDay(epochDayFromIso('1999-09-25'))).toBe(false);
    expect(isPublicServantRestDay(epochDayFromIso('1999-10-02'))).toBe(true);
    expect(rulesOnly(2000).days.slice(0, 2).map((d) => d.date)).toEqual(['2000-01-01', '2000-01-03']);
  });

  it('Giỗ Tổ Hùng Vương is a day off from 2007 (Luật 84/2007/QH11): 26/04/2007, not in 2006', () => {
    expect(rulesOnly(2006).days.some((d) => d.ruleId === 'gio-to-hung-vuong')).toBe(false);
    expect(rulesOnly(2007).days.find((d) => d.ruleId === 'gio-to-hung-vuong')).toMatchObject({ date: '2007-04-26', kind: 'holiday' });
  });

  it('Tết 2013 (10/02) still had 4 days: the Labour Code 2012 took effect on 01/05/2013; Tết 2014 had 5', () => {
    expect(rulesOnly(2013).days.filter((d) => d.kind === 'tet')).toHaveLength(4);
    expect(rulesOnly(2014).days.filter((d) => d.kind === 'tet')).toHaveLength(5);
  });

  it('the number of holiday days per year follows each text', () => {
    const expected = (year: number): number => {
      if (year <= 1976) return 7; // 1951 and 1959 sets (the half day of 1959 not counted)
      if (year <= 1994) return 7; // 13-CP: 1 + 3 + 1 + 2 (the afternoon of 30/4 not counted)
      if (year <= 2006) return 8; // Labour Code 1994
      if (year <= 2013) return 9; // + Giỗ Tổ (Tết 2013 still 4 days)
      if (year <= 2020) return 10; // Labour Code 2012
      return 11; // Labour Code 2019
    };
    for (let year = 1900; year <= 2030; year++) {
      const full = ownDays(rulesOnly(year)).filter((d) => (d.kind === 'holiday' || d.kind === 'tet') && !d.part);
      // Before 1995 two holidays on one date (Phật đản on 1/5 in 1952 and 1963) simply coincide.
      const clash = year === 1952 || year === 1963 ? 1 : 0;
      expect(full.length, String(year)).toBe(expected(year) - clash);
    }
  });
});

describe('the working week before 02/10/1999', () => {
  it('Saturdays were working days for public servants; from 02/10/1999 they are not', () => {
    const cal = createWorkCalendar({ fromYear: 1998, toYear: 2000 });
    expect(isWorkingDay('1999-09-25', cal)).toBe(true);
    expect(isWorkingDay('1999-10-02', cal)).toBe(false);
    expect(isWorkingDay('1999-09-26', cal)).toBe(false);
    // Received Friday 24/09/1999 at 09:00 with 1 working day: due Saturday 25/09 at 09:00.
    expect(formatVn(dueDate(vnInstant(1999, 9, 24, 9, 0), 1, 'working_days', cal).getTime())).toBe('1999-09-25T09:00:00+07:00');
  });

  it('an explicit work week applies to every year', () => {
    const cal = createWorkCalendar({ fromYear: 1998, toYear: 1998, workWeek: [1, 2, 3, 4, 5] });
    expect(isWorkingDay('1998-03-07', cal)).toBe(false);
  });

  it('a calendar over the whole range 1900–2199 builds and answers at both ends', () => {
    const cal = createWorkCalendar({ fromYear: 1900, toYear: 2199 });
    expect(isWorkingDay('1900-01-01', cal)).toBe(false);
    expect(isWorkingDay('1900-01-02', cal)).toBe(true);
    expect(formatVn(dueDate(vnInstant(2199, 12, 2, 9, 0), 5, 'working_days', cal).getTime())).toBe('2199-12-09T09:00:00+07:00');
    expect(() => dueDate(vnInstant(2199, 12, 30, 9, 0), 5, 'working_days', cal)).toThrow(CalendarRangeError);
  });
});
