import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GROUPS, INDICATORS, TOTAL_MAX, dossierCounts, hasAllSevenComponents, onTime, poolCounts, scoreAll, scoreIndicator, totals, type Dossier766,
} from './index766.ts';

const d = (o: Partial<Dossier766>): Dossier766 => ({
  status: 10, channel: 'counter', receivedDay: '2026-03-02', finishDay: '2026-03-10', dueDay: '2026-03-10', pausedDay: null,
  supplementCount: 0, hasComponentFiles: true, hasResultFiles: true, rating: null, ...o,
});

describe('Decision 766 indicators as data', () => {
  it('adds up to 100 points over five groups, each group to its published maximum', () => {
    expect(GROUPS.reduce((a, g) => a + g.max, 0)).toBe(TOTAL_MAX);
    for (const g of GROUPS) expect(INDICATORS.filter((i) => i.group === g.id).reduce((a, i) => a + i.max, 0)).toBe(g.max);
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
    for (const i of INDICATORS) expect(i.threshold > 0 && i.threshold <= 1).toBe(true);
  });
});

describe('scoreIndicator', () => {
  it('gives max × min(1, rate / threshold), rounded to 2 decimals', () => {
    expect(scoreIndicator(6, 0.5, 1, 4)).toEqual({ status: 'scored', rate: 0.25, score: 3 });
    expect(scoreIndicator(6, 0.5, 3, 4)).toEqual({ status: 'scored', rate: 0.75, score: 6 });
    expect(scoreIndicator(20, 1, 2, 3)).toEqual({ status: 'scored', rate: 2 / 3, score: 13.33 });
    expect(scoreIndicator(2, 0.8, 0, 10)).toEqual({ status: 'scored', rate: 0, score: 0 });
  });

  it('has no data (never zero, never full marks) when the denominator is 0', () => {
    expect(scoreIndicator(20, 1, 0, 0)).toEqual({ status: 'no_data', reason: 'Không có số liệu trong kỳ (mẫu số bằng 0).' });
    expect(scoreIndicator(20, 1, 0, 0, 'lý do').status).toBe('no_data');
  });

  it('stays within [0, max], reaches max at the threshold, and never falls as the rate rises', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }),
        (max, th, den, a, b) => {
          const threshold = th / 100;
          const [lo, hi] = [Math.min(a, b, den), Math.min(Math.max(a, b), den)];
          const r1 = scoreIndicator(max, threshold, lo, den);
          const r2 = scoreIndicator(max, threshold, hi, den);
          if (r1.status !== 'scored' || r2.status !== 'scored') return false;
          if (r1.score < 0 || r2.score > max || r1.score > r2.score) return false;
          if (hi / den >= threshold && r2.score !== max) return false;
          return Math.abs(r1.score - max * Math.min(1, lo / den / threshold)) <= 0.005 + 1e-9;
        },
      ),
    );
  });
});

describe('totals', () => {
  it('reports the total over the indicators with data, with the maximum they could reach, and lists those without', () => {
    const scored = scoreAll({ '2.1': { numerator: 9, denominator: 10 }, '3.3': { numerator: 1, denominator: 4 }, '4.1': { numerator: 0, denominator: 0 } }, { '4.1': 'Chưa có hồ sơ có kết quả.' });
    const { groups, total } = totals(scored);
    expect(total.score).toBe(18 + 3);
    expect(total.maxWithData).toBe(20 + 6);
    expect(total.max).toBe(100);
    expect(total.percent).toBe(80.77);
    expect(total.withoutData).toContain('4.1');
    expect(total.withoutData).toContain('1.4');
    expect(scored.find((s) => s.def.id === '4.1')!.result).toEqual({ status: 'no_data', reason: 'Chưa có hồ sơ có kết quả.' });
    expect(groups.find((g) => g.id === '2')).toEqual({ id: '2', name: 'Tiến độ, kết quả giải quyết', max: 20, score: 18, maxWithData: 20 });
    expect(groups.find((g) => g.id === '5')!.maxWithData).toBe(0);
  });

  it('with no data at all has no percentage', () => {
    expect(totals(scoreAll({})).total).toMatchObject({ score: 0, maxWithData: 0, percent: null });
  });

  it('never gives points to an indicator motcua holds no data for, whatever counts it is handed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }), (n, den) => {
        const counts = Object.fromEntries(INDICATORS.map((i) => [i.id, { numerator: Math.min(n, den), denominator: den }]));
        return scoreAll(counts).every((s) => (s.def.noData ? s.result.status === 'no_data' : s.result.status === 'scored'));
      }),
    );
  });

  it('pools counts by summing numerators and denominators', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), { maxLength: 8 }), (units) => {
        const pooled = poolCounts(units.map(([n, k]) => ({ '2.1': { numerator: n, denominator: n + k } })));
        const sumN = units.reduce((a, [n]) => a + n, 0);
        const sumD = units.reduce((a, [n, k]) => a + n + k, 0);
        return units.length === 0 ? pooled['2.1'] === undefined : pooled['2.1'].numerator === sumN && pooled['2.1'].denominator === sumD;
      }),
    );
  });
});

describe('2.1 on time', () => {
  const F = '2026-03-01';
  const T = '2026-03-31';
  it('counts finished dossiers on or before their due day, open dossiers still within it', () => {
    expect(onTime(d({}), F, T)).toBe(true);
    expect(onTime(d({ finishDay: '2026-03-11' }), F, T)).toBe(false);
    expect(onTime(d({ status: 4, finishDay: null, dueDay: '2026-03-31' }), F, T)).toBe(true);
    expect(onTime(d({ status: 4, finishDay: null, dueDay: '2026-03-30' }), F, T)).toBe(false);
  });

  it('does not count a paused dossier as a failure: judged at the day it was paused, unless asked for supplements more than once', () => {
    const paused = d({ status: 5, finishDay: null, dueDay: '2026-03-10', pausedDay: '2026-03-08', supplementCount: 1 });
    expect(onTime(paused, F, T)).toBe(true);
    expect(onTime({ ...paused, pausedDay: '2026-03-12' }, F, T)).toBe(false);
    expect(onTime({ ...paused, supplementCount: 2 }, F, T)).toBe(false);
    expect(onTime({ ...paused, status: 6, supplementCount: 2 }, F, T)).toBe(true);
  });

  it('the numerator never exceeds the denominator, for any dossier', () => {
    const day = fc.integer({ min: 0, max: 90 }).map((n) => new Date(Date.UTC(2026, 1, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const dossier = fc.record({
      status: fc.integer({ min: 1, max: 10 }), channel: fc.constantFrom('counter' as const, 'online' as const, 'postal' as const),
      receivedDay: fc.option(day), finishDay: fc.option(day), dueDay: fc.option(day), pausedDay: fc.option(day),
      supplementCount: fc.integer({ min: 0, max: 3 }), hasComponentFiles: fc.boolean(), hasResultFiles: fc.boolean(),
      rating: fc.constantFrom(null, 'very_satisfied' as const, 'satisfied' as const, 'not_satisfied' as const),
    });
    fc.assert(
      fc.property(fc.array(dossier, { maxLength: 30 }), (list) => {
        const c = dossierCounts(list, F, T);
        return Object.values(c).every((v) => v.numerator <= v.denominator && v.denominator > 0);
      }),
    );
  });
});

describe('1.3 seven components', () => {
  it('needs every component of Decree 63/2010 Art. 8(2)', () => {
    const full = { steps: 'a', submissionMeans: 'b', dossierComponents: 2, timeLimit: 'c', applicants: 'd', competentAgency: 'e', result: 'f' };
    expect(hasAllSevenComponents(full)).toBe(true);
    expect(hasAllSevenComponents({ ...full, result: ' ' })).toBe(false);
    expect(hasAllSevenComponents({ ...full, dossierComponents: 0 })).toBe(false);
  });
});
