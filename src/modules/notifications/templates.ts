/**
 * What citizens are told (thông báo cho công dân), as e-mail (subject, text
 * and HTML, Vietnamese with full diacritics) and as a short text message.
 * Pure functions: everything they need is passed in.
 */
import { lookupUrl, vnDate, vnParts } from '../slips/format.ts';

export const TEMPLATES = ['receipt', 'supplement', 'apology', 'result', 'refusal', 'stop', 'payment'] as const;
export type Template = (typeof TEMPLATES)[number];

/** Vietnamese names of the templates (the admin page shows them). */
export const TEMPLATE_NAMES: Record<Template, string> = {
  receipt: 'Tiếp nhận hồ sơ, hẹn trả kết quả',
  supplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  apology: 'Xin lỗi và hẹn lại ngày trả kết quả',
  result: 'Có kết quả, mời nhận kết quả',
  refusal: 'Từ chối tiếp nhận hồ sơ',
  stop: 'Dừng giải quyết hồ sơ',
  payment: 'Đề nghị nộp phí, lệ phí',
};

export interface Office {
  name: string;
  address: string | null;
  phone: string | null;
}

/** The dossier as a notice speaks of it. */
export interface NoticeContext {
  /** "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Thanh Hóa". */
  siteName: string;
  /** The one-stop unit that received the dossier and returns the result. */
  reception: Office;
  /** The competent agency (cơ quan giải quyết). */
  agencyName: string;
  applicantName: string;
  code: string | null;
  procedureName: string;
  channel: 'counter' | 'online' | 'postal';
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  /** Public site address (PUBLIC_URL); null: no link is given. */
  publicUrl: string | null;
}

export type Notice =
  | { template: 'receipt' }
  | { template: 'supplement'; items: { name: string; reason: string | null }[]; reason: string | null; stage: 'reception' | 'processing' }
  | { template: 'apology'; previousDueAt: Date | null; newDueAt: Date; reason: string }
  | { template: 'result'; number: string | null; signedOn: string | null }
  | { template: 'refusal'; reason: string }
  | { template: 'stop'; reason: string }
  | { template: 'payment'; amount: number; description: string };

export interface Email {
  subject: string;
  text: string;
  html: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yyyy HH:mm in Vietnam time. */
export function vnDateTimeShort(at: Date): string {
  const p = vnParts(at);
  return `${vnDate(at)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** 1500000 → "1.500.000". */
export function money(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Vietnamese without diacritics, case kept ("Hồ sơ Đạt" → "Ho so Dat"), for gateways that take only plain text. */
export function accentFree(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .normalize('NFC');
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/** How the dossier is named: by its code, or (not yet accepted) by its submission date. */
function dossierRef(c: NoticeContext): string {
  return c.code ? `hồ sơ ${c.code}` : `hồ sơ nộp trực tuyến ngày ${vnDate(c.submittedAt)}`;
}
const cap = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

function link(c: NoticeContext): string | null {
  return c.publicUrl && c.code ? lookupUrl(c.publicUrl, c.code) : null;
}

/** One block of an e-mail, rendered both as text and as HTML. */
type Block =
  | { p: string }
  | { rows: [string, string][] }
  | { list: { title: string; note?: string | null }[] }
  | { note: string }
  | { button: { label: string; href: string } };

interface Draft {
  subject: string;
  heading: string;
  blocks: Block[];
  signer: Office | string;
}

function draft(c: NoticeContext, n: Notice): Draft {
  const ref = dossierRef(c);
  const url = link(c);
  const rowsBase: [string, string][] = [
    ...(c.code ? ([['Mã hồ sơ', c.code]] as [string, string][]) : []),
    ['Thủ tục', c.procedureName],
  ];
  const lookup: Block[] = url
    ? [{ p: 'Ông/Bà có thể theo dõi tình trạng giải quyết hồ sơ tại địa chỉ dưới đây:' }, { button: { label: 'Tra cứu hồ sơ', href: url } }]
    : c.code
      ? [{ p: `Ông/Bà có thể tra cứu tình trạng giải quyết hồ sơ trên Cổng dịch vụ công bằng mã hồ sơ ${c.code}.` }]
      : [];
  const where = officeLine(c.reception);
  switch (n.template) {
    case 'receipt':
      return {
        subject: `${cap(ref)} đã được tiếp nhận`,
        heading: 'Tiếp nhận hồ sơ và hẹn trả kết quả',
        blocks: [
          { p: `${c.reception.name} đã tiếp nhận hồ sơ của Ông/Bà.` },
          {
            rows: [
              ...rowsBase,
              ...(c.receivedAt ? ([['Ngày tiếp nhận', vnDateTimeShort(c.receivedAt)]] as [string, string][]) : []),
              ...(c.dueAt ? ([['Ngày hẹn trả kết quả', vnDateTimeShort(c.dueAt)]] as [string, string][]) : []),
            ],
          },
          ...lookup,
          { note: 'Khi có yêu cầu bổ sung hồ sơ hoặc khi có kết quả, chúng tôi sẽ thông báo cho Ông/Bà qua thư điện tử và tin nhắn.' },
        ],
        signer: c.reception,
      };
    case 'supplement':
      return {
        subject: `${cap(ref)}: đề nghị bổ sung, hoàn thiện hồ sơ`,
        heading: 'Đề nghị bổ sung, hoàn thiện hồ sơ',
        blocks: [
          { rows: rowsBase },
          { p: `Qua xem xét, ${ref} của Ông/Bà cần được bổ sung, hoàn thiện các giấy tờ sau:` },
          { list: n.items.map((it) => ({ title: it.name, note: it.reason ? `Lý do: ${it.reason}` : null })) },
          ...(n.reason ? [{ p: `Ghi chú: ${n.reason}` }] : []),
          {
            p:
              n.stage === 'processing'
                ? 'Thời gian giải quyết hồ sơ tạm dừng từ thời điểm này đến khi Ông/Bà nộp đủ giấy tờ bổ sung; ngày hẹn trả kết quả sẽ được tính lại tương ứng.'
                : 'Hồ sơ sẽ được xem xét tiếp nhận sau khi Ông/Bà bổ sung đầy đủ các giấy tờ nêu trên.',
          },
          {
            p:
              c.channel === 'online'
                ? `Ông/Bà vui lòng nộp bổ sung trực tuyến trên Cổng dịch vụ công hoặc trực tiếp tại ${where}.`
                : `Ông/Bà vui lòng nộp bổ sung trực tiếp tại ${where}.`,
          },
          ...lookup,
        ],
        signer: c.reception,
      };
    case 'apology':
      return {
        subject: `Thư xin lỗi và hẹn lại ngày trả kết quả ${ref}`,
        heading: 'Thư xin lỗi và hẹn lại ngày trả kết quả',
        blocks: [
          { p: `${c.agencyName} chân thành xin lỗi Ông/Bà vì ${ref} chưa được giải quyết đúng thời hạn đã hẹn.` },
          {
            rows: [
              ...rowsBase,
              ['Lý do', n.reason],
              ...(n.previousDueAt ? ([['Ngày hẹn trả trước đây', vnDateTimeShort(n.previousDueAt)]] as [string, string][]) : []),
              ['Ngày hẹn trả kết quả mới', vnDateTimeShort(n.newDueAt)],
            ],
          },
          { p: 'Rất mong Ông/Bà thông cảm. Chúng tôi cam kết trả kết quả cho Ông/Bà đúng ngày hẹn mới.' },
          ...lookup,
        ],
        signer: c.agencyName,
      };
    case 'result': {
      const how: Block =
        c.channel === 'postal'
          ? { p: 'Kết quả sẽ được chuyển đến Ông/Bà qua dịch vụ bưu chính công ích theo địa chỉ đã đăng ký.' }
          : {
              p: `Mời Ông/Bà đến nhận kết quả tại ${where}, trong giờ hành chính các ngày làm việc. Khi đến, Ông/Bà vui lòng mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả và giấy tờ tùy thân (thẻ căn cước); trường hợp nhận thay cần có văn bản ủy quyền.`,
            };
      return {
        subject: `${cap(ref)} đã có kết quả`,
        heading: 'Hồ sơ đã có kết quả giải quyết',
        blocks: [
          { p: `${cap(ref)} của Ông/Bà đã được giải quyết xong.` },
          {
            rows: [
              ...rowsBase,
              ...(n.number ? ([['Số văn bản kết quả', n.number]] as [string, string][]) : []),
              ...(n.signedOn && /^\d{4}-\d{2}-\d{2}$/.test(n.signedOn) ? ([['Ngày ký', n.signedOn.split('-').reverse().join('/')]] as [string, string][]) : []),
            ],
          },
          how,
          ...lookup,
        ],
        signer: c.reception,
      };
    }
    case 'refusal':
      return {
        subject: `${cap(ref)} không được tiếp nhận`,
        heading: 'Thông báo từ chối tiếp nhận hồ sơ',
        blocks: [
          { p: `${c.reception.name} rất tiếc phải thông báo: ${ref} của Ông/Bà không được tiếp nhận.` },
          { rows: [...rowsBase, ['Lý do', n.reason]] },
          { p: `Ông/Bà có thể hoàn thiện và nộp lại hồ sơ. Nếu cần hướng dẫn, vui lòng liên hệ ${where}.` },
        ],
        signer: c.reception,
      };
    case 'stop':
      return {
        subject: `${cap(ref)}: dừng giải quyết`,
        heading: 'Thông báo dừng giải quyết hồ sơ',
        blocks: [
          { p: `${c.agencyName} thông báo ${ref} của Ông/Bà đã được dừng giải quyết.` },
          { rows: [...rowsBase, ['Lý do', n.reason]] },
          { p: `Nếu cần hướng dẫn thêm, Ông/Bà vui lòng liên hệ ${where}.` },
          ...lookup,
        ],
        signer: c.agencyName,
      };
    case 'payment':
      return {
        subject: `${cap(ref)}: đề nghị nộp phí, lệ phí`,
        heading: 'Đề nghị thực hiện nghĩa vụ tài chính',
        blocks: [
          { p: `Để tiếp tục giải quyết ${ref}, Ông/Bà vui lòng nộp khoản phí, lệ phí sau:` },
          { rows: [...rowsBase, ['Nội dung', n.description], ['Số tiền', `${money(n.amount)} đồng`]] },
          { p: `Ông/Bà có thể nộp trực tuyến trên Cổng dịch vụ công hoặc trực tiếp tại ${where}. Thời gian giải quyết hồ sơ tạm dừng đến khi Ông/Bà hoàn thành nghĩa vụ tài chính.` },
          ...lookup,
        ],
        signer: c.reception,
      };
  }
}

function officeLine(o: Office): string {
  return [o.name, o.address].filter(Boolean).join(', ');
}

// ——— e-mail ———

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function textOf(c: NoticeContext, d: Draft): string {
  const out: string[] = [`Kính gửi Ông/Bà ${c.applicantName},`, ''];
  for (const b of d.blocks) {
    if ('p' in b) out.push(b.p, '');
    else if ('note' in b) out.push(b.note, '');
    else if ('rows' in b) out.push(...b.rows.map(([k, v]) => `${k}: ${v}`), '');
    else if ('list' in b) out.push(...b.list.map((it, i) => `${i + 1}. ${it.title}${it.note ? `\n   ${it.note}` : ''}`), '');
    else if ('button' in b) out.push(b.button.href, '');
  }
  out.push('Trân trọng,');
  if (typeof d.signer === 'string') out.push(d.signer);
  else {
    out.push(d.signer.name);
    if (d.signer.address) out.push(`Địa chỉ: ${d.signer.address}`);
    if (d.signer.phone) out.push(`Điện thoại: ${d.signer.phone}`);
  }
  out.push('', '—', footer(c));
  return out.join('\n');
}

const footer = (c: NoticeContext) => `Thư này được gửi tự động từ ${c.siteName}. Vui lòng không trả lời thư này.`;

function htmlOf(c: NoticeContext, d: Draft): string {
  const P = 'margin:0 0 14px;font-size:15px;line-height:1.6;color:#1d2433';
  const parts: string[] = [];
  for (const b of d.blocks) {
    if ('p' in b) parts.push(`<p style="${P}">${esc(b.p)}</p>`);
    else if ('note' in b) parts.push(`<p style="${P};color:#5b6475;font-size:14px">${esc(b.note)}</p>`);
    else if ('rows' in b) {
      parts.push(
        `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;margin:0 0 16px;background:#f7f9fc;border:1px solid #e3e8f0;border-radius:8px">${b.rows
          .map(
            ([k, v]) =>
              `<tr><td style="padding:9px 14px;font-size:14px;color:#5b6475;width:42%;vertical-align:top;border-bottom:1px solid #e3e8f0">${esc(k)}</td><td style="padding:9px 14px;font-size:14px;color:#1d2433;font-weight:600;vertical-align:top;border-bottom:1px solid #e3e8f0">${esc(v)}</td></tr>`,
          )
          .join('')}</table>`,
      );
    } else if ('list' in b) {
      parts.push(
        `<ol style="margin:0 0 16px;padding-left:22px;font-size:15px;line-height:1.6;color:#1d2433">${b.list
          .map((it) => `<li style="margin:0 0 8px"><strong>${esc(it.title)}</strong>${it.note ? `<br><span style="color:#5b6475;font-size:14px">${esc(it.note)}</span>` : ''}</li>`)
          .join('')}</ol>`,
      );
    } else if ('button' in b) {
      parts.push(
        `<p style="margin:0 0 18px"><a href="${esc(b.button.href)}" style="display:inline-block;background:#0b4f9c;color:#ffffff;text-decoration:none;font-weight:600;font-size:15px;padding:11px 22px;border-radius:8px">${esc(b.button.label)}</a><br><span style="font-size:12px;color:#5b6475;word-break:break-all">${esc(b.button.href)}</span></p>`,
      );
    }
  }
  const signer =
    typeof d.signer === 'string'
      ? `<strong>${esc(d.signer)}</strong>`
      : [`<strong>${esc(d.signer.name)}</strong>`, d.signer.address ? `Địa chỉ: ${esc(d.signer.address)}` : '', d.signer.phone ? `Điện thoại: ${esc(d.signer.phone)}` : '']
          .filter(Boolean)
          .join('<br>');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(d.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f5f9;font-family:'Segoe UI',Roboto,Arial,'Noto Sans',sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f5f9;padding:24px 12px"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:12px;overflow:hidden;border:1px solid #e3e8f0">
<tr><td style="background:#b3151c;padding:16px 24px;color:#ffffff;font-size:13px;letter-spacing:.3px;text-transform:uppercase;font-weight:600">${esc(c.siteName)}</td></tr>
<tr><td style="height:4px;background:#f3c245;line-height:4px;font-size:0">&nbsp;</td></tr>
<tr><td style="padding:24px 24px 8px">
<h1 style="margin:0 0 18px;font-size:20px;line-height:1.35;color:#0b4f9c">${esc(d.heading)}</h1>
<p style="${P}">Kính gửi Ông/Bà <strong>${esc(c.applicantName)}</strong>,</p>
${parts.join('\n')}
<p style="${P}">Trân trọng,<br>${signer}</p>
</td></tr>
<tr><td style="padding:14px 24px 20px;border-top:1px solid #e3e8f0;font-size:12px;line-height:1.5;color:#5b6475">${esc(footer(c))}</td></tr>
</table></td></tr></table>
</body></html>`;
}

export function renderEmail(c: NoticeContext, n: Notice): Email {
  const d = draft(c, n);
  return { subject: d.subject, text: textOf(c, d), html: htmlOf(c, d) };
}

// ——— text message ———

/** The text message (with diacritics): short, the essentials only, at most about two messages long. */
export function renderSms(c: NoticeContext, n: Notice): string {
  const Ref = c.code ? `Hồ sơ ${c.code}` : `Hồ sơ nộp ngày ${vnDate(c.submittedAt)}`;
  const url = link(c);
  const tail = url ? ` Tra cứu: ${url}` : '';
  const office = c.reception.name;
  switch (n.template) {
    case 'receipt':
      return `${Ref} đã được tiếp nhận.${c.dueAt ? ` Hẹn trả kết quả: ${vnDateTimeShort(c.dueAt)}.` : ''}${tail}`;
    case 'supplement': {
      const items = n.items.map((i) => i.name).join('; ');
      return `${Ref} cần bổ sung: ${clip(items, 120)}. Vui lòng nộp bổ sung ${c.channel === 'online' ? 'trực tuyến hoặc ' : ''}tại ${clip(office, 70)}.`;
    }
    case 'apology':
      return `Xin lỗi Ông/Bà: ${Ref} chậm so với hẹn. Hẹn trả mới: ${vnDateTimeShort(n.newDueAt)}. Lý do: ${clip(n.reason, 80)}`;
    case 'result':
      return c.channel === 'postal'
        ? `${Ref} đã có kết quả, sẽ được chuyển đến Ông/Bà qua bưu chính.`
        : `${Ref} đã có kết quả. Mời Ông/Bà nhận tại ${clip(office, 80)}, mang theo giấy hẹn và thẻ căn cước.`;
    case 'refusal':
      return `${Ref} không được tiếp nhận. Lý do: ${clip(n.reason, 120)}`;
    case 'stop':
      return `${Ref} đã dừng giải quyết. Lý do: ${clip(n.reason, 120)}`;
    case 'payment':
      return `${Ref}: đề nghị nộp ${money(n.amount)} đồng (${clip(n.description, 60)}) để tiếp tục giải quyết.${tail}`;
  }
}
