// Quy trình nội bộ của một trường hợp giải quyết thủ tục: kiểu dữ liệu (theo API),
// nhãn tiếng Việt, quy đổi thời gian và thuật toán dàn trang sơ đồ (từ trái sang phải).

export type TransitionKind = 'forward' | 'send_back' | 'handoff';
export type DurationUnit = 'working_days' | 'working_hours' | 'calendar_days';

/** Bước xử lý. */
export interface WorkflowStep {
  id: string;
  name: string;
  role: string;
  agencyId?: string | null;
  /** Thời gian định mức, giờ làm việc. */
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

export const TRANSITION_KINDS: TransitionKind[] = ['forward', 'send_back', 'handoff'];
export const TRANSITION_KIND_LABELS: Record<TransitionKind, string> = {
  forward: 'Chuyển tiếp',
  send_back: 'Trả lại',
  handoff: 'Liên thông',
};

export const DURATION_UNITS: DurationUnit[] = ['working_days', 'working_hours', 'calendar_days'];
export const DURATION_UNIT_LABELS: Record<DurationUnit, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
};

/** Số giờ làm việc trong một ngày làm việc. */
export const HOURS_PER_DAY = 8;

/** Thời hạn giải quyết quy ra giờ làm việc (ngày theo lịch tính như ngày làm việc: cận trên). */
export function legalHours(amount: number, unit: DurationUnit): number {
  return unit === 'working_hours' ? amount : amount * HOURS_PER_DAY;
}

const nf = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export function fmtNumber(n: number): string {
  return nf.format(n);
}

/** "4 giờ", "1,5 giờ". */
export function fmtHours(h: number): string {
  return `${nf.format(h)} giờ`;
}

/** Số giờ làm việc quy ra ngày làm việc: "0,5 ngày". */
export function fmtHoursAsDays(h: number): string {
  return `${nf.format(Math.round((h / HOURS_PER_DAY) * 100) / 100)} ngày`;
}

/** "05 ngày làm việc" theo cách ghi của quyết định công bố (không đệm số 0). */
export function fmtDuration(amount: number, unit: DurationUnit): string {
  return `${nf.format(amount)} ${DURATION_UNIT_LABELS[unit]}`;
}

/** Mã bước mới không trùng: b1, b2, ... */
export function newStepId(wf: Workflow): string {
  const ids = new Set(wf.steps.map((s) => s.id));
  for (let i = wf.steps.length + 1; ; i++) if (!ids.has(`b${i}`)) return `b${i}`;
}

/** Bỏ dấu, chữ thường: dùng để tìm kiếm và sinh mã. */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

// ---------------------------------------------------------------------------
// Mẫu quy trình
// ---------------------------------------------------------------------------

interface TemplateStep {
  id: string;
  name: string;
  role: string;
  weight: number;
}

export interface WorkflowTemplate {
  key: string;
  name: string;
  description: string;
  build: (maxHours: number) => Workflow;
}

/** Chia thời hạn theo tỉ trọng, làm tròn xuống 0,25 giờ để tổng không vượt thời hạn. */
function share(steps: TemplateStep[], maxHours: number): WorkflowStep[] {
  const total = steps.reduce((a, s) => a + s.weight, 0) || 1;
  return steps.map((s) => ({
    id: s.id,
    name: s.name,
    role: s.role,
    quotaHours: Math.floor(((maxHours * s.weight) / total) * 4) / 4,
  }));
}

function linear(steps: TemplateStep[], maxHours: number, sendBack = true): Workflow {
  const transitions: WorkflowTransition[] = [];
  for (let i = 0; i + 1 < steps.length; i++) transitions.push({ from: steps[i].id, to: steps[i + 1].id, kind: 'forward' });
  if (sendBack) for (let i = 2; i < steps.length - 1; i++) transitions.push({ from: steps[i].id, to: steps[i - 1].id, kind: 'send_back' });
  return { steps: share(steps, maxHours), transitions, start: steps[0].id, ends: [steps[steps.length - 1].id] };
}

export const WORKFLOW_TEMPLATES: WorkflowTemplate[] = [
  {
    key: 'standard',
    name: 'Quy trình chuẩn 5 bước',
    description: 'Tiếp nhận → phân công → thụ lý → phê duyệt → trả kết quả',
    build: (max) =>
      linear(
        [
          { id: 'tiep-nhan', name: 'Tiếp nhận hồ sơ', role: 'reception', weight: 1 },
          { id: 'phan-cong', name: 'Lãnh đạo phòng phân công thụ lý', role: 'head', weight: 0.5 },
          { id: 'thu-ly', name: 'Thẩm định, xử lý hồ sơ', role: 'specialist', weight: 5 },
          { id: 'phe-duyet', name: 'Lãnh đạo phê duyệt, ký', role: 'leader', weight: 1.5 },
          { id: 'tra-ket-qua', name: 'Trả kết quả', role: 'reception', weight: 1 },
        ],
        max,
      ),
  },
  {
    key: 'short',
    name: 'Quy trình rút gọn 3 bước',
    description: 'Tiếp nhận → giải quyết → trả kết quả (thủ tục giải quyết ngay, trong ngày)',
    build: (max) =>
      linear(
        [
          { id: 'tiep-nhan', name: 'Tiếp nhận hồ sơ', role: 'reception', weight: 1 },
          { id: 'giai-quyet', name: 'Giải quyết, ký kết quả', role: 'specialist', weight: 3 },
          { id: 'tra-ket-qua', name: 'Trả kết quả', role: 'reception', weight: 1 },
        ],
        max,
        false,
      ),
  },
  {
    key: 'handoff',
    name: 'Quy trình liên thông',
    description: 'Có bước lấy ý kiến, phối hợp của cơ quan khác trước khi phê duyệt',
    build: (max) => {
      const steps: TemplateStep[] = [
        { id: 'tiep-nhan', name: 'Tiếp nhận hồ sơ', role: 'reception', weight: 1 },
        { id: 'thu-ly', name: 'Thẩm định hồ sơ', role: 'specialist', weight: 3 },
        { id: 'phoi-hop', name: 'Cơ quan phối hợp cho ý kiến', role: 'specialist', weight: 2 },
        { id: 'phe-duyet', name: 'Lãnh đạo phê duyệt, ký', role: 'leader', weight: 1.5 },
        { id: 'tra-ket-qua', name: 'Trả kết quả', role: 'reception', weight: 1 },
      ];
      return {
        steps: share(steps, max),
        transitions: [
          { from: 'tiep-nhan', to: 'thu-ly', kind: 'forward' },
          { from: 'thu-ly', to: 'phoi-hop', kind: 'handoff' },
          { from: 'phoi-hop', to: 'phe-duyet', kind: 'handoff' },
          { from: 'phe-duyet', to: 'thu-ly', kind: 'send_back' },
          { from: 'phe-duyet', to: 'tra-ket-qua', kind: 'forward' },
        ],
        start: 'tiep-nhan',
        ends: ['tra-ket-qua'],
      };
    },
  },
];

// ---------------------------------------------------------------------------
// Dàn trang sơ đồ
// ---------------------------------------------------------------------------

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  /** Khoảng cách giữa hai cột (lớp). */
  gapX?: number;
  /** Khoảng cách giữa hai hàng trong một cột. */
  gapY?: number;
  padX?: number;
  padY?: number;
}

export interface LayoutNode {
  id: string;
  step: WorkflowStep;
  /** Thứ tự của bước trong danh sách (đánh số 1, 2, ... khi hiển thị). */
  index: number;
  layer: number;
  x: number;
  y: number;
  w: number;
  h: number;
  isStart: boolean;
  isEnd: boolean;
}

export type EdgeRoute = 'forward' | 'below' | 'above';

export interface LayoutEdge {
  key: string;
  from: string;
  to: string;
  kind: TransitionKind;
  /** forward: sang phải; below: cung phía dưới (trả lại); above: cung phía trên (chuyển tiếp tạo vòng lặp). */
  route: EdgeRoute;
  path: string;
  /** Vị trí nhãn của cạnh (tâm). */
  labelX: number;
  labelY: number;
}

export interface WorkflowLayout {
  width: number;
  height: number;
  /** Đỉnh khung nhìn (âm khi có cung phía trên). */
  minY: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  /** Số cột (lớp). */
  layers: number;
}

const progresses = (k: TransitionKind) => k === 'forward' || k === 'handoff';

/**
 * Dàn trang sơ đồ quy trình từ trái sang phải:
 * 1. các cạnh chuyển tiếp/liên thông tạo vòng lặp (nếu có) bị tách ra, vẽ thành cung phía trên;
 * 2. phân lớp theo đường dài nhất (longest-path layering) trên đồ thị còn lại (không chu trình);
 * 3. cạnh vượt nhiều lớp đi qua các nút ảo, để không cắt ngang bước nào;
 * 4. sắp thứ tự trong lớp theo trọng tâm (barycenter) để giảm giao cắt;
 * 5. cạnh "trả lại" vẽ thành cung cong phía dưới, độ sâu tăng theo tầng để không chồng nhau.
 */
export function layoutWorkflow(wf: Workflow, opts: LayoutOptions = {}): WorkflowLayout {
  const W = opts.nodeWidth ?? 188;
  const H = opts.nodeHeight ?? 96;
  const gapX = opts.gapX ?? 68;
  const gapY = opts.gapY ?? 36;
  const padX = opts.padX ?? 56;
  const padY = opts.padY ?? 30;

  // Bước hợp lệ (bỏ mã trùng).
  const steps: { step: WorkflowStep; index: number }[] = [];
  const known = new Set<string>();
  wf.steps.forEach((s, index) => {
    if (!s.id || known.has(s.id)) return;
    known.add(s.id);
    steps.push({ step: s, index });
  });
  const ids = steps.map((s) => s.step.id);
  const rank = new Map(ids.map((id, i) => [id, i]));

  // Cạnh hợp lệ, không trùng.
  const seen = new Set<string>();
  const transitions = wf.transitions.filter((t) => {
    const k = `${t.from}|${t.to}|${t.kind}`;
    if (!known.has(t.from) || !known.has(t.to) || t.from === t.to || seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  // 1. Tách cạnh tạo vòng lặp bằng DFS (bắt đầu từ bước bắt đầu).
  const out = new Map<string, string[]>();
  for (const t of transitions) {
    if (!progresses(t.kind)) continue;
    const list = out.get(t.from) ?? [];
    if (!list.includes(t.to)) list.push(t.to);
    out.set(t.from, list);
  }
  const state = new Map<string, 1 | 2>();
  const cyclic = new Set<string>();
  const roots = [...(known.has(wf.start) ? [wf.start] : []), ...ids];
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = (out.get(top.id) ?? [])[top.i++];
      if (next === undefined) {
        state.set(top.id, 2);
        stack.pop();
      } else if (state.get(next) === 1) {
        cyclic.add(`${top.id}|${next}`);
      } else if (!state.has(next)) {
        state.set(next, 1);
        stack.push({ id: next, i: 0 });
      }
    }
  }
  const dagEdges: [string, string][] = [];
  for (const [from, tos] of out) for (const to of tos) if (!cyclic.has(`${from}|${to}`)) dagEdges.push([from, to]);

  // 2. Phân lớp theo đường dài nhất (Kahn).
  const preds = new Map<string, string[]>(ids.map((id) => [id, []]));
  const succs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [a, b] of dagEdges) {
    preds.get(b)!.push(a);
    succs.get(a)!.push(b);
  }
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  const indeg = new Map(ids.map((id) => [id, preds.get(id)!.length]));
  const queue = ids.filter((id) => indeg.get(id) === 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const n of succs.get(id)!) {
      layer.set(n, Math.max(layer.get(n)!, layer.get(id)! + 1));
      indeg.set(n, indeg.get(n)! - 1);
      if (indeg.get(n) === 0) queue.push(n);
    }
  }
  const layerCount = ids.length ? Math.max(...ids.map((id) => layer.get(id)!)) + 1 : 0;

  // 3. Nút ảo cho cạnh vượt lớp.
  type Item = { id: string; virtual: boolean };
  const columns: Item[][] = Array.from({ length: layerCount }, () => []);
  const chains = new Map<string, string[]>(); // "a|b" → [a, v1, v2, b]
  const adj: [string, string][] = []; // cạnh giữa hai lớp liền kề (kể cả nút ảo)
  const itemLayer = new Map<string, number>(layer);
  const orderedIds = [...ids].sort((a, b) => layer.get(a)! - layer.get(b)! || rank.get(a)! - rank.get(b)!);
  for (const id of orderedIds) columns[layer.get(id)!].push({ id, virtual: false });
  for (const [a, b] of dagEdges) {
    const la = layer.get(a)!;
    const lb = layer.get(b)!;
    const chain = [a];
    for (let l = la + 1; l < lb; l++) {
      const v = `~${a}|${b}|${l}`;
      columns[l].push({ id: v, virtual: true });
      itemLayer.set(v, l);
      chain.push(v);
    }
    chain.push(b);
    for (let i = 0; i + 1 < chain.length; i++) adj.push([chain[i], chain[i + 1]]);
    chains.set(`${a}|${b}`, chain);
  }

  // 4. Sắp thứ tự theo trọng tâm, quét xuôi rồi ngược vài lượt.
  const pos = new Map<string, number>();
  const renumber = () => columns.forEach((col) => col.forEach((it, i) => pos.set(it.id, i)));
  renumber();
  const upper = new Map<string, string[]>();
  const lower = new Map<string, string[]>();
  for (const [a, b] of adj) {
    upper.set(b, [...(upper.get(b) ?? []), a]);
    lower.set(a, [...(lower.get(a) ?? []), b]);
  }
  const sortBy = (col: Item[], nb: Map<string, string[]>) => {
    const key = new Map(
      col.map((it) => {
        const list = nb.get(it.id) ?? [];
        return [it.id, list.length ? list.reduce((s, n) => s + pos.get(n)!, 0) / list.length : pos.get(it.id)!];
      }),
    );
    col.sort((a, b) => key.get(a.id)! - key.get(b.id)! || pos.get(a.id)! - pos.get(b.id)!);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let l = 1; l < layerCount; l++) {
      sortBy(columns[l], upper);
      renumber();
    }
    for (let l = layerCount - 2; l >= 0; l--) {
      sortBy(columns[l], lower);
      renumber();
    }
  }

  // Toạ độ: mỗi cột căn giữa theo chiều dọc.
  const maxRows = Math.max(1, ...columns.map((c) => c.length));
  const slot = H + gapY;
  const center = new Map<string, { x: number; y: number }>();
  columns.forEach((col, l) => {
    const offset = (maxRows - col.length) / 2;
    col.forEach((it, k) => {
      center.set(it.id, { x: padX + l * (W + gapX) + W / 2, y: padY + (offset + k) * slot + H / 2 });
    });
  });
  const ends = new Set(wf.ends);
  const nodes: LayoutNode[] = steps.map(({ step, index }) => {
    const c = center.get(step.id)!;
    return {
      id: step.id,
      step,
      index,
      layer: layer.get(step.id)!,
      x: c.x - W / 2,
      y: c.y - H / 2,
      w: W,
      h: H,
      isStart: step.id === wf.start,
      isEnd: ends.has(step.id),
    };
  });
  const rowsBottom = padY + maxRows * slot - gapY;
  // Làn của nút ảo (cạnh vượt lớp): cung trả lại phải đi dưới chúng.
  const lanes: { layer: number; y: number }[] = [];
  columns.forEach((col, l) => col.forEach((it) => it.virtual && lanes.push({ layer: l, y: center.get(it.id)!.y })));

  // 5. Cạnh.
  const edges: LayoutEdge[] = [];
  const f = (n: number) => Math.round(n * 10) / 10;
  const curve = (pts: { x: number; y: number }[]) => {
    let d = `M ${f(pts[0].x)} ${f(pts[0].y)}`;
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1];
      const b = pts[i];
      if (Math.abs(a.y - b.y) < 0.5) d += ` L ${f(b.x)} ${f(b.y)}`;
      else {
        const dx = (b.x - a.x) / 2;
        d += ` C ${f(a.x + dx)} ${f(a.y)} ${f(b.x - dx)} ${f(b.y)} ${f(b.x)} ${f(b.y)}`;
      }
    }
    return d;
  };
  const nodeOf = new Map(nodes.map((n) => [n.id, n]));
  // Cạnh chuyển tiếp/liên thông sang phải; hai loại cùng một cặp bước thì lệch nhau một chút.
  const pairKinds = new Map<string, TransitionKind[]>();
  for (const t of transitions) {
    if (!progresses(t.kind) || cyclic.has(`${t.from}|${t.to}`)) continue;
    pairKinds.set(`${t.from}|${t.to}`, [...(pairKinds.get(`${t.from}|${t.to}`) ?? []), t.kind]);
  }
  for (const t of transitions) {
    if (!progresses(t.kind) || cyclic.has(`${t.from}|${t.to}`)) continue;
    const kinds = pairKinds.get(`${t.from}|${t.to}`)!;
    const shift = kinds.length > 1 ? (kinds.indexOf(t.kind) - (kinds.length - 1) / 2) * 10 : 0;
    const chain = chains.get(`${t.from}|${t.to}`)!;
    const pts = chain.map((id, i) => {
      const c = center.get(id)!;
      if (i === 0) return { x: c.x + W / 2, y: c.y + shift };
      if (i === chain.length - 1) return { x: c.x - W / 2 - 2, y: c.y + shift };
      return { x: c.x, y: c.y + shift };
    });
    // Đi thẳng qua nút ảo: thêm điểm đầu/cuối của "làn" nút ảo để đường nằm ngang trong cột.
    const full: { x: number; y: number }[] = [pts[0]];
    for (let i = 1; i < pts.length - 1; i++) {
      full.push({ x: pts[i].x - W / 2, y: pts[i].y }, { x: pts[i].x + W / 2, y: pts[i].y });
    }
    full.push(pts[pts.length - 1]);
    const mid = Math.floor((full.length - 1) / 2);
    const a = full[mid];
    const b = full[mid + 1];
    edges.push({
      key: `${t.from}|${t.to}|${t.kind}`,
      from: t.from,
      to: t.to,
      kind: t.kind,
      route: 'forward',
      path: curve(full),
      labelX: f((a.x + b.x) / 2),
      labelY: f((a.y + b.y) / 2),
    });
  }

  // Cung phía dưới (trả lại) và phía trên (vòng lặp): xếp tầng theo độ dài, ngắn nằm trong.
  const arcs = transitions
    .filter((t) => !progresses(t.kind) || cyclic.has(`${t.from}|${t.to}`))
    .map((t) => {
      const a = nodeOf.get(t.from)!;
      const b = nodeOf.get(t.to)!;
      const route: EdgeRoute = progresses(t.kind) ? 'above' : 'below';
      return { t, a, b, route, lo: Math.min(a.layer, b.layer), hi: Math.max(a.layer, b.layer) };
    })
    .sort((p, q) => p.hi - p.lo - (q.hi - q.lo) || p.lo - q.lo);
  const placed: { lo: number; hi: number; level: number; route: EdgeRoute }[] = [];
  let maxBelow = 0;
  let maxAbove = 0;
  for (const arc of arcs) {
    let level = 0;
    while (placed.some((p) => p.route === arc.route && p.level === level && p.lo <= arc.hi && arc.lo <= p.hi)) level++;
    placed.push({ lo: arc.lo, hi: arc.hi, level, route: arc.route });
    const { a, b } = arc;
    // Điểm ra/vào lệch khỏi tâm để mũi tên đi và về không trùng nhau.
    const sx = a.x + a.w / 2 + (a.layer >= b.layer ? -a.w * 0.18 : a.w * 0.18);
    const tx = b.x + b.w / 2 + (a.layer >= b.layer ? b.w * 0.18 : -b.w * 0.18);
    const depth = 26 + level * 22;
    if (arc.route === 'below') {
      // Đáy cung thấp hơn mọi bước nằm giữa hai đầu.
      const between = nodes.filter((n) => n.layer >= arc.lo && n.layer <= arc.hi);
      const floor = Math.max(
        ...between.map((n) => n.y + n.h),
        ...lanes.filter((v) => v.layer > arc.lo && v.layer < arc.hi).map((v) => v.y + 6),
      );
      const sy = a.y + a.h;
      const ty = b.y + b.h + 2;
      const bottom = floor + depth;
      // Cubic với hai điểm điều khiển ở 4/3 độ sâu: đáy cung chạm đúng `bottom`.
      const c1 = sy + ((bottom - sy) * 4) / 3;
      const c2 = ty + ((bottom - ty) * 4) / 3;
      maxBelow = Math.max(maxBelow, bottom - rowsBottom);
      edges.push({
        key: `${arc.t.from}|${arc.t.to}|${arc.t.kind}`,
        from: arc.t.from,
        to: arc.t.to,
        kind: arc.t.kind,
        route: 'below',
        path: `M ${f(sx)} ${f(sy)} C ${f(sx)} ${f(c1)} ${f(tx)} ${f(c2)} ${f(tx)} ${f(ty)}`,
        labelX: f((sx + tx) / 2),
        labelY: f(bottom),
      });
    } else {
      const between = nodes.filter((n) => n.layer >= arc.lo && n.layer <= arc.hi);
      const ceil = Math.min(
        ...between.map((n) => n.y),
        ...lanes.filter((v) => v.layer > arc.lo && v.layer < arc.hi).map((v) => v.y - 6),
      );
      const sy = a.y;
      const ty = b.y - 2;
      const top = ceil - depth;
      const c1 = sy + (top - sy) * (4 / 3);
      const c2 = ty + (top - ty) * (4 / 3);
      maxAbove = Math.max(maxAbove, padY - top);
      edges.push({
        key: `${arc.t.from}|${arc.t.to}|${arc.t.kind}`,
        from: arc.t.from,
        to: arc.t.to,
        kind: arc.t.kind,
        route: 'above',
        path: `M ${f(sx)} ${f(sy)} C ${f(sx)} ${f(c1)} ${f(tx)} ${f(c2)} ${f(tx)} ${f(ty)}`,
        labelX: f((sx + tx) / 2),
        labelY: f(top),
      });
    }
  }

  // Cung phía trên nằm ở toạ độ âm: khung nhìn bắt đầu từ minY.
  const minY = maxAbove > 0 ? Math.min(0, padY - maxAbove - 18) : 0;
  const maxY = Math.max(rowsBottom + padY, maxBelow > 0 ? rowsBottom + maxBelow + 18 : 0);
  const width = layerCount ? padX * 2 + layerCount * W + (layerCount - 1) * gapX : padX * 2 + W;
  const height = maxY - minY;
  return { width, height, minY, nodes, edges, layers: layerCount };
}

/** Chia tên bước thành tối đa `lines` dòng, mỗi dòng khoảng `chars` ký tự; cắt bằng "…" khi dài. */
export function wrapText(text: string, chars: number, lines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let cur = '';
  for (const word of words) {
    const w = word.length > chars ? `${word.slice(0, chars - 1)}…` : word;
    const next = cur ? `${cur} ${w}` : w;
    if (next.length <= chars) {
      cur = next;
      continue;
    }
    out.push(cur);
    cur = w;
    if (out.length === lines) {
      // Còn chữ chưa hiển thị: kết thúc dòng cuối bằng dấu lược.
      const last = out[lines - 1];
      out[lines - 1] = `${last.length > chars - 1 ? last.slice(0, chars - 1) : last}…`;
      return out;
    }
  }
  if (cur) out.push(cur);
  return out;
}
