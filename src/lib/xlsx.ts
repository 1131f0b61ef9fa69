/**
 * A small reader and writer for XLSX workbooks (Office Open XML spreadsheets),
 * over node:zlib only: the zip central directory, the workbook's first sheet,
 * shared strings, inline strings, numbers, booleans, and dates (serial numbers
 * in a cell whose number format is a date format become YYYY-MM-DD).
 *
 * It reads what Excel, LibreOffice, Google Sheets and common libraries write;
 * formulas are read as their cached values. The writer produces a plain sheet
 * (inline strings, a bold header row, wrapped text) with fixed timestamps, so
 * the same rows always give the same bytes.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** A file that is not a readable workbook; the message is Vietnamese, for a person. */
export class XlsxError extends Error {}

/** Limits against hostile files: total unpacked size and number of cells. */
const MAX_UNPACKED = 200 * 1024 * 1024;
const MAX_CELLS = 5_000_000;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  // The end-of-central-directory record is in the last 65,557 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('Tệp không phải là tệp Excel (.xlsx) hợp lệ.');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (at === 0xffffffff || count === 0xffff) throw new XlsxError('Tệp Excel quá lớn (ZIP64); hãy chia nhỏ tệp.');
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new XlsxError('Tệp Excel bị hỏng (mục lục ZIP sai).');
    const nameLen = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen).replace(/\\/g, '/').replace(/^\//, '');
    entries.set(name, {
      name,
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

function unzip(buf: Buffer, e: ZipEntry, budget: { left: number }): Buffer {
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw new XlsxError('Tệp Excel bị hỏng (phần dữ liệu ZIP sai).');
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.size > budget.left) throw new XlsxError('Tệp Excel quá lớn sau khi giải nén.');
  let out: Buffer;
  if (e.method === 0) out = Buffer.from(data);
  else if (e.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget.left) });
    } catch {
      throw new XlsxError('Tệp Excel bị hỏng hoặc quá lớn sau khi giải nén.');
    }
  } else throw new XlsxError(`Tệp Excel dùng kiểu nén không hỗ trợ (${e.method}).`);
  budget.left -= out.length;
  return out;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text → string: entities, character references, and Excel's _xHHHH_ escapes. */
function xmlText(s: string): string {
  return s
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e] ?? m;
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[1] ?? m[2]) : undefined;
}

/** Drops a namespace prefix from element names: <x:row> → <row>. */
const unprefix = (xml: string) => xml.replace(/<(\/?)[A-Za-z_][\w.-]*:/g, '<$1');

/** The text of a rich or plain string item (<si>, <is>), leaving out phonetic runs. */
function stringItem(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += xmlText(m[1] ?? '');
  return out;
}

/** "BC12" → zero-based column 54. */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

// Built-in number formats that show dates (ECMA-376 Part 1, 18.8.30).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The style indexes (cellXfs) whose number format is a date. */
function dateStyles(stylesXml: string | null): Set<number> {
  const out = new Set<number>();
  if (!stylesXml) return out;
  const xml = unprefix(stylesXml);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) custom.set(Number(attr(m[1], 'numFmtId')), attr(m[1], 'formatCode') ?? '');
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  let i = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>[\s\S]*?<\/xf>)/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    if (DATE_FORMAT_IDS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) out.add(i);
    i++;
  }
  return out;
}

/** An Excel serial day number → YYYY-MM-DD (with the time when there is one). */
export function excelSerialToDate(serial: number, date1904 = false): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const ms = Math.round((serial * 86400 * 1000) / 60000) * 60000;
  const d = new Date(epoch + ms);
  const iso = d.toISOString();
  return d.getUTCHours() || d.getUTCMinutes() ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

function numberText(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v.trim();
  // Excel stores binary doubles: 0.1+0.2 is written 0.30000000000000004; show what Excel shows.
  return String(Number.isInteger(n) ? n : Number(n.toPrecision(15)));
}

/**
 * The first sheet of an XLSX workbook as rows of cell texts. Row i of the
 * result is the sheet's row i+1 (empty rows are kept, so row numbers match
 * what a person sees in Excel); trailing empty cells are dropped.
 */
export function readXlsx(buf: Buffer): string[][] {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new XlsxError('Tệp không phải là tệp Excel (.xlsx) hợp lệ.');
  const entries = zipEntries(buf);
  const budget = { left: MAX_UNPACKED };
  const text = (name: string): string | null => {
    const e = entries.get(name);
    return e ? unzip(buf, e, budget).toString('utf8') : null;
  };
  const workbook = text('xl/workbook.xml');
  if (workbook === null) throw new XlsxError('Tệp không phải là sổ tính Excel (thiếu xl/workbook.xml).');
  const wb = unprefix(workbook);
  const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(wb);
  const firstSheet = /<sheet\b([^>]*)\/?>/.exec(wb)?.[1];
  if (firstSheet === undefined) throw new XlsxError('Sổ tính không có trang tính nào.');
  const relId = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(firstSheet)?.[1];

  // Where the sheet and the shared strings are: the workbook's relationships.
  const rels = unprefix(text('xl/_rels/workbook.xml.rels') ?? '');
  const target = (pred: (a: string) => boolean): string | null => {
    for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      if (!pred(m[1])) continue;
      const t = attr(m[1], 'Target') ?? '';
      return t.startsWith('/') ? t.slice(1) : `xl/${t.replace(/^\.\//, '')}`;
    }
    return null;
  };
  const sheetPath = (relId && target((a) => attr(a, 'Id') === relId)) || 'xl/worksheets/sheet1.xml';
  const sharedPath = target((a) => /\/sharedStrings$/.test(attr(a, 'Type') ?? '')) ?? 'xl/sharedStrings.xml';
  const stylesPath = target((a) => /\/styles$/.test(attr(a, 'Type') ?? '')) ?? 'xl/styles.xml';

  const sheetXml = text(sheetPath);
  if (sheetXml === null) throw new XlsxError('Tệp Excel bị hỏng (không tìm thấy trang tính đầu tiên).');
  const sharedXml = text(sharedPath);
  const shared: string[] = [];
  if (sharedXml) for (const m of unprefix(sharedXml).matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) shared.push(stringItem(m[1] ?? ''));
  const dates = dateStyles(text(stylesPath));

  const sheet = unprefix(sheetXml);
  const data = /<sheetData\b[^>]*?(?:\/>|>([\s\S]*?)<\/sheetData>)/.exec(sheet)?.[1] ?? '';
  const out: string[][] = [];
  let rowNo = 0;
  let cells = 0;
  for (const rm of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(rm[1], 'r'));
    rowNo = Number.isInteger(r) && r > rowNo ? r : rowNo + 1;
    const row: string[] = [];
    let col = -1;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      if (++cells > MAX_CELLS) throw new XlsxError('Trang tính có quá nhiều ô.');
      const a = cm[1];
      const ref = attr(a, 'r');
      col = ref ? columnIndex(ref) : col + 1;
      if (col < 0 || col > 16383) continue;
      const inner = cm[2] ?? '';
      const t = attr(a, 't') ?? 'n';
      const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value = '';
      if (t === 'inlineStr') value = stringItem(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
      else if (v === undefined) value = '';
      else if (t === 's') value = shared[Number(v)] ?? '';
      else if (t === 'str' || t === 'e') value = xmlText(v);
      else if (t === 'b') value = v.trim() === '1' ? 'TRUE' : 'FALSE';
      else if (t === 'd') value = xmlText(v).slice(0, 10);
      else {
        const s = Number(attr(a, 's') ?? 0);
        const n = Number(v);
        value = dates.has(s) && Number.isFinite(n) ? excelSerialToDate(n, date1904) : numberText(xmlText(v));
      }
      while (row.length < col) row.push('');
      row[col] = value;
    }
    while (row.length && row[row.length - 1] === '') row.pop();
    while (out.length < rowNo - 1) out.push([]);
    out[rowNo - 1] = row;
  }
  while (out.length && out[out.length - 1].length === 0) out.pop();
  return out;
}

// Writing.

const esc = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// 2026-01-01 00:00 in MS-DOS format, so the output does not depend on the clock.
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;

function zip(files: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const raw = Buffer.from(content, 'utf8');
    const packed = deflateRawSync(raw, { level: 9 });
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(raw.length, 24);
    cd.writeUInt16LE(nameBuf.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    central.push(cd, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

export interface SheetSpec {
  name: string;
  rows: (string | number | null | undefined)[][];
  /** Column widths in characters. */
  widths?: number[];
}

/** One sheet as an XLSX file: the first row bold and frozen, every cell wrapped and top-aligned. */
export function writeXlsx(sheet: SheetSpec): Buffer {
  const rows = sheet.rows
    .map((cells, r) => {
      const style = r === 0 ? 1 : 2;
      const cs = cells
        .map((v, c) => {
          if (v === null || v === undefined || v === '') return '';
          const ref = `${columnName(c)}${r + 1}`;
          if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}" s="${style}"><v>${v}</v></c>`;
          return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${esc(String(v))}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cs}</row>`;
    })
    .join('');
  const cols = sheet.widths?.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zip([
    [
      '[Content_Types].xml',
      `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${xmlHead}<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="${esc(sheet.name.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${xmlHead}<styleSheet xmlns="${ns}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs></styleSheet>`,
    ],
    [
      'xl/worksheets/sheet1.xml',
      `${xmlHead}<worksheet xmlns="${ns}" xmlns:r="${rel}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>${cols}<sheetData>${rows}</sheetData></worksheet>`,
    ],
  ]);
}
