/** Text helpers of the catalogue: accent folding for search, and a small CSV reader. */

/** Lower case without diacritics: "Cấp giấy phép Đất" → "cap giay phep dat". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Parses CSV text per RFC 4180: fields separated by commas (or the given
 * delimiter, e.g. the semicolon of spreadsheets in Vietnamese locale), records by CRLF or
 * LF, fields in double quotes may hold commas, line breaks and doubled quotes.
 * A leading byte-order mark is dropped; a trailing line break adds no record.
 * Throws on a quote that is never closed or text after a closing quote.
 */
export function parseCsv(text: string, delimiter: ',' | ';' | '\t' = ','): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let line = 1;
  const endField = () => {
    record.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '"' && field === '' && !quoted) {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`Dấu ngoặc kép mở ở dòng ${startLine} không được đóng.`);
        const d = src[i];
        if (d === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === '\n') line++;
        field += d;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        throw new Error(`Dòng ${line}: có ký tự sau dấu ngoặc kép đóng.`);
      }
      quoted = true;
      continue;
    }
    if (c === delimiter) {
      endField();
      i++;
    } else if (c === '\r' && src[i + 1] === '\n') {
      endRecord();
      line++;
      i += 2;
    } else if (c === '\n') {
      endRecord();
      line++;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || quoted || record.length > 0) endRecord();
  return records;
}
