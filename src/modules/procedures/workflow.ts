/**
 * Quy trình nội bộ: the internal workflow of a procedure case, and its validation.
 * Pure functions: no I/O, no clock.
 */

export const TRANSITION_KINDS = ['forward', 'send_back', 'handoff'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];
export const DURATION_UNITS = ['working_days', 'working_hours', 'calendar_days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** Bước xử lý. */
export interface WorkflowStep {
  id: string;
  name: string;
  role: string;
  agencyId?: string | null;
  /** Thời gian định mức of the step, in working hours. */
  quotaHours: number;
}

export interface WorkflowTransition {
  from: string;
  to: string;
  kind: TransitionKind;
}

export interface Workflow {
  steps: WorkflowStep[];
  transitions: WorkflowTransition[];
  start: string;
  ends: string[];
}

export interface WorkflowProblem {
  path: string;
  message: string;
}

/** Working hours in a working day. */
export const HOURS_PER_DAY = 8;

/**
 * The legal duration in working hours. Calendar days are counted as if each
 * held a full working day, an upper bound on the working hours inside them.
 */
export function legalHours(amount: number, unit: DurationUnit): number {
  return unit === 'working_hours' ? amount : amount * HOURS_PER_DAY;
}

const progresses = (t: WorkflowTransition) => t.kind === 'forward' || t.kind === 'handoff';

function reach(from: string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set<string>(from);
  const stack = [...from];
  while (stack.length) {
    const s = stack.pop()!;
    for (const n of edges.get(s) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

/**
 * The longest path (by the sum of quotas) along forward and handoff transitions
 * from the start, or null when those transitions form a cycle.
 */
export function longestForwardPath(wf: Workflow): { hours: number; path: string[] } | null {
  const quota = new Map(wf.steps.map((s) => [s.id, s.quotaHours]));
  const out = new Map<string, string[]>();
  for (const t of wf.transitions) {
    if (!progresses(t) || !quota.has(t.from) || !quota.has(t.to)) continue;
    out.set(t.from, [...(out.get(t.from) ?? []), t.to]);
  }
  const memo = new Map<string, { hours: number; path: string[] }>();
  const onStack = new Set<string>();
  let cyclic = false;
  const visit = (id: string): { hours: number; path: string[] } => {
    const known = memo.get(id);
    if (known) return known;
    if (onStack.has(id)) {
      cyclic = true;
      return { hours: 0, path: [] };
    }
    onStack.add(id);
    let best = { hours: 0, path: [] as string[] };
    for (const n of out.get(id) ?? []) {
      const r = visit(n);
      if (r.hours > best.hours || best.path.length === 0) best = r;
    }
    onStack.delete(id);
    const res = { hours: (quota.get(id) ?? 0) + best.hours, path: [id, ...best.path] };
    memo.set(id, res);
    return res;
  };
  if (!quota.has(wf.start)) return { hours: 0, path: [] };
  const r = visit(wf.start);
  return cyclic ? null : r;
}

/**
 * Checks a workflow against the case's legal duration (in working hours).
 * `prefix` names where the workflow sits, e.g. `cases[0].workflow`.
 * Returns every problem found, in Vietnamese, each with its path.
 */
export function validateWorkflow(wf: Workflow, maxHours: number, prefix = 'workflow'): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path: `${prefix}.${path}`, message });
  if (wf.steps.length === 0) {
    add('steps', 'Quy trình phải có ít nhất một bước.');
    return problems;
  }
  const ids = new Set<string>();
  wf.steps.forEach((s, i) => {
    if (ids.has(s.id)) add(`steps[${i}].id`, `Mã bước "${s.id}" bị trùng.`);
    ids.add(s.id);
    if (!(s.quotaHours >= 0)) add(`steps[${i}].quotaHours`, `Thời gian định mức của bước "${s.name}" phải là số giờ không âm.`);
  });
  const name = (id: string) => wf.steps.find((s) => s.id === id)?.name ?? id;
  if (!ids.has(wf.start)) add('start', `Bước bắt đầu "${wf.start}" không có trong quy trình.`);
  if (wf.ends.length === 0) add('ends', 'Quy trình phải có ít nhất một bước kết thúc.');
  wf.ends.forEach((e, i) => {
    if (!ids.has(e)) add(`ends[${i}]`, `Bước kết thúc "${e}" không có trong quy trình.`);
  });
  wf.transitions.forEach((t, i) => {
    if (!ids.has(t.from)) add(`transitions[${i}].from`, `Bước chuyển đi "${t.from}" không có trong quy trình.`);
    if (!ids.has(t.to)) add(`transitions[${i}].to`, `Bước chuyển đến "${t.to}" không có trong quy trình.`);
    if (t.from === t.to) add(`transitions[${i}]`, `Bước "${name(t.from)}" không thể chuyển cho chính nó.`);
  });
  if (problems.length) return problems;

  const out = new Map<string, string[]>();
  const back = new Map<string, string[]>();
  for (const t of wf.transitions) {
    out.set(t.from, [...(out.get(t.from) ?? []), t.to]);
    back.set(t.to, [...(back.get(t.to) ?? []), t.from]);
  }
  const fromStart = reach([wf.start], out);
  const toEnd = reach(wf.ends, back);
  const ends = new Set(wf.ends);
  wf.steps.forEach((s, i) => {
    if (!fromStart.has(s.id)) add(`steps[${i}]`, `Bước "${s.name}" không thể đến được từ bước bắt đầu.`);
    if (!toEnd.has(s.id)) add(`steps[${i}]`, `Từ bước "${s.name}" không thể đến bước kết thúc nào.`);
    if (!ends.has(s.id) && !wf.transitions.some((t) => t.from === s.id && progresses(t))) {
      add(`steps[${i}]`, `Bước "${s.name}" là ngõ cụt: không có bước chuyển tiếp nào và không phải bước kết thúc.`);
    }
  });
  const longest = longestForwardPath(wf);
  if (longest === null) {
    add('transitions', 'Các bước chuyển tiếp, liên thông tạo thành vòng lặp; chỉ được quay lại bước trước bằng bước chuyển "Trả lại".');
  } else if (longest.hours > maxHours) {
    add(
      'steps',
      `Tổng thời gian định mức trên đường xử lý dài nhất (${longest.path.map(name).join(' → ')}) là ${longest.hours} giờ, vượt thời hạn giải quyết ${maxHours} giờ làm việc.`,
    );
  }
  return problems;
}

/** One step of a linear workflow. */
export interface LinearStep {
  id: string;
  name: string;
  role: string;
  agencyId?: string | null;
  /** Share of the legal duration, any positive weight. */
  weight: number;
}

/**
 * A linear workflow (each step forwards to the next, and may send back to the
 * previous), the legal hours shared by weight, rounded down so the sum fits.
 */
export function linearWorkflow(steps: LinearStep[], maxHours: number): Workflow {
  const total = steps.reduce((a, s) => a + s.weight, 0) || 1;
  const out: WorkflowStep[] = steps.map((s) => ({
    id: s.id,
    name: s.name,
    role: s.role,
    ...(s.agencyId ? { agencyId: s.agencyId } : {}),
    quotaHours: Math.floor(((maxHours * s.weight) / total) * 100) / 100,
  }));
  const transitions: WorkflowTransition[] = [];
  for (let i = 0; i + 1 < steps.length; i++) transitions.push({ from: steps[i].id, to: steps[i + 1].id, kind: 'forward' });
  for (let i = 1; i < steps.length; i++) transitions.push({ from: steps[i].id, to: steps[i - 1].id, kind: 'send_back' });
  return { steps: out, transitions, start: steps[0].id, ends: [steps[steps.length - 1].id] };
}

/**
 * The usual one-stop route: reception at the service centre, a specialist,
 * the head of division, the leader who signs, and the clerk who issues, then
 * back to reception to return the result. `short` drops the head of division.
 */
export function standardWorkflow(
  maxHours: number,
  agencies: { reception?: string | null; processing?: string | null } = {},
  short = false,
): Workflow {
  const steps: LinearStep[] = [
    { id: 'tiep-nhan', name: 'Tiếp nhận hồ sơ', role: 'reception', agencyId: agencies.reception, weight: 1 },
    { id: 'tham-dinh', name: 'Thẩm định hồ sơ', role: 'specialist', agencyId: agencies.processing, weight: 5 },
    ...(short ? [] : [{ id: 'xem-xet', name: 'Lãnh đạo phòng xem xét', role: 'head', agencyId: agencies.processing, weight: 1.5 }]),
    { id: 'phe-duyet', name: 'Lãnh đạo phê duyệt, ký', role: 'leader', agencyId: agencies.processing, weight: 1.5 },
    { id: 'tra-ket-qua', name: 'Vào số, phát hành và trả kết quả', role: 'clerk', agencyId: agencies.processing, weight: 1 },
  ];
  return linearWorkflow(steps, maxHours);
}
