import { describe, expect, it } from 'vitest';
import { createWorkCalendar, isWorkingDay } from '../kernel/calendar/index.ts';
import { parseDossierCode, vnDay } from '../kernel/dossier/code.ts';
import { eventHash, GENESIS_HASH } from '../kernel/dossier/hash.ts';
import { generateShard, isoOf, planShards, type GenPlan } from './gen-shard.ts';

const cal = createWorkCalendar({ fromYear: 2024, toYear: 2026 });

/** A small plan over few days cut into many shards, so that acceptances spill into the next shard's days. */
function smallPlan(dossiers: number, shardCount: number): GenPlan {
  const days: string[] = [];
  const dayCum: number[] = [];
  for (let t = Date.parse('2025-03-03T00:00:00Z'); days.length < 24; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (!isWorkingDay(day, cal)) continue;
    days.push(day);
    dayCum.push(days.length);
  }
  const workflow = {
    start: 'a', ends: ['c'],
    steps: [
      { id: 'a', name: 'Tiếp nhận', role: 'reception', quotaHours: 4 },
      { id: 'b', name: 'Thẩm định', role: 'specialist', quotaHours: 8 },
      { id: 'c', name: 'Trả kết quả', role: 'reception', quotaHours: 2 },
    ],
    transitions: [{ from: 'a', to: 'b', kind: 'forward' }, { from: 'b', to: 'c', kind: 'forward' }],
  } as unknown as NonNullable<GenPlan['cases'][number]['workflow']>;
  const base = {
    versionId: 'v1', name: 'Thủ tục\tthử', caseCode: 'TH1', caseName: 'Trường hợp 1', cutoff: null, workflow, workflowJson: JSON.stringify(workflow),
    path: ['a', 'b', 'c'],
  };
  return {
    seed: 42, now: Date.parse('2025-04-30T03:00:00Z'), idBase: '0000002a',
    cases: [
      { ...base, procedureId: 'p1', code: '1.1', field: 'DAT_DAI', amount: 5, unit: 'working_days', agencies: [{ id: 'ag-1', receptionId: 'ag-r1', receptionCode: 'R1' }] },
      { ...base, procedureId: 'p2', code: '1.2', field: 'HO_TICH', amount: 8, unit: 'working_hours', agencies: [{ id: 'ag-2', receptionId: 'ag-r1', receptionCode: 'R1' }, { id: 'ag-3', receptionId: 'ag-r2', receptionCode: 'R2' }] },
    ],
    caseCum: [1, 2],
    fieldMix: { DAT_DAI: { weight: 1, late: 0.3 }, HO_TICH: { weight: 1, late: 0.05 } },
    otherField: { weight: 0.4, late: 0.05 },
    surnames: ['Nguyễn', 'Lê'], middle: ['Văn', 'Thị'], given: ['An', 'Bình'],
    users: [
      { id: 'u-r', full_name: 'Tiếp nhận', role: 'reception' },
      { id: 'u-s', full_name: 'Chuyên viên', role: 'specialist' },
      { id: 'u-c', full_name: 'Văn thư', role: 'clerk' },
    ],
    days, dayCum, shards: planShards(dossiers, dayCum, shardCount),
  };
}

function runShards(plan: GenPlan, order: number[]) {
  const out = new Map<number, { dossiers: string; events: string; counters: Map<string, number> }>();
  for (const i of order) {
    const gen = generateShard(plan, cal, plan.shards[i], 37);
    let dossiers = '';
    let events = '';
    for (;;) {
      const step = gen.next();
      if (step.done) {
        out.set(i, { dossiers, events, counters: step.value.counters });
        break;
      }
      dossiers += Buffer.concat(step.value.dossiers).toString('utf8');
      events += Buffer.concat(step.value.events).toString('utf8');
    }
  }
  return out;
}

describe('motcua gen: shards', () => {
  it('splits the dossiers over blocks of days, every dossier counted once', () => {
    const plan = smallPlan(1001, 7);
    expect(plan.shards.reduce((a, s) => a + s.count, 0)).toBe(1001);
    expect(plan.shards[0].firstDay).toBe(0);
    expect(plan.shards.at(-1)!.endDay).toBe(plan.days.length);
    for (let i = 1; i < plan.shards.length; i++) {
      expect(plan.shards[i].firstDay).toBe(plan.shards[i - 1].endDay);
      expect(plan.shards[i].start).toBe(plan.shards[i - 1].start + plan.shards[i - 1].count);
    }
  });

  it('gives the same shard text whatever the order shards run in', () => {
    const plan = smallPlan(1200, 8);
    const a = runShards(plan, [0, 1, 2, 3, 4, 5, 6, 7]);
    const b = runShards(plan, [7, 3, 5, 1, 0, 2, 6, 4]);
    for (let i = 0; i < 8; i++) expect(b.get(i)!.events).toBe(a.get(i)!.events);
    for (let i = 0; i < 8; i++) expect(b.get(i)!.dossiers).toBe(a.get(i)!.dossiers);
  });

  it('numbers codes uniquely per reception agency and day, also when an acceptance spills into the next shard', () => {
    const plan = smallPlan(3000, 12);
    const out = runShards(plan, plan.shards.map((s) => s.index));
    const codes = new Map<string, string>();
    const counters = new Map<string, number>();
    let spilled = 0;
    for (const [i, r] of out) {
      for (const [k, v] of r.counters) counters.set(k, Math.max(counters.get(k) ?? 0, v));
      for (const line of r.dossiers.split('\n').filter(Boolean)) {
        const cols = line.split('\t');
        const code = cols[1];
        if (code === '\\N') continue;
        expect(codes.has(code), `duplicate code ${code}`).toBe(false);
        codes.set(code, cols[0]);
        const parsed = parseDossierCode(code)!;
        // The code's day is the Vietnam day of receipt, its agency the reception agency.
        const receivedAt = cols[27];
        expect(parsed.day).toBe(vnDay(new Date(receivedAt)));
        expect(parsed.agencyCode).toBe(cols[16] === 'ag-r1' ? 'R1' : 'R2');
        expect(counters.get(`${parsed.agencyCode}|${parsed.day}`) ?? 0).toBeGreaterThanOrEqual(parsed.sequence);
        const s = plan.shards[i];
        if (parsed.day >= (plan.days[s.endDay] ?? '9999')) spilled++;
      }
    }
    expect(codes.size).toBeGreaterThan(2000);
    expect(spilled).toBeGreaterThan(0);
  });

  it('writes hash chains that eventHash reproduces, and ISO instants as Date does', () => {
    const plan = smallPlan(400, 2);
    const out = runShards(plan, [0, 1]);
    let prevByDossier = new Map<string, string>();
    let checked = 0;
    for (const r of out.values()) {
      prevByDossier = new Map();
      for (const line of r.events.split('\n').filter(Boolean)) {
        const [dossierId, seq, action, actorId, , at, fromStatus, toStatus, , , , data, prevHash, hash] = line.split('\t');
        const prev = prevByDossier.get(dossierId) ?? GENESIS_HASH;
        expect(prevHash).toBe(prev);
        const expected = eventHash(prev, {
          dossierId, seq: Number(seq), action, actorId: actorId === '\\N' ? null : actorId, at,
          fromStatus: fromStatus === '\\N' ? null : Number(fromStatus), toStatus: Number(toStatus), data: JSON.parse(data),
        });
        expect(hash).toBe(expected);
        prevByDossier.set(dossierId, hash);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    for (const ms of [0, 1, 999, 86_399_999, Date.parse('2025-12-31T23:59:59.999Z'), Date.parse('2024-02-29T12:34:56.789Z')]) {
      expect(isoOf(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
