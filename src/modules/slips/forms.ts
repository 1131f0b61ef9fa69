/**
 * The six printed slips of a dossier, laid out after the forms of Circular
 * 01/2018/TT-VPCP and the appendix of Circular 03/2025/TT-VPCP:
 *   receipt     Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả
 *   supplement  Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
 *   refusal     Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ
 *   apology     Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả
 *   stop        Mẫu 05 Thông báo dừng giải quyết hồ sơ
 *   control     Mẫu 06 Phiếu kiểm soát quá trình giải quyết hồ sơ
 * Each form says when it applies to a dossier and draws itself with the
 * blocks of pdf.ts from a SlipModel (the dossier, its events, its agencies).
 */
import { STATUS } from '../../kernel/dossier/status.ts';
import { TIMELINESS_NAMES, type Timeliness } from '../../kernel/dossier/timeliness.ts';
import type { DossierRow, EventRow } from '../dossiers/repo.ts';
import { count2, durationText, localityOf, unitHeaderName, vnClock, vnDate, vnDateWords } from './format.ts';
import type { Cell, HeaderInfo, Run, SignatureBlock, SlipWriter } from './pdf.ts';
import type { SlipAgency } from './repo.ts';

export const SLIP_FORMS = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control'] as const;
export type SlipForm = (typeof SLIP_FORMS)[number];

/** Everything a form draws from. */
export interface SlipModel {
  d: DossierRow;
  events: EventRow[];
  agencies: Map<string, SlipAgency>;
  contacts: Map<string, { fullName: string; phone: string | null }>;
  /** The public lookup address of the dossier (null without a code). */
  lookupUrl: string | null;
}

export interface FormSpec {
  /** Mẫu số. */
  number: string;
  name: string;
  /** Why the form does not apply to the dossier now (Vietnamese), or null when it does. */
  unavailable(d: DossierRow, events: EventRow[]): string | null;
  render(w: SlipWriter, m: SlipModel): void;
  /** "Trang 1/2" at the foot of multi-page prints (not for the receipt, whose pages are separate copies). */
  pageNumbers?: boolean;
}

const b = (text: string): Run => ({ text, bold: true });
const it = (text: string): Run => ({ text, italic: true });
const lastOf = (events: EventRow[], action: string) => [...events].reverse().find((e) => e.action === action) ?? null;
const dataStr = (e: EventRow | null, key: string): string => {
  const v = e?.data?.[key];
  return typeof v === 'string' ? v : '';
};
const dateOf = (v: unknown): Date | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);

// ——— agencies in headers and sentences ———

const agencyName = (m: SlipModel, id: string | null | undefined) => (id ? m.agencies.get(id)?.name ?? '' : '');
/** A division is named with the body it belongs to: "Phòng Quản lý hoạt động xây dựng – Sở Xây dựng". */
function agencyFullName(m: SlipModel, id: string): string {
  const a = m.agencies.get(id);
  const parent = a?.parentId ? m.agencies.get(a.parentId) : undefined;
  return a && parent && a.kind === 'division' && !a.name.includes(parent.name) ? `${a.name} – ${parent.name}` : agencyName(m, id);
}

/** The place printed before the date: the locality of the nearest people's committee, or an agency setting. */
function placeOf(m: SlipModel, agencyId: string): string {
  for (let a = m.agencies.get(agencyId), i = 0; a && i < 32; a = a.parentId ? m.agencies.get(a.parentId) : undefined, i++) {
    if (typeof a.settings.place === 'string' && a.settings.place.trim()) return a.settings.place.trim();
    if (a.kind === 'people_committee') {
      const loc = localityOf(a.name);
      if (loc) return loc.place;
    }
  }
  return '';
}

/** The header of a slip issued by an agency on a day. */
function headerOf(m: SlipModel, agencyId: string, at: Date, number?: string): HeaderInfo {
  const a = m.agencies.get(agencyId);
  const place = placeOf(m, agencyId);
  const placeDate = place ? `${place}, ${vnDateWords(at)}` : vnDateWords(at).replace(/^n/, 'N');
  if (!a) return { parent: null, unit: '', placeDate, number };
  const parent = a.parentId ? m.agencies.get(a.parentId) ?? null : null;
  if (a.kind === 'people_committee' || !parent) {
    const loc = localityOf(a.name);
    return { parent: null, unit: loc ? `ỦY BAN NHÂN DÂN\n${loc.locality.toLocaleUpperCase('vi')}` : a.name.toLocaleUpperCase('vi'), placeDate, number };
  }
  const ploc = parent.kind === 'people_committee' ? localityOf(parent.name) : null;
  return {
    parent: ploc ? `UBND ${ploc.locality.toLocaleUpperCase('vi')}` : parent.name.toLocaleUpperCase('vi'),
    unit: unitHeaderName(a.name, parent.name),
    placeDate,
    number,
  };
}

/** The body that signs and seals letters for an agency: a division (phòng) writes under its department. */
function sealHolder(m: SlipModel, agencyId: string): string {
  let a = m.agencies.get(agencyId);
  for (let i = 0; a && (a.kind === 'division' || a.kind === 'one_stop') && a.parentId && i < 32; i++) a = m.agencies.get(a.parentId);
  return a?.id ?? agencyId;
}

/** True when `id` is `root` or inside its subtree. */
function within(m: SlipModel, id: string, root: string): boolean {
  for (let a = m.agencies.get(id), i = 0; a && i < 32; a = a.parentId ? m.agencies.get(a.parentId) : undefined, i++) {
    if (a.id === root) return true;
  }
  return false;
}

// ——— shared paragraphs ———

function applicantLines(w: SlipWriter, d: DossierRow): void {
  const a = d.applicant;
  w.field('Số định danh cá nhân/mã số doanh nghiệp', a.idNumber);
  if (d.authorised) w.para(['Người được ủy quyền nộp hồ sơ: ', b(d.authorised.fullName), ` (số giấy tờ ${d.authorised.idNumber})`], { align: 'left' });
  w.field('Địa chỉ', a.address);
  w.para(['Số điện thoại: ', b(a.phone), '; thư điện tử: ', a.email ? b(a.email) : '……………………………'], { align: 'left' });
}

function requestLine(w: SlipWriter, d: DossierRow): void {
  const kase = d.case_name && d.case_name !== 'Trường hợp thông thường' ? `; trường hợp: ${d.case_name}` : '';
  w.para(['Nội dung yêu cầu giải quyết: ', b(d.procedure_name), ` (mã thủ tục ${d.procedure_code}${kase}).`]);
}

const SIGN = '(Ký và ghi rõ họ tên)';
const SIGN_SEAL = '(Ký, ghi rõ họ tên và đóng dấu)';
/** The single signature block of a slip, on the right half. */
const rightSignature = (w: SlipWriter, block: SignatureBlock) => w.signatures([null, block]);

/** The officer who took the dossier in: the actor of the event that gave it its code. */
function receivingOfficer(events: EventRow[]): string | null {
  const e = events.find((x) => (x.action === 'create' || x.action === 'accept') && x.actor_name) ?? events.find((x) => x.actor_name);
  return e?.actor_name ?? null;
}

// ——— Mẫu 01 ———

function receipt(w: SlipWriter, m: SlipModel): void {
  const { d } = m;
  const code = d.code!;
  const received = d.received_at ?? d.submitted_at;
  const unit = agencyName(m, d.reception_agency_id);
  const copies = d.channel === 'online' ? [null] : ['Lưu tại Bộ phận Một cửa', 'Giao người nộp hồ sơ'];
  const seq = /-(\d{4,})$/.exec(code)?.[1];
  const where =
    d.channel === 'postal'
      ? `Qua dịch vụ bưu chính công ích, tại địa chỉ: ${d.applicant.address}`
      : d.channel === 'online'
        ? `${unit}, hoặc nhận kết quả điện tử trên Cổng Dịch vụ công`
        : unit;
  const submitter = d.authorised?.fullName ?? d.applicant.fullName;

  for (const [i, copy] of copies.entries()) {
    if (i > 0) w.newPage();
    w.header(headerOf(m, d.reception_agency_id, received));
    w.title('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', b(`Mã hồ sơ: ${code}`), it(copy ? `(Liên ${i + 1}: ${copy})` : '(Giấy tiếp nhận điện tử)'));
    w.para([`${unit} tiếp nhận hồ sơ của: `, b(d.applicant.fullName)], { align: 'left' });
    applicantLines(w, d);
    requestLine(w, d);
    w.para(['1. Thành phần hồ sơ nộp gồm:']);
    const rows: Cell[][] = d.components.map((c, k) => [
      { text: String(k + 1), align: 'center' },
      c.name,
      { text: c.originals ? count2(c.originals) : '', align: 'center' },
      { text: c.copies ? count2(c.copies) : '', align: 'center' },
      { text: c.files.length ? 'Đã số hóa' : '', align: 'center' },
    ]);
    if (rows.length === 0) rows.push(['', { text: 'Không có thành phần hồ sơ kèm theo', italic: true }, '', '', '']);
    w.table(
      [
        { title: 'TT', share: 6 },
        { title: 'Tên giấy tờ', share: 52 },
        { title: 'Bản chính', share: 11 },
        { title: 'Bản sao', share: 11 },
        { title: 'Ghi chú', share: 14 },
      ],
      rows,
    );
    w.para(['2. Số lượng hồ sơ: ', b('01'), ' (bộ).']);
    w.para(['3. Thời gian giải quyết hồ sơ theo quy định: ', b(durationText(d.duration_amount, d.duration_unit)), '.']);
    w.para(['4. Thời gian nhận hồ sơ: ', b(vnClock(received)), '.']);
    w.para(['5. Thời gian trả kết quả giải quyết hồ sơ: ', d.due_at ? b(vnClock(d.due_at)) : b('trả ngay khi có kết quả'), '.']);
    w.para(['6. Đăng ký nhận kết quả tại: ', b(where), '.']);
    if (seq) w.para([it(`Vào Sổ theo dõi hồ sơ điện tử ngày ${vnDate(received)}, số thứ tự ${seq}.`)], { align: 'left' });
    w.signatures([
      { title: 'NGƯỜI NỘP HỒ SƠ', note: SIGN, name: submitter },
      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: SIGN, name: receivingOfficer(m.events) },
    ]);
    if (m.lookupUrl) {
      w.qrBox(m.lookupUrl, [
        [b('Tra cứu tình trạng giải quyết hồ sơ:'), ' quét mã QR hoặc truy cập'],
        [b(m.lookupUrl)],
        [it('Khi đến nhận kết quả, vui lòng mang theo Giấy tiếp nhận này và giấy tờ tùy thân.')],
      ]);
    }
  }
}

// ——— Mẫu 02 ———

function supplement(w: SlipWriter, m: SlipModel): void {
  const { d } = m;
  const e = lastOf(m.events, 'request_supplement')!;
  const atReception = e.data.stage === 'reception' || e.from_status === STATUS.NEW;
  const issuer = atReception ? d.reception_agency_id : d.agency_id;
  w.header(headerOf(m, issuer, e.at));
  w.title('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', ...(d.code ? [b(`Mã hồ sơ: ${d.code}`)] : []));
  w.para(['Hồ sơ của: ', b(d.applicant.fullName)], { align: 'left' });
  requestLine(w, d);
  applicantLines(w, d);
  w.para(['Ngày nộp hồ sơ: ', b(vnClock(d.received_at ?? d.submitted_at)), '.']);
  w.para(['Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:']);
  const items = Array.isArray(e.data.items) ? (e.data.items as { name?: unknown; reason?: unknown }[]) : [];
  items.forEach((item, i) => {
    const name = typeof item?.name === 'string' ? item.name : '';
    const reason = typeof item?.reason === 'string' && item.reason ? `: ${item.reason}` : '';
    w.para([`${i + 1}. `, b(name), reason, '.'], { hanging: 14 });
  });
  const reason = dataStr(e, 'reason');
  if (reason) w.para(['Lý do: ', b(reason), reason.endsWith('.') ? '' : '.']);
  const officer = (e.actor_id && m.contacts.get(e.actor_id)) || null;
  const who = officer?.fullName ?? e.actor_name ?? '……………………';
  const phone = officer?.phone ? `, số điện thoại ${officer.phone}` : '';
  w.para([
    'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ',
    b(who),
    ` – ${agencyName(m, issuer)}${phone} để được hướng dẫn.`,
  ]);
  if (!atReception) {
    w.para([it(`Thời gian giải quyết hồ sơ tạm dừng từ ${vnClock(e.at)} đến khi Ông/Bà nộp đủ hồ sơ bổ sung, hoàn thiện.`)]);
  }
  rightSignature(w, { title: 'NGƯỜI HƯỚNG DẪN', note: SIGN, name: who === '……………………' ? null : who });
}

// ——— Mẫu 03 ———

function refusal(w: SlipWriter, m: SlipModel): void {
  const { d } = m;
  const e = lastOf(m.events, 'refuse')!;
  const unit = agencyName(m, d.reception_agency_id);
  w.header(headerOf(m, d.reception_agency_id, e.at));
  w.title('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', ...(d.code ? [b(`Mã hồ sơ: ${d.code}`)] : []));
  w.para([`${unit} tiếp nhận hồ sơ của: `, b(d.applicant.fullName)], { align: 'left' });
  applicantLines(w, d);
  requestLine(w, d);
  w.para(['Ngày nộp hồ sơ: ', b(vnClock(d.submitted_at)), '.']);
  w.para([`Qua xem xét, ${unit} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`]);
  w.para([b(dataStr(e, 'reason'))], { indent: 28 });
  w.para(['Xin thông báo để Ông/Bà được biết và thực hiện./.']);
  rightSignature(w, { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: SIGN, name: e.actor_name });
}

// ——— Mẫu 04 ———

function apology(w: SlipWriter, m: SlipModel): void {
  const { d } = m;
  const e = lastOf(m.events, 'reschedule')!;
  const issuer = sealHolder(m, d.agency_id);
  const agency = agencyName(m, issuer);
  const previous = dateOf(e.data.previousDueAt) ?? d.due_at;
  const next = dateOf(e.data.newDueAt) ?? d.rescheduled_due_at;
  w.header(headerOf(m, issuer, e.at, 'Số: ……/PXL'));
  w.title('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
  w.para(['Kính gửi: ', b(`Ông/Bà ${d.applicant.fullName}`)], { align: 'center', gap: 8 });
  w.para([
    `Ngày ${vnDate(d.received_at ?? d.submitted_at)}, ${agencyName(m, d.reception_agency_id)} tiếp nhận giải quyết hồ sơ của Ông/Bà `,
    b(d.applicant.fullName),
    ' đề nghị giải quyết thủ tục ',
    b(d.procedure_name),
    '.',
  ], { indent: 28 });
  w.para(['Mã hồ sơ: ', b(d.code ?? ''), '.'], { indent: 28 });
  w.para(['Thời hạn giải quyết hồ sơ theo quy định: ', b(previous ? vnClock(previous) : '……'), '.'], { indent: 28 });
  w.para([
    `Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn quy định ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Lý do: `,
    b(dataStr(e, 'reason')),
    dataStr(e, 'reason').endsWith('.') ? '' : '.',
  ], { indent: 28 });
  w.para([
    `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. ${agency} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào `,
    b(next ? vnClock(next) : '……'),
    '.',
  ], { indent: 28 });
  w.para(['Xin trân trọng cảm ơn./.'], { indent: 28, gap: 8 });
  w.signatures([{ recipients: ['- Như trên;', `- ${agencyName(m, d.reception_agency_id)};`, '- Lưu: VT.'] }, { title: 'THỦ TRƯỞNG CƠ QUAN', note: SIGN_SEAL }]);
}

// ——— Mẫu 05 ———

function stop(w: SlipWriter, m: SlipModel): void {
  const { d } = m;
  const e = lastOf(m.events, 'stop')!;
  const issuer = sealHolder(m, d.agency_id);
  const agency = agencyName(m, issuer);
  const reception = agencyName(m, d.reception_agency_id);
  w.header(headerOf(m, issuer, e.at, 'Số: ……/TB'));
  w.title('THÔNG BÁO', b('Về việc dừng giải quyết hồ sơ'));
  w.para(['Kính gửi: ', b(`Ông/Bà ${d.applicant.fullName}`)], { align: 'center', gap: 8 });
  w.para([
    `Ngày ${vnDate(d.received_at ?? d.submitted_at)}, ${reception} đã tiếp nhận hồ sơ của Ông/Bà `,
    b(d.applicant.fullName),
    ' đề nghị giải quyết thủ tục ',
    b(d.procedure_name),
    ', mã hồ sơ ',
    b(d.code ?? ''),
    d.due_at ? ', hẹn trả kết quả ' : '',
    d.due_at ? b(vnClock(d.due_at)) : '',
    '.',
  ], { indent: 28 });
  w.para([`${agency} thông báo dừng giải quyết hồ sơ nêu trên kể từ `, b(vnClock(e.at)), '.'], { indent: 28 });
  const reason = dataStr(e, 'reason');
  w.para(['Lý do: ', b(reason), reason.endsWith('.') ? '' : '.'], { indent: 28 });
  w.para([`Ông/Bà vui lòng liên hệ ${reception} để được hướng dẫn và nhận lại hồ sơ (nếu có).`], { indent: 28 });
  w.para(['Trân trọng thông báo./.'], { indent: 28, gap: 8 });
  w.signatures([{ recipients: ['- Như trên;', `- ${reception};`, '- Lưu: VT.'] }, { title: 'THỦ TRƯỞNG CƠ QUAN', note: SIGN_SEAL }]);
}

// ——— Mẫu 06 ———

interface StepOutcome {
  step: string;
  stepName: string;
  agencyId: string;
  startedAt: string;
  dueAt: string | null;
  endedAt: string;
  outcome: Timeliness;
}

const RETURN_METHODS: Record<string, string> = { counter: 'Trả trực tiếp', post: 'Trả qua bưu chính', electronic: 'Trả kết quả điện tử' };

/**
 * One row per hand-off: each workflow step left (forward, send back,
 * complete), the dossier sent back to the applicant for completion and
 * returned by them, and the result handed to the applicant.
 */
export function controlRows(m: SlipModel): Cell[][] {
  const { d, events } = m;
  const stepName = (id: string | null) => (id && d.workflow?.steps.find((s) => s.id === id)?.name) || '';
  const rows: Cell[][] = [];
  const APPLICANT = 'Tổ chức, cá nhân';
  const when = (at: Date) => vnClock(at).replace(', ngày', ',\nngày');
  const parties = (from: string, to: string) => (from === to ? `${from}\n(chuyển bước nội bộ)` : `Giao: ${from}\nNhận: ${to}`);
  const add = (from: string, to: string, at: Date, giver: string, receiver: string, outcome: string, note: string) =>
    rows.push([
      { text: String(rows.length + 1), align: 'center' },
      parties(from, to),
      when(at),
      `Giao: ${giver}\nNhận: ${receiver}`,
      { text: outcome, align: 'center' },
      note,
    ]);
  events.forEach((e, i) => {
    const later = events.slice(i + 1);
    const out = e.data.stepOutcome as StepOutcome | undefined;
    if (out && ['forward', 'send_back', 'complete'].includes(e.action)) {
      const assignee = (e.data.assignee as { name?: string } | undefined)?.name;
      const receiver =
        assignee ??
        (e.action === 'complete'
          ? later.find((x) => x.action === 'return')?.actor_name
          : later.find((x) => x.from_step === e.to_step && x.actor_name)?.actor_name) ??
        '';
      const toAgency = e.action === 'complete' ? d.reception_agency_id : e.agency_id;
      let note = e.action === 'complete' ? `${out.stepName} → có kết quả giải quyết` : `${out.stepName} → ${stepName(e.to_step)}`;
      if (e.action === 'send_back') note += `. Trả lại: ${dataStr(e, 'reason')}`;
      add(agencyName(m, out.agencyId), agencyName(m, toAgency), e.at, e.actor_name ?? '', receiver, TIMELINESS_NAMES[out.outcome] ?? '', note);
    } else if (e.action === 'request_supplement' && e.from_status !== STATUS.NEW) {
      add(agencyName(m, e.agency_id), APPLICANT, e.at, e.actor_name ?? '', d.applicant.fullName, '', 'Yêu cầu bổ sung, hoàn thiện hồ sơ; tạm dừng tính thời gian giải quyết');
    } else if (e.action === 'submit_supplement' && e.from_status === STATUS.SUPPLEMENT && e.to_status !== STATUS.NEW) {
      add(APPLICANT, agencyName(m, e.agency_id), e.at, d.applicant.fullName, e.actor_name ?? '', '', 'Nộp bổ sung, hoàn thiện hồ sơ; tiếp tục tính thời gian giải quyết');
    } else if (e.action === 'stop' || e.action === 'withdraw') {
      const reason = dataStr(e, 'reason');
      const what = e.action === 'stop' ? 'Dừng giải quyết hồ sơ' : 'Tổ chức, cá nhân rút hồ sơ';
      const agency = agencyName(m, e.agency_id) || agencyName(m, d.reception_agency_id);
      add(agency, APPLICANT, e.at, e.actor_name ?? '', d.applicant.fullName, '', reason ? `${what}: ${reason}` : what);
    } else if (e.action === 'return') {
      const info = (e.data.return ?? {}) as { method?: string; receivedBy?: string | null; trackingNumber?: string | null };
      const note = [RETURN_METHODS[info.method ?? ''] ?? 'Trả kết quả', info.trackingNumber ? `mã bưu gửi ${info.trackingNumber}` : ''].filter(Boolean).join(', ');
      add(agencyName(m, d.reception_agency_id), APPLICANT, e.at, e.actor_name ?? '', info.receivedBy ?? d.applicant.fullName, d.timeliness ? TIMELINESS_NAMES[d.timeliness] : '', note);
    }
  });
  return rows;
}

/** Statuses in which the dossier still travels between agencies: room is left for the next hand-offs. */
const STILL_MOVING = [STATUS.RECEIVED, STATUS.PROCESSING, STATUS.SUPPLEMENT, STATUS.PAYMENT, STATUS.DONE] as const;

function control(w: SlipWriter, m: SlipModel): void {
  const { d } = m;
  const received = d.received_at ?? d.submitted_at;
  w.header(headerOf(m, d.reception_agency_id, received));
  w.title('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', b(`Mã hồ sơ: ${d.code}`), it(`(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả mã số ${d.code})`));
  w.para(['Người nộp hồ sơ: ', b(d.applicant.fullName)], { align: 'left' });
  requestLine(w, d);
  w.para(['Cơ quan (bộ phận) giải quyết hồ sơ: ', b(agencyFullName(m, d.agency_id))], { align: 'left' });
  const partners = d.involved_agencies.filter((id) => id !== d.reception_agency_id && !within(m, id, d.agency_id)).map((id) => agencyFullName(m, id));
  w.para(['Cơ quan phối hợp giải quyết hồ sơ: ', partners.length ? b(partners.join('; ')) : 'Không'], { align: 'left' });
  w.para(['Thời gian nhận hồ sơ: ', b(vnClock(received)), '; hẹn trả kết quả: ', d.due_at ? b(vnClock(d.due_at)) : '……', '.'], { align: 'left' });
  if (d.rescheduled_due_at) w.para(['Ngày hẹn lại (sau khi xin lỗi): ', b(vnClock(d.rescheduled_due_at)), '.'], { align: 'left' });
  const rows = controlRows(m);
  const open = (STILL_MOVING as readonly number[]).includes(d.status);
  const blanks = open ? 2 : rows.length ? 0 : 1;
  for (let i = 0; i < blanks; i++) rows.push([{ text: String(rows.length + 1), align: 'center' }, 'Giao:\nNhận:', '…giờ…phút,\nngày…/…/……', 'Giao:\nNhận:', '', '']);
  w.table(
    [
      { title: 'TT', share: 5 },
      { title: 'TÊN CƠ QUAN', share: 24 },
      { title: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', share: 20 },
      { title: 'NGƯỜI GIAO, NGƯỜI NHẬN', share: 19 },
      { title: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ đúng hạn/ quá hạn)', share: 15 },
      { title: 'GHI CHÚ', share: 17 },
    ],
    rows,
    { size: 11, headerSize: 10, minRowHeight: 40 },
  );
  w.para([it('Ghi chú: Người giao, người nhận ký và ghi rõ họ tên khi giao, nhận hồ sơ giấy; hồ sơ điện tử được ghi nhận tự động trên Hệ thống thông tin giải quyết thủ tục hành chính.')], { size: 11 });
}

// ——— the catalogue ———

export const FORMS: Record<SlipForm, FormSpec> = {
  receipt: {
    number: '01',
    name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    unavailable: (d) => (d.code ? null : 'Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả.'),
    render: receipt,
    pageNumbers: false,
  },
  supplement: {
    number: '02',
    name: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    unavailable: (_d, ev) => (lastOf(ev, 'request_supplement') ? null : 'Hồ sơ không có yêu cầu bổ sung, hoàn thiện nên không có Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.'),
    render: supplement,
  },
  refusal: {
    number: '03',
    name: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    unavailable: (d, ev) =>
      d.status === STATUS.REFUSED && lastOf(ev, 'refuse') ? null : 'Hồ sơ không bị từ chối tiếp nhận nên không có Phiếu từ chối tiếp nhận giải quyết hồ sơ.',
    render: refusal,
  },
  apology: {
    number: '04',
    name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    unavailable: (_d, ev) => (lastOf(ev, 'reschedule') ? null : 'Hồ sơ chưa được xin lỗi và hẹn lại ngày trả kết quả nên không có phiếu này.'),
    render: apology,
  },
  stop: {
    number: '05',
    name: 'Thông báo dừng giải quyết hồ sơ',
    unavailable: (d, ev) => (d.status === STATUS.STOPPED && lastOf(ev, 'stop') ? null : 'Hồ sơ không bị dừng giải quyết nên không có Thông báo dừng giải quyết hồ sơ.'),
    render: stop,
  },
  control: {
    number: '06',
    name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    unavailable: (d) => (d.code ? null : 'Hồ sơ chưa được tiếp nhận nên chưa có Phiếu kiểm soát quá trình giải quyết hồ sơ.'),
    render: control,
  },
};
