import { describe, expect, it } from 'vitest';
import { legalHours, linearWorkflow, longestForwardPath, standardWorkflow, validateWorkflow, type Workflow } from './workflow.ts';

const base = (): Workflow => ({
  steps: [
    { id: 'a', name: 'Tiếp nhận', role: 'reception', quotaHours: 4 },
    { id: 'b', name: 'Thẩm định', role: 'specialist', quotaHours: 16 },
    { id: 'c', name: 'Phê duyệt', role: 'leader', quotaHours: 8 },
    { id: 'd', name: 'Trả kết quả', role: 'clerk', quotaHours: 4 },
  ],
  transitions: [
    { from: 'a', to: 'b', kind: 'forward' },
    { from: 'b', to: 'c', kind: 'forward' },
    { from: 'c', to: 'b', kind: 'send_back' },
    { from: 'c', to: 'd', kind: 'forward' },
  ],
  start: 'a',
  ends: ['d'],
});

describe('validateWorkflow', () => {
  it('accepts a linear workflow within the legal duration', () => {
    expect(validateWorkflow(base(), legalHours(5, 'working_days'))).toEqual([]);
  });

  it('reports unknown steps in transitions, start and ends with their paths', () => {
    const wf = base();
    wf.transitions.push({ from: 'b', to: 'x', kind: 'handoff' });
    wf.start = 'z';
    wf.ends = ['d', 'y'];
    const paths = validateWorkflow(wf, 40, 'cases[0].workflow').map((p) => p.path);
    expect(paths).toEqual(['cases[0].workflow.start', 'cases[0].workflow.ends[1]', 'cases[0].workflow.transitions[4].to']);
  });

  it('finds steps unreachable from the start, steps that cannot reach an end, and dead ends', () => {
    const wf = base();
    wf.steps.push({ id: 'e', name: 'Lưu trữ', role: 'clerk', quotaHours: 1 });
    wf.steps.push({ id: 'f', name: 'Xin ý kiến', role: 'specialist', quotaHours: 1 });
    wf.transitions.push({ from: 'b', to: 'f', kind: 'handoff' });
    const problems = validateWorkflow(wf, 40);
    const messages = problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toContain('workflow.steps[4]: Bước "Lưu trữ" không thể đến được từ bước bắt đầu.');
    expect(messages).toContain('workflow.steps[5]: Từ bước "Xin ý kiến" không thể đến bước kết thúc nào.');
    expect(messages.some((m) => m.startsWith('workflow.steps[5]') && m.includes('ngõ cụt'))).toBe(true);
  });

  it('refuses quotas along the longest forward path beyond the legal duration, naming the path', () => {
    const problems = validateWorkflow(base(), legalHours(3, 'working_days'));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('Tiếp nhận → Thẩm định → Phê duyệt → Trả kết quả');
    expect(problems[0].message).toContain('32 giờ');
    expect(problems[0].message).toContain('24 giờ');
  });

  it('takes the longest of parallel branches, not their sum', () => {
    const wf = base();
    wf.steps.push({ id: 'b2', name: 'Thẩm định nhanh', role: 'specialist', quotaHours: 2 });
    wf.transitions.push({ from: 'a', to: 'b2', kind: 'forward' }, { from: 'b2', to: 'c', kind: 'forward' });
    expect(longestForwardPath(wf)).toEqual({ hours: 32, path: ['a', 'b', 'c', 'd'] });
    expect(validateWorkflow(wf, 32)).toEqual([]);
  });

  it('refuses a forward cycle but allows sending back', () => {
    const wf = base();
    wf.transitions[2].kind = 'forward';
    expect(validateWorkflow(wf, 1000).map((p) => p.path)).toEqual(['workflow.transitions']);
  });

  it('reports duplicate step ids and an empty workflow', () => {
    const wf = base();
    wf.steps[1].id = 'a';
    expect(validateWorkflow(wf, 40)[0]).toMatchObject({ path: 'workflow.steps[1].id' });
    expect(validateWorkflow({ steps: [], transitions: [], start: 'a', ends: [] }, 8)[0].path).toBe('workflow.steps');
  });
});

describe('generated workflows', () => {
  it('share the legal hours without exceeding them, for any duration', () => {
    for (const hours of [1, 8, 13, 24, 120, 480]) {
      for (const short of [true, false]) {
        const wf = standardWorkflow(hours, { processing: 'ag-x' }, short);
        expect(wf.steps).toHaveLength(short ? 4 : 5);
        expect(validateWorkflow(wf, hours)).toEqual([]);
      }
    }
  });

  it('link each step forward and back', () => {
    const wf = linearWorkflow(
      [
        { id: 'a', name: 'A', role: 'reception', weight: 1 },
        { id: 'b', name: 'B', role: 'specialist', weight: 1 },
        { id: 'c', name: 'C', role: 'leader', weight: 2 },
      ],
      8,
    );
    expect(wf.transitions).toEqual([
      { from: 'a', to: 'b', kind: 'forward' },
      { from: 'b', to: 'c', kind: 'forward' },
      { from: 'b', to: 'a', kind: 'send_back' },
      { from: 'c', to: 'b', kind: 'send_back' },
    ]);
    expect(wf.steps.map((s) => s.quotaHours)).toEqual([2, 2, 4]);
  });

  it('counts working days and calendar days as 8 hours each', () => {
    expect(legalHours(15, 'working_days')).toBe(120);
    expect(legalHours(4, 'working_hours')).toBe(4);
    expect(legalHours(30, 'calendar_days')).toBe(240);
  });
});
