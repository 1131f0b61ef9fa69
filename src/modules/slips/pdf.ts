/**
 * Page layout for the official slips: an A4 portrait page set like an
 * administrative document (Decree 30/2020 margins, a Times-like serif with
 * full Vietnamese coverage), and the blocks every form is made of: the
 * two-column header with the national motto, titles, paragraphs with bold
 * values, ruled tables that break across pages, signature blocks and a QR
 * code drawn as vector squares. The six forms in forms.ts only arrange these.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);

/** Tinos (metric-compatible with Times New Roman, SIL OFL 1.1), shipped as TTF in an npm package. */
const FONT_FILES = {
  R: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  B: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  I: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  BI: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;
type FontKey = keyof typeof FONT_FILES;

let fontCache: Record<FontKey, Buffer> | null = null;
/**
 * The font files, read once. Each document parses its own copy: a parsed
 * font carries layout and subset state that must not be shared between
 * documents (shared, the glyphs of one slip leak into another's text map).
 */
function fonts(): Record<FontKey, Buffer> {
  if (!fontCache) {
    const out = {} as Record<FontKey, Buffer>;
    for (const k of Object.keys(FONT_FILES) as FontKey[]) out[k] = readFileSync(require.resolve(FONT_FILES[k]));
    fontCache = out;
  }
  return fontCache;
}

const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];
/** Body size and spacing. */
export const BODY = 13;
const LINE_GAP = 2;

/** A piece of text with its style. */
export type Run = string | { text: string; bold?: boolean; italic?: boolean };
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Column {
  title: string;
  /** Share of the text width (the shares are normalised). */
  share: number;
  align?: Align;
}
export type Cell = string | { text: string; bold?: boolean; italic?: boolean; align?: Align };

export interface SignatureBlock {
  title: string;
  note?: string;
  name?: string | null;
}

export interface HeaderInfo {
  /** The superior body, printed above the unit (null for a people's committee itself). */
  parent: string | null;
  unit: string;
  /** "Thanh Hóa, ngày 02 tháng 3 năm 2026". */
  placeDate: string;
  /** "Số: ..." line under the unit, for letters. */
  number?: string;
}

const fontOf = (bold?: boolean, italic?: boolean): FontKey => (bold ? (italic ? 'BI' : 'B') : italic ? 'I' : 'R');

export class SlipWriter {
  readonly doc: PDFKit.PDFDocument;

  constructor(meta: { title: string; subject: string; author: string }) {
    this.doc = new PDFDocument({
      size: A4,
      margins: { top: 20 * MM, bottom: 18 * MM, left: 30 * MM, right: 18 * MM },
      bufferPages: true,
      compress: true,
      lang: 'vi-VN',
      info: { Title: meta.title, Subject: meta.subject, Author: meta.author, Creator: 'motcua', Producer: 'motcua' },
    });
    for (const [k, buf] of Object.entries(fonts())) this.doc.registerFont(k, buf);
    this.doc.font('R').fontSize(BODY).lineGap(LINE_GAP);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get top(): number {
    return this.doc.page.margins.top;
  }

  /** Starts a new page when less than `height` points are left. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  space(points: number): void {
    this.doc.y += points;
  }

  private font(key: FontKey, size: number): this {
    this.doc.font(key).fontSize(size);
    return this;
  }

  /** Centered text in a column; returns the y below it. */
  private centered(text: string, x: number, y: number, width: number, key: FontKey, size: number): number {
    this.font(key, size);
    this.doc.text(text, x, y, { width, align: 'center', lineGap: 1 });
    return this.doc.y;
  }

  private rule(cx: number, y: number, length: number): void {
    this.doc.save().lineWidth(0.7).moveTo(cx - length / 2, y).lineTo(cx + length / 2, y).stroke().restore();
  }

  /**
   * The header of every form: the issuing body on the left (superior body,
   * then the unit in bold, a short rule), the national name and motto on the
   * right (the motto underlined to its own width), then the place and date.
   */
  header(h: HeaderInfo): void {
    const { doc } = this;
    const x = this.left;
    const y0 = this.top;
    const lw = this.width * 0.42;
    const rw = this.width - lw;
    const rx = x + lw;

    let ly = y0;
    if (h.parent) ly = this.centered(h.parent, x, ly, lw, 'R', 12.5);
    ly = this.centered(h.unit, x, ly, lw, 'B', 12.5);
    this.rule(x + lw / 2, ly + 2, Math.min(lw * 0.4, 70));
    ly += 8;

    let ry = this.centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rx, y0, rw, 'B', 12.5);
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    ry = this.centered(motto, rx, ry, rw, 'B', 13.5);
    this.font('B', 13.5);
    this.rule(rx + rw / 2, ry + 1, doc.widthOfString(motto));
    ry += 8;

    const lineY = Math.max(ly, ry);
    let after = lineY;
    if (h.number) after = Math.max(after, this.centered(h.number, x, lineY, lw, 'R', BODY));
    after = Math.max(after, this.centered(h.placeDate, rx, lineY, rw, 'I', BODY));
    doc.x = x;
    doc.y = after + 10;
    this.font('R', BODY);
  }

  /** The title of the form, bold capitals, with optional lines under it. */
  title(text: string, ...sub: Run[]): void {
    this.ensure(60);
    const { doc } = this;
    this.font('B', 14);
    doc.text(text, this.left, doc.y, { width: this.width, align: 'center', lineGap: 1 });
    for (const s of sub) {
      const r = typeof s === 'string' ? { text: s } : s;
      this.font(fontOf(r.bold, r.italic), BODY);
      doc.text(r.text, this.left, doc.y + 1, { width: this.width, align: 'center', lineGap: 1 });
    }
    doc.y += 10;
    this.font('R', BODY);
  }

  /**
   * Lays styled runs out in lines of at most `width` points (own line
   * breaking, so runs of different fonts wrap, center and justify together):
   * a space inside or between runs separates words, "\n" breaks the line.
   * Draws from `y` down, breaking pages when `paged`; returns the y below.
   */
  private flow(
    runs: Run[],
    o: { x: number; y: number; width: number; size: number; align: Align; indent?: number; lineGap?: number; paged?: boolean; dry?: boolean },
  ): number {
    const { doc } = this;
    type Word = { text: string; font: FontKey; w: number; space: boolean; br: boolean };
    const words: Word[] = [];
    let pendingSpace = false;
    let pendingBreak = false;
    for (const r of runs) {
      const run = typeof r === 'string' ? { text: r } : r;
      const font = fontOf(run.bold, run.italic);
      this.font(font, o.size);
      for (const piece of run.text.split(/(\n|[ \t]+)/)) {
        if (piece === '\n') {
          pendingBreak = true;
          pendingSpace = false;
        } else if (/^[ \t]+$/.test(piece)) pendingSpace = true;
        else if (piece) {
          words.push({ text: piece, font, w: doc.widthOfString(piece), space: pendingSpace && !pendingBreak, br: pendingBreak });
          pendingSpace = false;
          pendingBreak = false;
        }
      }
    }
    // The space before a word is drawn at the end of the word before it, in that word's font.
    const spaceWidths = new Map<FontKey, number>();
    const spaceOf = (f: FontKey) => {
      if (!spaceWidths.has(f)) spaceWidths.set(f, this.font(f, o.size).doc.widthOfString(' '));
      return spaceWidths.get(f)!;
    };
    const spaceW = spaceOf('R');
    this.font('R', o.size);
    const lineH = doc.currentLineHeight(true) + (o.lineGap ?? LINE_GAP);

    // Greedy line filling; a word wider than the line is cut by characters.
    const lines: { words: Word[]; forced: boolean }[] = [];
    let cur: Word[] = [];
    let curW = 0;
    const avail = (n: number) => o.width - (n === 0 ? o.indent ?? 0 : 0);
    const push = (forced: boolean) => {
      lines.push({ words: cur, forced });
      cur = [];
      curW = 0;
    };
    const gapBefore = (word: Word) => (cur.length && word.space ? spaceOf(cur[cur.length - 1].font) : 0);
    for (const word of words) {
      if (word.br && cur.length) push(true);
      const add = gapBefore(word) + word.w;
      if (cur.length && curW + add > avail(lines.length)) push(false);
      if (word.w > avail(lines.length)) {
        this.font(word.font, o.size);
        let rest = word.text;
        while (rest) {
          let n = rest.length;
          while (n > 1 && doc.widthOfString(rest.slice(0, n)) > avail(lines.length) - curW) n--;
          // Prefer to cut an address after a separator.
          const cut = Math.max(...['/', '?', '&', '='].map((c) => rest.slice(0, n).lastIndexOf(c)));
          if (n < rest.length && cut >= n / 2) n = cut + 1;
          const part = rest.slice(0, n);
          cur.push({ ...word, text: part, w: doc.widthOfString(part), space: cur.length > 0 && word.space });
          curW += doc.widthOfString(part);
          rest = rest.slice(n);
          if (rest) push(false);
        }
        continue;
      }
      curW += gapBefore(word) + word.w;
      cur.push({ ...word, space: cur.length > 0 && word.space });
    }
    if (cur.length) push(true);

    let y = o.y;
    if (o.dry) return y + lines.length * lineH;
    lines.forEach((line, li) => {
      if (o.paged && y + lineH > this.bottom) {
        this.newPage();
        y = doc.y;
      }
      const width = avail(li);
      const natural = line.words.reduce((s, w, i) => s + w.w + (i > 0 && w.space ? spaceOf(line.words[i - 1].font) : 0), 0);
      const spaces = line.words.filter((w, i) => i > 0 && w.space).length;
      // A line stretched past three spaces per gap (a long word pushed down) stays ragged.
      const stretch = spaces > 0 ? (width - natural) / spaces : 0;
      const extra = o.align === 'justify' && !line.forced && stretch <= 2 * spaceW ? stretch : 0;
      let x = o.x + (li === 0 ? o.indent ?? 0 : 0);
      if (o.align === 'center') x += (width - natural) / 2;
      if (o.align === 'right') x += width - natural;
      // Consecutive words of one font are drawn as one segment, with the space that follows it.
      let i = 0;
      while (i < line.words.length) {
        let j = i + 1;
        let text = line.words[i].text;
        while (j < line.words.length && line.words[j].font === line.words[i].font && line.words[j].space) {
          text += ` ${line.words[j].text}`;
          j++;
        }
        this.font(line.words[i].font, o.size);
        doc.text(text, x, y, { lineBreak: false, wordSpacing: extra });
        x += doc.widthOfString(text) + extra * (j - i - 1);
        if (j < line.words.length && line.words[j].space) {
          // A real space glyph, so that the text copies and searches as words.
          doc.text(' ', x, y, { lineBreak: false });
          x += doc.widthOfString(' ') + extra;
        }
        i = j;
      }
      y += lineH;
    });
    this.font('R', BODY);
    return y;
  }

  /** A paragraph of styled runs across the text width. */
  para(runs: Run[], opts: { indent?: number; align?: Align; size?: number; gap?: number; hanging?: number } = {}): void {
    const size = opts.size ?? BODY;
    if (runs.every((r) => (typeof r === 'string' ? r : r.text) === '')) return;
    this.ensure(size * 1.4);
    const hanging = opts.hanging ?? 0;
    const y = this.flow(runs, { x: this.left + hanging, y: this.doc.y, width: this.width - hanging, size, align: opts.align ?? 'justify', indent: opts.indent, paged: true });
    this.doc.x = this.left;
    this.doc.y = y + (opts.gap ?? 3);
  }

  /** "Label: value" with the value in bold; an empty value leaves dots to fill in by hand. */
  field(label: string, value: string | null | undefined, opts: { bold?: boolean } = {}): void {
    const v = value && value.trim() ? value.trim() : '…………………………………………';
    this.para([`${label}: `, { text: v, bold: opts.bold !== false && !!value }], { align: 'left' });
  }

  /**
   * A ruled table: bold centered header, cells wrapped to their column; a
   * row never splits, and the header repeats on each new page.
   */
  table(columns: Column[], rows: Cell[][], opts: { size?: number; headerSize?: number; minRowHeight?: number } = {}): void {
    const { doc } = this;
    const size = opts.size ?? 12;
    const pad = 4;
    const total = columns.reduce((s, c) => s + c.share, 0);
    const widths = columns.map((c) => (this.width * c.share) / total);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const norm = (c: Cell) => (typeof c === 'string' ? { text: c } : c);

    const sizeOf = (head: boolean) => (head ? opts.headerSize ?? size : size);
    const measure = (cells: { text: string; bold?: boolean; italic?: boolean }[], bold: boolean) =>
      Math.max(
        bold ? 0 : opts.minRowHeight ?? 0,
        ...cells.map((c, i) => {
          this.font(fontOf(bold || c.bold, c.italic), sizeOf(bold));
          return doc.heightOfString(c.text || ' ', { width: widths[i] - 2 * pad, lineGap: 1 }) + 2 * pad;
        }),
      );

    const draw = (cells: { text: string; bold?: boolean; italic?: boolean; align?: Align }[], bold: boolean, y: number, h: number) => {
      doc.save().lineWidth(0.6);
      cells.forEach((_, i) => doc.rect(xs[i], y, widths[i], h).stroke());
      doc.restore();
      cells.forEach((c, i) => {
        this.font(fontOf(bold || c.bold, c.italic), sizeOf(bold));
        const textH = doc.heightOfString(c.text || ' ', { width: widths[i] - 2 * pad, lineGap: 1 });
        const ty = bold ? y + (h - textH) / 2 : y + pad;
        doc.text(c.text, xs[i] + pad, ty, { width: widths[i] - 2 * pad, align: c.align ?? (bold ? 'center' : columns[i].align ?? 'left'), lineGap: 1 });
      });
    };

    const head = columns.map((c) => ({ text: c.title }));
    const headH = measure(head, true);
    this.ensure(headH + 24);
    let y = doc.y;
    draw(head, true, y, headH);
    y += headH;
    for (const row of rows) {
      const cells = row.map(norm);
      const h = measure(cells, false);
      if (y + h > this.bottom) {
        this.newPage();
        y = doc.y;
        draw(head, true, y, headH);
        y += headH;
      }
      draw(cells, false, y, h);
      y += h;
    }
    doc.x = this.left;
    doc.y = y + 8;
    this.font('R', BODY);
  }

  /**
   * Signature blocks side by side (title in bold capitals, the italic note,
   * room to sign, the name in bold). A block may instead be the "Nơi nhận"
   * list of a letter. Kept on one page.
   */
  signatures(blocks: (SignatureBlock | { recipients: string[] } | null)[]): void {
    const { doc } = this;
    const height = 110;
    this.ensure(height);
    const y0 = doc.y + 4;
    const w = this.width / blocks.length;
    let bottom = y0;
    blocks.forEach((b, i) => {
      const x = this.left + i * w;
      if (!b) return;
      if ('recipients' in b) {
        this.font('BI', 12);
        doc.text('Nơi nhận:', x, y0, { width: w - 10 });
        this.font('R', 11);
        for (const r of b.recipients) doc.text(r, x, doc.y, { width: w - 10, lineGap: 0.5 });
        bottom = Math.max(bottom, doc.y);
        return;
      }
      let y = this.centered(b.title, x, y0, w, 'B', BODY);
      if (b.note) y = this.centered(b.note, x, y, w, 'I', 12);
      y += 50;
      if (b.name) y = this.centered(b.name, x, y, w, 'B', BODY);
      bottom = Math.max(bottom, y);
    });
    doc.x = this.left;
    doc.y = bottom + 4;
    this.font('R', BODY);
  }

  /**
   * A framed box at the foot of the page with the QR code of an address and
   * a few lines beside it (moved to a new page when the page is full).
   */
  qrBox(url: string, lines: Run[][]): void {
    const { doc } = this;
    const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const side = 62;
    const quiet = 3;
    const cell = side / (n + 2 * quiet);
    const pad = 4;
    const tx = this.left + pad + side + 8;
    const tw = this.width - (tx - this.left) - 8;
    const text = (y: number, dry: boolean) =>
      lines.reduce((yy, line) => this.flow(line, { x: tx, y: yy, width: tw, size: 11, align: 'left', lineGap: 1.5, dry }) + 1, y);
    const textH = text(0, true);
    const boxH = Math.max(side, textH + 8) + 2 * pad;
    if (doc.y + 4 + boxH > this.bottom) this.newPage();
    const y = Math.max(doc.y + 4, this.bottom - boxH);
    doc.save().lineWidth(0.6).strokeColor('#555555').rect(this.left, y, this.width, boxH).stroke().restore();
    const qx = this.left + pad;
    const qy = y + (boxH - side) / 2;
    doc.save();
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        if (qr.modules.get(r, c)) doc.rect(qx + (c + quiet) * cell, qy + (r + quiet) * cell, cell + 0.05, cell + 0.05);
      }
    }
    doc.fillColor('black').fill();
    doc.restore();
    text(y + (boxH - textH) / 2, false);
    doc.x = this.left;
    doc.y = y + boxH + 6;
    this.font('R', BODY);
  }

  /** Page numbers ("Trang 1/2") when there is more than one page, then the file. */
  async finish(opts: { pageNumbers?: boolean } = {}): Promise<Buffer> {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    if (opts.pageNumbers !== false && range.count > 1) {
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        const margin = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        this.font('I', 10);
        doc.text(`Trang ${i + 1}/${range.count}`, this.left, doc.page.height - margin + 14, { width: this.width, align: 'center', lineBreak: false });
        doc.page.margins.bottom = margin;
      }
    }
    const chunks: Buffer[] = [];
    return new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.end();
    });
  }
}
