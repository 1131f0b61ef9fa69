/**
 * A streaming CSV reader (RFC 4180) for large files: records come out in
 * batches as the bytes arrive, each with the line of the file it starts on,
 * so a file of a million rows is read in constant memory.
 *
 * UTF-8 only (a leading byte-order mark is dropped; bytes that are not UTF-8
 * stop the reading with a CsvError). Fields are separated by a comma, a
 * semicolon or a tab (detected on the first line, outside quotes); records end
 * with LF, CRLF or a lone CR. Fields in double quotes may hold separators,
 * line breaks and doubled quotes.
 */

export type Delimiter = ',' | ';' | '\t';

export interface CsvRecord {
  /** The line of the file (1-based) on which the record starts. */
  line: number;
  fields: string[];
}

/** A file that cannot be read as CSV, with the line where reading stopped (0: the whole file). */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The separator of the first line: the one of comma, semicolon and tab that occurs most outside quotes. */
export function detectDelimiter(firstText: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of firstText) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c as Delimiter]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/** The longest record accepted (a stray quote would otherwise swallow the rest of the file). */
const MAX_RECORD_CHARS = 1 << 20;

/**
 * Parses the complete records of `s` from `pos`. Returns the records and the
 * position where an incomplete record starts (s.length when none), and the
 * line number there. With `final`, the text is the end of the file.
 */
function parseRecords(s: string, pos: number, line: number, delim: number, final: boolean, out: CsvRecord[]): { pos: number; line: number } {
  const n = s.length;
  for (;;) {
    if (pos >= n) return { pos, line };
    const start = pos;
    const startLine = line;
    const fields: string[] = [];
    let i = pos;
    let complete = false;
    // One record: fields until a line break or the end of the text.
    for (;;) {
      if (i >= n) {
        if (!final) break;
        fields.push('');
        complete = true;
        break;
      }
      if (s.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        let closed = false;
        for (;;) {
          const k = s.indexOf('"', j);
          if (k < 0) break;
          const part = s.slice(j, k);
          for (let x = part.indexOf('\n'); x >= 0; x = part.indexOf('\n', x + 1)) line++;
          value += part;
          if (k + 1 < n && s.charCodeAt(k + 1) === QUOTE) {
            value += '"';
            j = k + 2;
            continue;
          }
          if (k + 1 >= n && !final) break; // the next character decides: wait for it
          i = k + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (final) throw new CsvError(startLine, `Dòng ${startLine}: dấu ngoặc kép mở không được đóng.`);
          line = startLine;
          break;
        }
        fields.push(value);
        if (i >= n) {
          complete = true;
          break;
        }
        const c = s.charCodeAt(i);
        if (c === delim) {
          i++;
          continue;
        }
        if (c === LF) {
          i++;
          line++;
          complete = true;
          break;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) {
            line = startLine;
            break;
          }
          i += s.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          complete = true;
          break;
        }
        throw new CsvError(line, `Dòng ${line}: có ký tự sau dấu ngoặc kép đóng (ô có dấu ngoặc kép phải được bao trọn trong ngoặc kép).`);
      }
      // An unquoted field: up to the separator or the line break.
      let j = i;
      let c = 0;
      while (j < n) {
        c = s.charCodeAt(j);
        if (c === delim || c === LF || c === CR) break;
        j++;
      }
      if (j >= n) {
        if (!final) break;
        fields.push(s.slice(i, j));
        i = j;
        complete = true;
        break;
      }
      fields.push(s.slice(i, j));
      if (c === delim) {
        i = j + 1;
        continue;
      }
      if (c === CR && j + 1 >= n && !final) break;
      i = j + (c === CR && s.charCodeAt(j + 1) === LF ? 2 : 1);
      line++;
      complete = true;
      break;
    }
    if (!complete) {
      if (n - start > MAX_RECORD_CHARS) throw new CsvError(startLine, `Dòng ${startLine}: bản ghi dài quá 1 triệu ký tự (có thể do dấu ngoặc kép không được đóng).`);
      return { pos: start, line: startLine };
    }
    out.push({ line: startLine, fields });
    pos = i;
  }
}

export interface CsvReadOptions {
  /** Called with the number of bytes read so far. */
  onBytes?: (bytes: number) => void;
}

/**
 * Reads CSV records from a stream of bytes, in batches (one per chunk read).
 * Throws CsvError for bytes that are not UTF-8 or a broken quote.
 */
export async function* readCsv(source: AsyncIterable<Uint8Array>, opts: CsvReadOptions = {}): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let line = 1;
  let delim = -1;
  let bytes = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new CsvError(
        line,
        `Tệp không ở bảng mã UTF-8 (lỗi gần dòng ${line}). Trong Excel, chọn Lưu thành "CSV UTF-8 (Comma delimited)".`,
      );
    }
  };
  const take = (final: boolean): CsvRecord[] => {
    if (delim < 0) {
      // Wait for the first line break (or the end) to see the separator.
      if (!final && !/[\r\n]/.test(pending)) return [];
      delim = detectDelimiter(pending).charCodeAt(0);
    }
    const out: CsvRecord[] = [];
    const r = parseRecords(pending, 0, line, delim, final, out);
    pending = pending.slice(r.pos);
    line = r.line;
    return out;
  };
  for await (const chunk of source) {
    bytes += chunk.byteLength;
    pending += decode(chunk);
    const batch = take(false);
    opts.onBytes?.(bytes);
    if (batch.length) yield batch;
  }
  pending += decode();
  const last = take(true);
  if (last.length) yield last;
}
