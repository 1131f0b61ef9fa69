/**
 * Test support: opens a PDF with an independent reader (pdf-lib) and pulls
 * out what it says, page by page, by decoding the content streams through
 * each font's ToUnicode map. Enough for the text our own PDFs draw
 * (embedded TrueType subsets shown with Tj/TJ), not a general extractor.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';

export interface PdfInfo {
  pageCount: number;
  /** Width and height of each page, in points. */
  sizes: { width: number; height: number }[];
  /** The text of each page. */
  pages: string[];
  title: string | undefined;
}

const utf16 = (hex: string): string => {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
};

/** Code (hex) → text, from a ToUnicode CMap. */
function parseCMap(src: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of src.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1].toLowerCase(), utf16(m[2]));
  }
  for (const block of src.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const width = m[1].length;
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      const key = (n: number) => n.toString(16).padStart(width, '0');
      if (m[3].startsWith('[')) {
        const items = [...m[3].matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1]));
        items.forEach((t, i) => map.set(key(lo + i), t));
      } else {
        const base = m[3].slice(1, -1);
        const head = base.slice(0, -4);
        const last = parseInt(base.slice(-4), 16);
        for (let n = lo; n <= hi; n++) map.set(key(n), utf16(head + (last + n - lo).toString(16).padStart(4, '0')));
      }
    }
  }
  return map;
}

const bytesOf = (doc: PDFDocument, obj: PDFObject | undefined): Uint8Array[] => {
  const o = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (o instanceof PDFRawStream) return [decodePDFRawStream(o).decode()];
  if (o instanceof PDFArray) return o.asArray().flatMap((x) => bytesOf(doc, x));
  return [];
};

const latin1 = (parts: Uint8Array[]) => parts.map((p) => Buffer.from(p).toString('latin1')).join('\n');

interface FontInfo {
  /** Code (hex) → text. */
  map: Map<string, string>;
  /** Hex digits per code. */
  width: number;
  /** Advance of a code in thousandths of the font size (CIDFont /W). */
  advance: Map<number, number>;
  defaultAdvance: number;
}

/**
 * Text shown by one content stream, in drawing order: a block that starts
 * where the previous one ended on the same baseline continues its word, a
 * gap on the same baseline is a space, another baseline is a new line.
 */
function showText(content: string, fonts: Map<string, FontInfo>): string {
  let out = '';
  let font: FontInfo | undefined;
  let size = 0;
  let x = 0;
  let y: number | null = null;
  let endX: number | null = null;
  let endY: number | null = null;
  const show = (hex: string) => {
    if (!font) return;
    const h = hex.replace(/\s+/g, '').toLowerCase();
    for (let i = 0; i + font.width <= h.length; i += font.width) {
      const code = h.slice(i, i + font.width);
      out += font.map.get(code) ?? '\uFFFD';
      x += ((font.advance.get(parseInt(code, 16)) ?? font.defaultAdvance) * size) / 1000;
    }
  };
  const re = /\/([^\s/[\]<>()]+)\s+([-\d.]+)\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj|\bET\b|[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+([-\d.]+)\s+Tm/g;
  for (const m of content.matchAll(re)) {
    if (m[5] !== undefined) {
      x = Number(m[5]);
      y = Number(m[6]);
      if (endY !== null && Math.abs(y - endY) > 0.5) out += '\n';
      else if (endX !== null && Math.abs(x - endX) > 0.5) out += ' ';
    } else if (m[0] === 'ET') {
      endX = x;
      endY = y;
    } else if (m[1] !== undefined) {
      font = fonts.get(m[1]);
      size = Number(m[2]);
    } else if (m[4] !== undefined) show(m[4]);
    else if (m[3] !== undefined) {
      for (const part of m[3].matchAll(/<([0-9a-fA-F\s]*)>|(-?\d+(?:\.\d+)?)/g)) {
        if (part[1] !== undefined) show(part[1]);
        else {
          const shift = Number(part[2]);
          if (shift < -150) out += ' ';
          x -= (shift * size) / 1000;
        }
      }
    }
  }
  return out;
}

/** Glyph advances of a Type0 font, from its descendant CIDFont's /W array. */
function advances(doc: PDFDocument, font: PDFDict): { advance: Map<number, number>; defaultAdvance: number } {
  const advance = new Map<number, number>();
  const descendants = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray);
  const cid = descendants ? doc.context.lookup(descendants.get(0)) : undefined;
  if (!(cid instanceof PDFDict)) return { advance, defaultAdvance: 1000 };
  const dw = cid.lookupMaybe(PDFName.of('DW'), PDFNumber)?.asNumber() ?? 1000;
  const w = cid.lookupMaybe(PDFName.of('W'), PDFArray);
  const items = w ? w.asArray().map((o) => doc.context.lookup(o) ?? o) : [];
  for (let i = 0; i < items.length; ) {
    const first = (items[i] as PDFNumber).asNumber();
    const next = items[i + 1];
    if (next instanceof PDFArray) {
      next.asArray().forEach((v, k) => advance.set(first + k, (doc.context.lookup(v) as PDFNumber).asNumber()));
      i += 2;
    } else {
      const last = (next as PDFNumber).asNumber();
      const value = (items[i + 2] as PDFNumber).asNumber();
      for (let c = first; c <= last; c++) advance.set(c, value);
      i += 3;
    }
  }
  return { advance, defaultAdvance: dw };
}

export async function readPdf(bytes: Uint8Array): Promise<PdfInfo> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();
  const texts: string[] = [];
  for (const page of pages) {
    const fonts = new Map<string, FontInfo>();
    const res = page.node.Resources();
    const fontDict = res?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const f = doc.context.lookup(ref);
      if (!(f instanceof PDFDict)) continue;
      const cmap = latin1(bytesOf(doc, f.get(PDFName.of('ToUnicode'))));
      const range = /<([0-9a-fA-F]+)>\s*<[0-9a-fA-F]+>\s*endcodespacerange/.exec(cmap);
      fonts.set(name.asString().slice(1), { map: parseCMap(cmap), width: range ? range[1].length : 4, ...advances(doc, f) });
    }
    texts.push(showText(latin1(bytesOf(doc, page.node.get(PDFName.of('Contents')))), fonts));
  }
  return {
    pageCount: pages.length,
    sizes: pages.map((p) => p.getSize()),
    pages: texts,
    title: doc.getTitle(),
  };
}
