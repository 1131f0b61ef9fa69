/**
 * Decision 766/QĐ-TTg (23/06/2022): Bộ chỉ số chỉ đạo, điều hành và đánh giá
 * chất lượng phục vụ người dân, doanh nghiệp (the service index). Pure: the
 * indicators as data, the scoring rule, the per-dossier rules (mirrored in
 * SQL by src/modules/reports/index766.ts) and the totals. Days are
 * YYYY-MM-DD in Vietnam time. See docs/index-766.md for the sources.
 */

export type GroupId = '1' | '2' | '3' | '4' | '5';

export interface GroupDef {
  id: GroupId;
  name: string;
  max: number;
}

/** The five groups (nhóm chỉ số) and their maxima: 18 + 20 + 22 + 22 + 18 = 100. */
export const GROUPS: readonly GroupDef[] = [
  { id: '1', name: 'Công khai, minh bạch', max: 18 },
  { id: '2', name: 'Tiến độ, kết quả giải quyết', max: 20 },
  { id: '3', name: 'Cung cấp dịch vụ trực tuyến', max: 22 },
  { id: '4', name: 'Số hóa hồ sơ', max: 22 },
  { id: '5', name: 'Mức độ hài lòng', max: 18 },
];

export const TOTAL_MAX = 100;

export interface IndicatorDef {
  id: string;
  group: GroupId;
  name: string;
  /** Maximum points. */
  max: number;
  /** The rate (0..1] at which the indicator earns its maximum. 1 = linear over the whole range. */
  threshold: number;
  /** The formula, in Vietnamese, as shown to the user. */
  formula: string;
  /** Where the formula, threshold and maximum come from. */
  source: string;
  /** Whether maximum and threshold were read in a published text (false: the best available estimate, see docs). */
  verified: boolean;
  /** Set when motcua holds no data for the indicator at all: why (Vietnamese). */
  noData?: string;
}

const REF = 'QĐ 766/QĐ-TTg; mô tả công thức tính của VPCP (theo tài liệu tham chiếu nghiệp vụ)';
const PEER = 'điểm tối đa theo cách chia điểm của hệ thống một cửa Thanh Hóa (chưa đối chiếu được văn bản gốc)';

/** Every scored indicator of the index. */
export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: '1.1', group: '1', name: 'Tỷ lệ TTHC công bố đúng hạn', max: 4, threshold: 1,
    formula: 'Số TTHC có ngày ban hành quyết định công bố trước ngày có hiệu lực ít nhất 5 ngày làm việc (cấp tỉnh) / Tổng số TTHC đã công bố trong kỳ × 100%',
    source: `${REF}; điểm tối đa: ước lượng`, verified: false,
  },
  {
    id: '1.2', group: '1', name: 'Tỷ lệ TTHC cập nhật, công khai đúng hạn trên CSDL quốc gia', max: 4, threshold: 1,
    formula: 'Số TTHC được công khai trên CSDL quốc gia về TTHC không quá 5 ngày làm việc kể từ ngày ban hành quyết định công bố / Tổng số TTHC công bố trong kỳ × 100%',
    source: `${REF}; 4 điểm`, verified: false,
    noData: 'motcua chưa kết nối Cơ sở dữ liệu quốc gia về TTHC nên không có thời điểm công khai trên CSDL quốc gia.',
  },
  {
    id: '1.3', group: '1', name: 'Tỷ lệ TTHC công khai đầy đủ các bộ phận theo quy định', max: 4, threshold: 1,
    formula: 'Số TTHC đang công bố có đủ 7 bộ phận tại khoản 2 Điều 8 Nghị định 63/2010/NĐ-CP / Tổng số TTHC đang công bố × 100%',
    source: `${REF}; điểm tối đa: ước lượng`, verified: false,
  },
  {
    id: '1.4', group: '1', name: 'Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia', max: 6, threshold: 1,
    formula: 'Số hồ sơ đồng bộ có ngày tiếp nhận trong kỳ / max(tổng số hồ sơ trên hệ thống báo cáo quốc gia, tổng số hồ sơ trên Cổng DVCQG) × 100%',
    source: `${REF}; ${PEER}`, verified: false,
    noData: 'motcua chưa đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia.',
  },
  {
    id: '2.1', group: '2', name: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn', max: 20, threshold: 1,
    formula: '(Số hồ sơ đã giải quyết trước hoặc đúng hạn + Số hồ sơ đang giải quyết còn trong hạn) / Tổng số hồ sơ tiếp nhận hoặc xử lý trong kỳ × 100%. Hồ sơ đang chờ bổ sung (lần đầu) hoặc chờ thực hiện nghĩa vụ tài chính được tính theo ngày tạm dừng; yêu cầu bổ sung quá một lần tính là quá hạn.',
    source: `${REF}; 20 điểm`, verified: false,
  },
  {
    id: '3.1', group: '3', name: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến', max: 2, threshold: 0.8,
    formula: 'Số TTHC cung cấp DVC trực tuyến (toàn trình hoặc một phần) / Tổng số TTHC thuộc thẩm quyền × 100%; đạt tối đa khi ≥ 80%',
    source: `${REF}; ngưỡng 80%; ${PEER}`, verified: false,
  },
  {
    id: '3.2', group: '3', name: 'Tỷ lệ DVC trực tuyến có phát sinh hồ sơ trực tuyến', max: 4, threshold: 1,
    formula: 'Số DVC trực tuyến có ít nhất một hồ sơ nộp trực tuyến trong kỳ / Tổng số DVC trực tuyến × 100%',
    source: `${REF}; ${PEER}`, verified: false,
  },
  {
    id: '3.3', group: '3', name: 'Tỷ lệ hồ sơ nộp trực tuyến', max: 6, threshold: 0.5,
    formula: 'Số hồ sơ tiếp nhận trực tuyến trong kỳ / Tổng số hồ sơ tiếp nhận trong kỳ × 100%; đạt tối đa khi ≥ 50%',
    source: `${REF}; ngưỡng 50%; ${PEER}`, verified: false,
  },
  {
    id: '3.4', group: '3', name: 'Tỷ lệ TTHC có phí, lệ phí phát sinh giao dịch thanh toán trực tuyến', max: 2, threshold: 0.5,
    formula: 'Số TTHC có phí, lệ phí có ít nhất một giao dịch thanh toán trực tuyến trong kỳ / Tổng số TTHC có phí, lệ phí × 100%',
    source: PEER, verified: false,
    noData: 'motcua chưa có kênh thanh toán trực tuyến (chỉ ghi nhận yêu cầu nộp phí và xác nhận đã nộp).',
  },
  {
    id: '3.5', group: '3', name: 'Tỷ lệ TTHC có phí, lệ phí tích hợp thanh toán trên Cổng DVCQG', max: 2, threshold: 0.8,
    formula: 'Số TTHC có phí, lệ phí đã tích hợp thanh toán trực tuyến trên Cổng DVCQG / Tổng số TTHC có phí, lệ phí × 100%; đạt tối đa khi ≥ 80%',
    source: `${REF}; ngưỡng 80%; ${PEER}`, verified: false,
    noData: 'motcua chưa tích hợp nền tảng thanh toán trực tuyến của Cổng DVCQG.',
  },
  {
    id: '3.6', group: '3', name: 'Tỷ lệ hồ sơ thanh toán trực tuyến', max: 6, threshold: 0.3,
    formula: 'Số hồ sơ đã thanh toán trực tuyến (qua Cổng DVCQG hoặc cổng thanh toán của tỉnh) / Tổng số hồ sơ của TTHC có phí, lệ phí × 100%',
    source: `${REF}; ngưỡng 30% và điểm tối đa: ${PEER}`, verified: false,
    noData: 'motcua chưa có kênh thanh toán trực tuyến nên không có hồ sơ thanh toán trực tuyến để tính.',
  },
  {
    id: '4.1', group: '4', name: 'Tỷ lệ cấp kết quả giải quyết TTHC điện tử', max: 6, threshold: 1,
    formula: 'Số hồ sơ đã có kết quả trong kỳ có tệp kết quả điện tử / Tổng số hồ sơ đã có kết quả trong kỳ × 100%',
    source: `${REF}; ${PEER}`, verified: false,
  },
  {
    id: '4.2', group: '4', name: 'Tỷ lệ số hóa hồ sơ', max: 4, threshold: 0.8,
    formula: 'Số hồ sơ tiếp nhận trong kỳ có thành phần hồ sơ được số hóa (và tệp kết quả nếu đã có kết quả) / Tổng số hồ sơ tiếp nhận trong kỳ × 100%; đạt tối đa khi ≥ 80%',
    source: `${REF}; ngưỡng 80%; ${PEER}`, verified: false,
  },
  {
    id: '4.3', group: '4', name: 'Tỷ lệ khai thác, tái sử dụng dữ liệu số hóa', max: 2, threshold: 0.8,
    formula: 'Số hồ sơ có ít nhất một thành phần được tái sử dụng từ dữ liệu đã số hóa / Tổng số hồ sơ tiếp nhận trong kỳ × 100%; đạt tối đa khi ≥ 80%',
    source: `${REF}; ngưỡng 80%; ${PEER}`, verified: false,
    noData: 'motcua chưa đánh dấu thành phần hồ sơ tái sử dụng từ kho dữ liệu đã số hóa.',
  },
  {
    id: '4.4', group: '4', name: 'Tỷ lệ hồ sơ số hóa kết nối Kho quản lý dữ liệu điện tử của tổ chức, cá nhân', max: 5, threshold: 1,
    formula: 'Số hồ sơ có thành phần lấy từ hoặc lưu vào Kho dữ liệu của tổ chức, cá nhân trên Cổng DVCQG / Tổng số hồ sơ tiếp nhận trong kỳ × 100%',
    source: `${REF}; điểm tối đa: ước lượng (phần còn lại của nhóm 4)`, verified: false,
    noData: 'motcua chưa kết nối Kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Cổng DVCQG.',
  },
  {
    id: '4.5', group: '4', name: 'Tỷ lệ khai thác dữ liệu dân cư', max: 5, threshold: 1,
    formula: 'Số hồ sơ có người nộp xác thực bằng VNeID hoặc dữ liệu lấy từ CSDL quốc gia về dân cư / Tổng số hồ sơ tiếp nhận trong kỳ × 100%',
    source: `${REF}; điểm tối đa: ước lượng (phần còn lại của nhóm 4)`, verified: false,
    noData: 'motcua chưa kết nối VNeID và Cơ sở dữ liệu quốc gia về dân cư.',
  },
  {
    id: '5.2', group: '5', name: 'Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn', max: 6, threshold: 1,
    formula: 'Tổng số phản ánh, kiến nghị xử lý đúng hoặc trước hạn / Tổng số phản ánh, kiến nghị thuộc thẩm quyền tiếp nhận, xử lý × 100%',
    source: 'QĐ 766/QĐ-TTg, nhóm Mức độ hài lòng (18 điểm, 3 tỷ lệ); 6 điểm: chia đều', verified: false,
    noData: 'motcua chưa có chức năng tiếp nhận, xử lý phản ánh, kiến nghị.',
  },
  {
    id: '5.3', group: '5', name: 'Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị', max: 6, threshold: 1,
    formula: '(Tổng số phản ánh, kiến nghị − Số bị phản hồi không hài lòng hoặc xử lý quá hạn) / Tổng số phản ánh, kiến nghị × 100%',
    source: 'QĐ 766/QĐ-TTg, nhóm Mức độ hài lòng (18 điểm, 3 tỷ lệ); 6 điểm: chia đều', verified: false,
    noData: 'motcua chưa có chức năng tiếp nhận, xử lý phản ánh, kiến nghị.',
  },
  {
    id: '5.4', group: '5', name: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC', max: 6, threshold: 0.9,
    formula: '100% − (Tỷ lệ hồ sơ giải quyết quá hạn + Tỷ lệ hồ sơ bị đánh giá không hài lòng), trên các hồ sơ đã giải quyết trong kỳ (một hồ sơ vừa quá hạn vừa không hài lòng chỉ trừ một lần); đạt tối đa khi ≥ 90%',
    source: `${REF}; 6 điểm, ngưỡng 90%`, verified: false,
  },
];

export type IndicatorResult =
  | { status: 'scored'; rate: number; score: number }
  | { status: 'no_data'; reason: string };

export const round2 = (x: number): number => Math.round((x + Number.EPSILON) * 100) / 100;

/**
 * The published scoring rule: score = max × min(1, rate / threshold), 2
 * decimals. No denominator means no data, never zero nor full marks.
 */
export function scoreIndicator(max: number, threshold: number, numerator: number, denominator: number, noDataReason = 'Không có số liệu trong kỳ (mẫu số bằng 0).'): IndicatorResult {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0 || numerator < 0) return { status: 'no_data', reason: noDataReason };
  const n = Math.min(numerator, denominator);
  const rate = n / denominator;
  const score = round2(max * Math.min(1, rate / threshold));
  return { status: 'scored', rate, score };
}

export interface Counts {
  numerator: number;
  denominator: number;
}

export interface ScoredIndicator {
  def: IndicatorDef;
  numerator: number | null;
  denominator: number | null;
  result: IndicatorResult;
}

/** Scores every indicator from its counts (missing counts or a definition without data: no_data). */
export function scoreAll(counts: Readonly<Record<string, Counts | undefined>>, reasons: Readonly<Record<string, string>> = {}): ScoredIndicator[] {
  return INDICATORS.map((def) => {
    if (def.noData) return { def, numerator: null, denominator: null, result: { status: 'no_data', reason: def.noData } };
    const c = counts[def.id];
    if (!c) return { def, numerator: null, denominator: null, result: { status: 'no_data', reason: reasons[def.id] ?? 'Không có số liệu.' } };
    return { def, numerator: c.numerator, denominator: c.denominator, result: scoreIndicator(def.max, def.threshold, c.numerator, c.denominator, reasons[def.id]) };
  });
}

export interface GroupTotal {
  id: GroupId;
  name: string;
  max: number;
  score: number;
  maxWithData: number;
}

export interface Total {
  score: number;
  maxWithData: number;
  max: number;
  /** score / maxWithData × 100, 2 decimals; null when no indicator has data. */
  percent: number | null;
  /** Ids of the indicators without data. */
  withoutData: string[];
}

/** Group scores and the total over the indicators that have data, with the maximum they could reach. */
export function totals(list: readonly ScoredIndicator[]): { groups: GroupTotal[]; total: Total } {
  const groups = GROUPS.map((g) => {
    let score = 0;
    let maxWithData = 0;
    for (const s of list) {
      if (s.def.group !== g.id || s.result.status !== 'scored') continue;
      score += s.result.score;
      maxWithData += s.def.max;
    }
    return { id: g.id, name: g.name, max: g.max, score: round2(score), maxWithData };
  });
  const score = round2(groups.reduce((a, g) => a + g.score, 0));
  const maxWithData = groups.reduce((a, g) => a + g.maxWithData, 0);
  return {
    groups,
    total: {
      score,
      maxWithData,
      max: TOTAL_MAX,
      percent: maxWithData > 0 ? round2((score / maxWithData) * 100) : null,
      withoutData: list.filter((s) => s.result.status === 'no_data').map((s) => s.def.id),
    },
  };
}

/** Pools the counts of several units: sums of numerators and denominators (never an average of scores). */
export function poolCounts(list: readonly Readonly<Record<string, Counts | undefined>>[]): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const c of list) {
    for (const [id, v] of Object.entries(c)) {
      if (!v) continue;
      const t = (out[id] ??= { numerator: 0, denominator: 0 });
      t.numerator += v.numerator;
      t.denominator += v.denominator;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Per-dossier rules (the SQL of the service mirrors them).

export interface Dossier766 {
  status: number;
  channel: 'counter' | 'online' | 'postal';
  receivedDay: string | null;
  /** Processing ended (result issued, stopped, withdrawn; the return day when no separate finish). */
  finishDay: string | null;
  dueDay: string | null;
  /** The day the clock was paused (supplement request, financial obligation), while paused. */
  pausedDay: string | null;
  supplementCount: number;
  /** Component (or supplement) files attached: the dossier is digitised. */
  hasComponentFiles: boolean;
  /** Result files attached: the result is electronic. */
  hasResultFiles: boolean;
  rating: 'very_satisfied' | 'satisfied' | 'not_satisfied' | null;
}

/** Counted at all in the period for 2.1: received by its last day, not finished before its first (as Biểu 06). */
export function inPeriod(d: Dossier766, from: string, to: string): boolean {
  if (d.status === 1 || d.status === 3 || !d.receivedDay) return false;
  if (d.receivedDay > to) return false;
  return d.finishDay === null || d.finishDay >= from;
}

/**
 * 2.1, numerator: finished by the last day on or before its due day; open at
 * the last day and still within its due day; or paused at the last day
 * (waiting for the citizen: supplement or financial obligation) with the
 * pause on or before its due day — except a dossier asked for supplements
 * more than once, which counts as late.
 */
export function onTime(d: Dossier766, from: string, to: string): boolean {
  if (!inPeriod(d, from, to)) return false;
  const finished = d.finishDay !== null && d.finishDay <= to;
  if (finished) return d.dueDay === null || d.finishDay! <= d.dueDay;
  const paused = (d.status === 5 || d.status === 6) && d.pausedDay !== null && d.pausedDay <= to;
  if (paused) {
    if (d.status === 5 && d.supplementCount > 1) return false;
    return d.dueDay === null || d.pausedDay! <= d.dueDay;
  }
  return d.dueDay === null || d.dueDay >= to;
}

/** Received in the period (3.3, 4.2 denominators). */
export const receivedIn = (d: Dossier766, from: string, to: string): boolean =>
  d.status !== 1 && d.status !== 3 && d.receivedDay !== null && d.receivedDay >= from && d.receivedDay <= to;

/** Resolved in the period (5.4 denominator): counted and finished within it. */
export const resolvedIn = (d: Dossier766, from: string, to: string): boolean =>
  inPeriod(d, from, to) && d.finishDay !== null && d.finishDay <= to;

/** With a result in the period (4.1 denominator): result issued or returned (9, 10), finished within it. */
export const resultIn = (d: Dossier766, from: string, to: string): boolean =>
  (d.status === 9 || d.status === 10) && resolvedIn(d, from, to);

/** The dossier counts of one unit for the period, by indicator id. */
export function dossierCounts(list: readonly Dossier766[], from: string, to: string): Record<string, Counts> {
  const c: Record<string, Counts> = {};
  const add = (id: string, num: boolean) => {
    const t = (c[id] ??= { numerator: 0, denominator: 0 });
    t.denominator += 1;
    if (num) t.numerator += 1;
  };
  for (const d of list) {
    if (inPeriod(d, from, to)) add('2.1', onTime(d, from, to));
    if (receivedIn(d, from, to)) {
      add('3.3', d.channel === 'online');
      add('4.2', d.hasComponentFiles && (!(d.status === 9 || d.status === 10) || d.hasResultFiles));
    }
    if (resultIn(d, from, to)) add('4.1', d.hasResultFiles);
    if (resolvedIn(d, from, to)) add('5.4', (d.dueDay === null || d.finishDay! <= d.dueDay) && d.rating !== 'not_satisfied');
  }
  return c;
}

/** Nghị định 63/2010 Art. 8(2): the seven components a published procedure must state. */
export interface ProcedureComponents {
  steps: string | null;
  submissionMeans: string | null;
  dossierComponents: number;
  timeLimit: string | null;
  applicants: string | null;
  competentAgency: string | null;
  result: string | null;
}

export function hasAllSevenComponents(p: ProcedureComponents): boolean {
  const filled = (s: string | null) => s !== null && s.trim().length > 0;
  return filled(p.steps) && filled(p.submissionMeans) && p.dossierComponents > 0 && filled(p.timeLimit) && filled(p.applicants) && filled(p.competentAgency) && filled(p.result);
}
