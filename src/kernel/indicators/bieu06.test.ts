import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCells,
  addCumulative,
  classify,
  countsFromCumulative,
  emptyCounts,
  emptyCumulative,
  measureDays,
  presetPeriod,
  previousDay,
  rollupTerms,
  type DossierDays,
} from './bieu06.ts';

const d = (o: Partial<DossierDays>): DossierDays => ({ status: 10, channel: 'counter', receivedDay: '2026-03-02', finishDay: '2026-03-10', dueDay: '2026-03-10', ...o });

/** Days from 1 January of `year` over `span` days, and dossiers with any status, channel and days (or none). */
function arbitraries(year: number, span: number) {
  const day = fc.integer({ min: 0, max: span }).map((n) => new Date(Date.UTC(year, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const dossier = fc.record({
    status: fc.integer({ min: 1, max: 10 }),
    channel: fc.constantFrom('counter', 'online', 'postal') as fc.Arbitrary<DossierDays['channel']>,
    receivedDay: fc.option(day),
    finishDay: fc.option(day),
    dueDay: fc.option(day),
  });
  return { day, dossier };
}

describe('Biểu 06 classification', () => {
  it('counts a dossier received and finished in the period as new and resolved, by its finish day against its due day', () => {
    expect(classify(d({}), '2026-03-01', '2026-03-31')).toEqual(['received.direct', 'resolved.onTime']);
    expect(classify(d({ finishDay: '2026-03-09' }), '2026-03-01', '2026-03-31')).toEqual(['received.direct', 'resolved.early']);
    expect(classify(d({ finishDay: '2026-03-11', channel: 'online' }), '2026-03-01', '2026-03-31')).toEqual(['received.online', 'resolved.late']);
    expect(classify(d({ channel: 'postal' }), '2026-03-01', '2026-03-31')[0]).toBe('received.direct');
  });

  it('carries over what was received before and not finished before the period; ignores what finished before', () => {
    expect(classify(d({ receivedDay: '2026-02-20', finishDay: '2026-03-01' }), '2026-03-01', '2026-03-31')).toEqual(['received.carriedOver', 'resolved.early']);
    expect(classify(d({ receivedDay: '2026-02-20', finishDay: '2026-02-28' }), '2026-03-01', '2026-03-31')).toEqual([]);
  });

  it('in progress at the end: overdue when the due day is before the last day', () => {
    expect(classify(d({ status: 4, finishDay: null, dueDay: '2026-03-30' }), '2026-03-01', '2026-03-31')).toEqual(['received.direct', 'inProgress.overdue']);
    expect(classify(d({ status: 4, finishDay: null, dueDay: '2026-03-31' }), '2026-03-01', '2026-03-31')).toEqual(['received.direct', 'inProgress.withinDeadline']);
    // Finished after the period: still in progress at its end.
    expect(classify(d({ finishDay: '2026-04-02', dueDay: '2026-04-05' }), '2026-03-01', '2026-03-31')).toEqual(['received.direct', 'inProgress.withinDeadline']);
  });

  it('never counts dossiers not received (1) or refused at reception (3)', () => {
    expect(classify(d({ status: 1, receivedDay: null, finishDay: null }), '2026-03-01', '2026-03-31')).toEqual([]);
    expect(classify(d({ status: 3 }), '2026-03-01', '2026-03-31')).toEqual([]);
  });

  it('received.total = resolved.total + inProgress.total for any dossiers and period', () => {
    const { day, dossier } = arbitraries(2026, 120);
    fc.assert(
      fc.property(fc.array(dossier, { maxLength: 60 }), day, day, (list, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const c = emptyCounts();
        for (const x of list) {
          const fixed = x.receivedDay && x.finishDay && x.finishDay < x.receivedDay ? { ...x, finishDay: x.receivedDay } : x;
          addCells(c, classify(fixed, from, to));
        }
        expect(c.received.total).toBe(c.resolved.total + c.inProgress.total);
        expect(c.received.total).toBe(c.received.carriedOver + c.received.online + c.received.direct);
        expect(c.resolved.total).toBe(c.resolved.early + c.resolved.onTime + c.resolved.late);
      }),
    );
  });

  it('the cells of any period follow from two cumulative counts, as the rollup reads them', () => {
    const { day, dossier } = arbitraries(2025, 800);
    fc.assert(
      fc.property(fc.array(dossier, { maxLength: 80 }), day, day, (list, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const direct = emptyCounts();
        const before = emptyCumulative();
        const atTo = emptyCumulative();
        for (const x of list) {
          // The database refuses a finish before receipt; the due day may be anything.
          const d = x.receivedDay && x.finishDay && x.finishDay < x.receivedDay ? { ...x, finishDay: x.receivedDay } : x;
          addCells(direct, classify(d, from, to));
          const m = measureDays(d);
          if (!m) continue;
          addCumulative(before, m, previousDay(from));
          addCumulative(atTo, m, to);
        }
        expect(countsFromCumulative(before, atTo)).toEqual(direct);
      }),
      { numRuns: 500 },
    );
  });
});

describe('report periods', () => {
  it('calendar and 15th-to-14th presets', () => {
    expect(presetPeriod('month', 2026, 2, 'calendar')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('quarter', 2026, 1, 'reporting')).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(presetPeriod('half', 2026, 2, 'calendar')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(presetPeriod('year', 2026, 1, 'reporting')).toEqual({ from: '2025-12-15', to: '2026-12-14' });
    expect(presetPeriod('month', 2026, 7, 'reporting')).toEqual({ from: '2026-06-15', to: '2026-07-14' });
  });

  it('the rollup terms of a day sum, over year, month and day counts, to the count on or before it', () => {
    const day = fc.integer({ min: 0, max: 1500 }).map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(day, { maxLength: 60 }), day, (days, x) => {
        const period = (grain: 'y' | 'm' | 'd', d: string) => (grain === 'y' ? `${d.slice(0, 4)}-01-01` : grain === 'm' ? `${d.slice(0, 7)}-01` : d);
        let sum = 0;
        for (const t of rollupTerms(x)) {
          for (const d of days) {
            const p = period(t.grain, d);
            if ((t.from === null || p >= t.from) && p < t.to) sum += t.sign;
          }
        }
        expect(sum).toBe(days.filter((d) => d <= x).length);
      }),
      { numRuns: 1000 },
    );
    // A period ending on a month's or year's last day reads no day rows; a year end reads year rows only.
    expect(rollupTerms('2025-12-31')).toEqual([{ grain: 'y', from: null, to: '2026-01-01', sign: 1 }]);
    expect(rollupTerms('2026-03-31').map((t) => t.grain)).toEqual(['m', 'y']);
    expect(rollupTerms('2026-09-14')).toEqual([
      { grain: 'd', from: '2026-09-01', to: '2026-09-15', sign: 1 },
      { grain: 'm', from: '2026-09-01', to: '2027-01-01', sign: -1 },
      { grain: 'y', from: null, to: '2027-01-01', sign: 1 },
    ]);
  });
});
