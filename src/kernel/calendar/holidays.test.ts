/**
 * Tests of the holiday rules and the official schedules 2019–2026.
 *
 * The "breaks" table is written from the published texts (as quoted in
 * schedules.ts: "nghỉ từ … đến hết …", "làm bù thứ Bảy …"), independently of
 * the day lists in schedules.ts: every day of a break must be off, the days
 * around it must be working days, and the Saturdays worked must be working days.
 */

import { describe, expect, it } from 'vitest';
import { epochDayFromIso, isoFromEpochDay, isoWeekday } from './civil.ts';
import { CalendarRangeError } from './errors.ts';
import {
  HOLIDAY_RULES, holidaysForYear, type HolidayRule, type HolidayYear, type YearSchedule,
} from './holidays.ts';
import { lunarDayLabel, lunarFromEpochDay } from './lunar.ts';
import { OFFICIAL_SCHEDULES } from './schedules.ts';

function offDays(year: number, h: HolidayYear = holidaysForYear(year)): string[] {
  return h.days.map((d) => d.date);
}

function isDayOff(iso: string, overrides: readonly YearSchedule[] = []): boolean {
  const year = Number(iso.slice(0, 4));
  const h = holidaysForYear(year, overrides);
  if (h.workingSaturdays.includes(iso)) return false;
  if (h.days.some((d) => d.date === iso)) return true;
  return isoWeekday(epochDayFromIso(iso)) >= 6;
}

function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = epochDayFromIso(from); n <= epochDayFromIso(to); n++) out.push(isoFromEpochDay(n));
  return out;
}

function shift(iso: string, days: number): string {
  return isoFromEpochDay(epochDayFromIso(iso) + days);
}

describe('official breaks 2019–2026, as published', () => {
  // [first day off, last day off, Saturdays worked in exchange, where it was read]
  const breaks: ReadonlyArray<readonly [string, string, readonly string[], string]> = [
    ['2018-12-29', '2019-01-01', ['2019-01-05'], 'Tết Dương lịch 2019 — plo.vn, docnhanh.vn'],
    ['2019-02-02', '2019-02-10', [], 'Tết Kỷ Hợi — plo.vn, docnhanh.vn'],
    ['2019-04-13', '2019-04-15', [], 'Giỗ Tổ 2019 — VietnamNet 06/08/2018'],
    ['2019-04-27', '2019-05-01', ['2019-05-04'], '30/4–1/5/2019 — plo.vn'],
    ['2020-01-23', '2020-01-29', [], 'Tết Canh Tý — socongthuong.daklak.gov.vn'],
    ['2021-01-01', '2021-01-03', [], 'Tết Dương lịch 2021 — SGGP 09/12/2020'],
    ['2021-02-10', '2021-02-16', [], 'Tết Tân Sửu — hanoimoi.vn'],
    ['2021-04-30', '2021-05-03', [], '30/4–1/5/2021 — SGGP'],
    ['2021-09-02', '2021-09-05', [], 'Quốc khánh 2021 — SGGP'],
    ['2022-01-29', '2022-02-06', [], 'Tết Nhâm Dần — 245/VPCP-KGVX'],
    ['2022-04-09', '2022-04-11', [], 'Giỗ Tổ 2022 — SGGP'],
    ['2022-04-30', '2022-05-03', [], '30/4–1/5/2022 — SGGP, Báo Nghệ An'],
    ['2022-09-01', '2022-09-04', [], 'Quốc khánh 2022 — 245/VPCP-KGVX'],
    ['2022-12-31', '2023-01-02', [], 'Tết Dương lịch 2023'],
    ['2023-01-20', '2023-01-26', [], 'Tết Quý Mão — 8056/VPCP-KGVX'],
    ['2023-04-29', '2023-05-03', [], 'Giỗ Tổ, 30/4–1/5/2023 — CafeF'],
    ['2023-09-01', '2023-09-04', [], 'Quốc khánh 2023 — 8056/VPCP-KGVX'],
    ['2024-02-08', '2024-02-14', [], 'Tết Giáp Thìn — 8662/VPCP-KGVX'],
    ['2024-04-27', '2024-05-01', ['2024-05-04'], '30/4–1/5/2024 — 2450/VPCP-KGVX'],
    ['2024-08-31', '2024-09-03', [], 'Quốc khánh 2024 — 8662/VPCP-KGVX'],
    ['2025-01-25', '2025-02-02', [], 'Tết Ất Tỵ — 8726/VPCP-KGVX'],
    ['2025-04-30', '2025-05-04', ['2025-04-26'], '30/4–1/5/2025 — 8726/VPCP-KGVX'],
    ['2025-08-30', '2025-09-02', [], 'Quốc khánh 2025 — 6150/TB-BLĐTBXH'],
    ['2026-01-01', '2026-01-04', ['2026-01-10'], 'Tết Dương lịch 2026 — 12729/VPCP-KGVX'],
    ['2026-02-14', '2026-02-22', [], 'Tết Bính Ngọ — 9441/TB-BNV'],
    ['2026-04-25', '2026-04-27', [], 'Giỗ Tổ 2026 (Chủ nhật 26/4, nghỉ bù 27/4) — Thanh Niên 23/02/2026'],
    ['2026-04-30', '2026-05-03', [], '30/4–1/5/2026 — Thanh Niên 23/02/2026'],
    ['2026-08-29', '2026-09-02', ['2026-08-22'], 'Quốc khánh 2026 — 9441/TB-BNV'],
  ];
  it.each(breaks)('%s → %s (worked: %j) %s', (from, to, worked) => {
    for (const iso of span(from, to)) expect(isDayOff(iso), `${iso} should be off`).toBe(true);
    expect(isDayOff(shift(from, -1)), `${shift(from, -1)} should be a working day`).toBe(false);
    expect(isDayOff(shift(to, 1)), `${shift(to, 1)} should be a working day`).toBe(false);
    for (const sat of worked) {
      expect(isoWeekday(epochDayFromIso(sat))).toBe(6);
      expect(isDayOff(sat), `${sat} is worked`).toBe(false);
    }
  });

  it('2023 has no swapped day and no Saturday worked', () => {
    expect(holidaysForYear(2023).workingSaturdays).toEqual([]);
    expect(holidaysForYear(2023).days.filter((d) => d.kind === 'swap')).toEqual([]);
  });

  it('working Saturdays by year', () => {
    expect(holidaysForYear(2019).workingSaturdays).toEqual(['2019-01-05', '2019-05-04']);
    expect(holidaysForYear(2024).workingSaturdays).toEqual(['2024-05-04']);
    expect(holidaysForYear(2025).workingSaturdays).toEqual(['2025-04-26']);
    expect(holidaysForYear(2026).workingSaturdays).toEqual(['2026-01-10', '2026-08-22']);
  });

  it('a neighbouring year’s block contributes its days (31/12/2018 for Tết Dương lịch 2019)', () => {
    const h2018 = holidaysForYear(2018);
    expect(h2018.days.find((d) => d.date === '2018-12-31')).toMatchObject({ kind: 'swap', origin: 'official' });
    expect(holidaysForYear(2019).days.some((d) => d.date === '2018-12-31')).toBe(false);
  });

  it('Tết 2025 and 2026 day lists', () => {
    const tet2025 = holidaysForYear(2025).days.filter((d) => d.kind === 'tet').map((d) => d.date);
    expect(tet2025).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    const tet2026 = holidaysForYear(2026).days.filter((d) => d.kind === 'tet');
    expect(tet2026.map((d) => d.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(tet2026[0].name).toBe('Tết Nguyên đán (29 tháng Chạp)');
    expect(tet2026[1].name).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
  });
});

describe('the shipped schedule data', () => {
  it('every block has a source, valid dates, weekday swaps and weekend working days', () => {
    for (const schedule of OFFICIAL_SCHEDULES) {
      const seen = new Set<string>();
      for (const block of schedule.blocks) {
        expect(block.source.length).toBeGreaterThan(40);
        expect(block.verified).toBe(true);
        expect(block.replaces === 'all' || block.replaces.length > 0).toBe(true);
        for (const day of block.days) {
          const n = epochDayFromIso(day.date);
          expect(Math.abs(Number(day.date.slice(0, 4)) - schedule.year)).toBeLessThanOrEqual(1);
          expect(seen.has(day.date), `${day.date} listed twice in ${schedule.year}`).toBe(false);
          seen.add(day.date);
          if (day.kind === 'swap' || day.kind === 'compensatory') expect(isoWeekday(n)).toBeLessThanOrEqual(5);
          if (day.kind === 'tet') expect(day.name).toBe(`Tết Nguyên đán (${lunarDayLabel(lunarFromEpochDay(n))})`);
        }
        for (const sat of block.workingSaturdays ?? []) expect(isoWeekday(epochDayFromIso(sat))).toBe(6);
        const swaps = block.days.filter((d) => d.kind === 'swap').length;
        expect(block.workingSaturdays?.length ?? 0).toBe(swaps);
      }
    }
  });

  it('the rules alone reproduce every official block that has no swap and keeps “1 day before Tết + 4 after”', () => {
    const rulesOnly = (year: number) => new Set(offDays(year, holidaysForYear(year, [], { schedules: [] })));
    for (const schedule of OFFICIAL_SCHEDULES) {
      const computed = rulesOnly(schedule.year);
      for (const block of schedule.blocks) {
        const hasSwap = block.days.some((d) => d.kind === 'swap');
        const firstTet = block.days.find((d) => d.kind === 'tet');
        const next = firstTet && lunarFromEpochDay(epochDayFromIso(firstTet.date) + 1);
        const tetOtherSplit = next !== undefined && !(next.day === 1 && next.month === 1);
        if (hasSwap || tetOtherSplit) continue;
        for (const day of block.days) expect(computed.has(day.date), `${schedule.year}: ${day.date}`).toBe(true);
      }
    }
  });
});

describe('rules', () => {
  const rulesOnly = (year: number): HolidayYear => holidaysForYear(year, [], { schedules: [] });

  it('Tết without an official schedule: last day of the old year + mùng 1–4, weekend days compensated after', () => {
    // Tết Đinh Mùi 2027 is Saturday 06/02/2027.
    const h = holidaysForYear(2027);
    expect(h.days.filter((d) => d.kind === 'tet').map((d) => d.date)).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09',
    ]);
    expect(h.days.filter((d) => d.kind === 'compensatory' && d.ruleId === 'tet-nguyen-dan').map((d) => d.date)).toEqual([
      '2027-02-10', '2027-02-11',
    ]);
    expect(h.days[1]).toMatchObject({ date: '2027-02-05', name: 'Tết Nguyên đán', origin: 'rule' });
  });

  it('a holiday on Sunday gives a compensatory Monday (Giỗ Tổ 2026)', () => {
    const h = holidaysForYear(2026);
    expect(h.days.find((d) => d.date === '2026-04-26')).toMatchObject({ kind: 'holiday', ruleId: 'gio-to-hung-vuong' });
    expect(h.days.find((d) => d.date === '2026-04-27')).toMatchObject({
      kind: 'compensatory', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    });
  });

  it('two weekend holidays give two compensatory days (30/4 and 1/5/2022, rules only)', () => {
    const dates = offDays(2022, rulesOnly(2022));
    expect(dates).toEqual(expect.arrayContaining(['2022-04-30', '2022-05-01', '2022-05-02', '2022-05-03']));
    expect(dates).not.toContain('2022-05-04');
  });

  it('Quốc khánh is one day until 2020 and two from 2021, the adjacent day chosen by weekday', () => {
    const qk = (year: number) => offDays(year, rulesOnly(year)).filter((d) => d >= `${year}-08-29` && d <= `${year}-09-06`);
    expect(qk(2020)).toEqual(['2020-09-02']); // Wednesday, Labour Code 2012
    expect(qk(2021)).toEqual(['2021-09-02', '2021-09-03']); // Thu → after
    expect(qk(2022)).toEqual(['2022-09-01', '2022-09-02']); // Fri → before
    expect(qk(2023)).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']); // Sat → before, Monday compensatory
    expect(qk(2024)).toEqual(['2024-09-02', '2024-09-03']); // Mon → after
    expect(qk(2025)).toEqual(['2025-09-01', '2025-09-02']); // Tue → before
    expect(qk(2026)).toEqual(['2026-09-01', '2026-09-02']); // Wed → before (official 2026 also swapped 31/8)
    expect(qk(2029)).toEqual(['2029-09-02', '2029-09-03', '2029-09-04']); // Sun → after, Tuesday compensatory
  });

  it('Tết Dương lịch on Saturday → Monday compensatory (2022, 2028)', () => {
    expect(offDays(2022).slice(0, 2)).toEqual(['2022-01-01', '2022-01-03']);
    expect(offDays(2028).slice(0, 2)).toEqual(['2028-01-01', '2028-01-03']);
  });

  it('a new holiday is one more data row (24/11 Ngày Văn hóa Việt Nam, as discussed in 2026)', () => {
    const vanHoa: HolidayRule = {
      id: 'van-hoa-viet-nam', name: 'Ngày Văn hóa Việt Nam (24/11)', kind: 'solar', month: 11, day: 24, length: 1,
      validFrom: 2027, legalBasis: 'Hypothetical amendment of Bộ luật Lao động, Điều 112',
    };
    const rules = [...HOLIDAY_RULES, vanHoa];
    expect(offDays(2026, holidaysForYear(2026, [], { rules }))).not.toContain('2026-11-24');
    expect(holidaysForYear(2027, [], { rules }).days.find((d) => d.date === '2027-11-24')).toMatchObject({
      name: 'Ngày Văn hóa Việt Nam (24/11)', kind: 'holiday', origin: 'rule',
    });
    // 24/11/2029 is a Saturday → Monday 26/11 compensatory
    expect(offDays(2029, holidaysForYear(2029, [], { rules }))).toEqual(expect.arrayContaining(['2029-11-24', '2029-11-26']));
  });

  it('two holidays on one date: the second gets a compensatory day', () => {
    const clash: HolidayRule = {
      id: 'test-clash', name: 'Ngày thử nghiệm', kind: 'solar', month: 4, day: 30, length: 1, legalBasis: 'test',
    };
    const h = holidaysForYear(2027, [], { rules: [...HOLIDAY_RULES, clash] }); // 30/4/2027 is a Friday
    expect(h.days.find((d) => d.date === '2027-04-30')?.ruleId).toBe('chien-thang');
    // Compensation goes in date order: the clash of Friday 30/4 → Monday 3/5; Saturday 1/5 → Tuesday 4/5.
    expect(h.days.filter((d) => d.kind === 'compensatory').map((d) => `${d.date} ${d.ruleId}`)).toEqual(
      expect.arrayContaining(['2027-05-03 test-clash', '2027-05-04 quoc-te-lao-dong']),
    );
  });
});

describe('overrides', () => {
  const tet2027: YearSchedule = {
    year: 2027,
    blocks: [
      {
        replaces: ['tet-nguyen-dan'], verified: true, source: 'Thông báo (giả định) của Bộ Nội vụ về nghỉ Tết Đinh Mùi 2027',
        days: [
          { date: '2027-02-04', name: 'Tết Nguyên đán', kind: 'tet' },
          { date: '2027-02-05', name: 'Tết Nguyên đán', kind: 'tet' },
          { date: '2027-02-08', name: 'Tết Nguyên đán', kind: 'tet' },
          { date: '2027-02-09', name: 'Tết Nguyên đán', kind: 'tet' },
          { date: '2027-02-10', name: 'Tết Nguyên đán', kind: 'tet' },
          { date: '2027-02-11', name: 'Nghỉ hoán đổi', kind: 'swap' },
        ],
        workingSaturdays: ['2027-02-20'],
      },
    ],
  };

  it('an override replaces the rule for the holidays it names and keeps the others', () => {
    const h = holidaysForYear(2027, [tet2027]);
    const tetDays = h.days.filter((d) => d.date >= '2027-02-01' && d.date <= '2027-02-28');
    expect(tetDays.map((d) => d.date)).toEqual([
      '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
    ]);
    expect(tetDays.every((d) => d.origin === 'override')).toBe(true);
    expect(h.workingSaturdays).toEqual(['2027-02-20']);
    expect(h.days.some((d) => d.ruleId === 'quoc-khanh')).toBe(true);
    expect(h.basis.find((b) => b.origin === 'override')?.source).toMatch(/Đinh Mùi/);
  });

  it('an override wins over the shipped official schedule', () => {
    const fix: YearSchedule = {
      year: 2026,
      blocks: [{
        replaces: ['quoc-khanh'], verified: true, source: 'Sửa của quản trị viên',
        days: [{ date: '2026-09-02', name: 'Quốc khánh (2/9)', kind: 'holiday' }, { date: '2026-09-03', name: 'Quốc khánh – ngày liền kề', kind: 'holiday' }],
      }],
    };
    const dates = offDays(2026, holidaysForYear(2026, [fix]));
    expect(dates).toContain('2026-09-03');
    expect(dates).not.toContain('2026-08-31');
    expect(holidaysForYear(2026, [fix]).workingSaturdays).toEqual(['2026-01-10']);
  });

  it("replaces: 'all' makes the override the whole year", () => {
    const all: YearSchedule = {
      year: 2027,
      blocks: [{ replaces: 'all', verified: false, source: 'Lịch do quản trị viên nhập', days: [{ date: '2027-01-01', name: 'Tết Dương lịch', kind: 'holiday' }] }],
    };
    expect(offDays(2027, holidaysForYear(2027, [all]))).toEqual(['2027-01-01']);
  });

  it('bad override data is refused', () => {
    const badSaturday: YearSchedule = {
      year: 2027, blocks: [{ replaces: ['chien-thang'], verified: true, source: 'x', days: [], workingSaturdays: ['2027-05-05'] }],
    };
    expect(() => holidaysForYear(2027, [badSaturday])).toThrow(/not a Saturday or Sunday/);
    const badDate: YearSchedule = {
      year: 2027, blocks: [{ replaces: ['chien-thang'], verified: true, source: 'x', days: [{ date: '2027-02-30', name: 'x', kind: 'holiday' }] }],
    };
    expect(() => holidaysForYear(2027, [badDate])).toThrow(CalendarRangeError);
    const noSource: YearSchedule = { year: 2027, blocks: [{ replaces: ['chien-thang'], verified: true, source: ' ', days: [] }] };
    expect(() => holidaysForYear(2027, [noSource])).toThrow(/source/);
    const both: YearSchedule = {
      year: 2027,
      blocks: [{
        replaces: ['chien-thang'], verified: true, source: 'x',
        days: [{ date: '2027-05-08', name: 'x', kind: 'holiday' }], workingSaturdays: ['2027-05-08'],
      }],
    };
    expect(() => holidaysForYear(2027, [both])).toThrow(/both a day off and a working Saturday/);
  });
});

it('years outside 1900–2199 throw OUT_OF_RANGE', () => {
  expect(() => holidaysForYear(1899)).toThrow(CalendarRangeError);
  expect(() => holidaysForYear(2200)).toThrow(CalendarRangeError);
  expect(() => holidaysForYear(2024.5)).toThrow(CalendarRangeError);
  expect(holidaysForYear(1900).days[0].date).toBe('1900-01-01');
  expect(holidaysForYear(2014).days[0].date).toBe('2014-01-01');
  expect(holidaysForYear(2199).days.length).toBeGreaterThanOrEqual(11);
});

it('every year 2014–2199 has the statutory number of holiday entitlements', () => {
  for (let year = 2014; year <= 2199; year++) {
    const h = holidaysForYear(year, [], { schedules: [] });
    const own = h.days.filter((d) => d.kind === 'holiday' || d.kind === 'tet');
    // 10 days under the Labour Code 2012, 11 from 2021 (Quốc khánh + 1)
    expect(own.filter((d) => d.date.startsWith(String(year))).length).toBe(year >= 2021 ? 11 : 10);
    const weekendOwn = own.filter((d) => isoWeekday(epochDayFromIso(d.date)) >= 6).length;
    expect(h.days.filter((d) => d.kind === 'compensatory').length).toBe(weekendOwn);
  }
});
