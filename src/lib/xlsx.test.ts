import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { excelSerialToDate, readXlsx, writeXlsx, XlsxError } from './xlsx.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('XLSX', () => {
  it('reads back what it writes: text with line breaks and markup characters, numbers, gaps', () => {
    const rows = [
      ['MaTTHC', 'TenTTHC', 'ThoiHan'],
      ['1.970001', 'Đăng ký "hoạt động" <tín ngưỡng> & lễ hội\nDòng hai', 15],
      [],
      ['', 'Ô trống ở cột A', 0.5],
    ];
    const back = readXlsx(writeXlsx({ name: 'Trang 1', rows }));
    expect(back).toEqual([
      ['MaTTHC', 'TenTTHC', 'ThoiHan'],
      ['1.970001', 'Đăng ký "hoạt động" <tín ngưỡng> & lễ hội\nDòng hai', '15'],
      [],
      ['', 'Ô trống ở cột A', '0.5'],
    ]);
    // The same rows give the same bytes.
    expect(writeXlsx({ name: 'Trang 1', rows }).equals(writeXlsx({ name: 'Trang 1', rows }))).toBe(true);
  });

  it('reads a workbook written by another library: shared strings, rich text, booleans, dates, title rows', () => {
    const rows = readXlsx(readFileSync(path.join(here, 'fixtures/written-by-exceljs.xlsx')));
    expect(rows[0]).toEqual(['Danh mục thủ tục hành chính tỉnh Thanh Hóa']);
    expect(rows[1]).toEqual([]);
    expect(rows[2].slice(0, 3)).toEqual(['MaTTHC', 'TenTTHC', 'MaLinhVuc']);
    const r = rows[3];
    expect(r[1]).toBe('Cấp giấy phép kinh doanh karaoke');
    expect(r[6]).toBe('5');
    expect(r[9]).toBe('TRUE');
    expect(r[10]).toBe('Bước 1: nộp\nBước 2: nhận');
    expect(r[14]).toBe('Giấy phép <karaoke>');
    expect(r[18]).toBe('2025-09-02'); // a date cell
    expect(r[19]).toBe('45931'); // a serial in a number cell stays a number
  });

  it('converts Excel serial days, in both date systems', () => {
    expect(excelSerialToDate(45931)).toBe('2025-10-01');
    expect(excelSerialToDate(45931.5)).toBe('2025-10-01 12:00');
    expect(excelSerialToDate(0, true)).toBe('1904-01-01');
  });

  it('refuses what is not a workbook with a reason', () => {
    expect(() => readXlsx(Buffer.from('MaTTHC,TenTTHC\n'))).toThrow(XlsxError);
    const good = writeXlsx({ name: 'A', rows: [['x']] });
    expect(() => readXlsx(good.subarray(0, good.length - 30))).toThrow(/không phải là tệp Excel|bị hỏng/);
    // A zip that is not a spreadsheet.
    const name = Buffer.from('a.txt');
    const data = deflateRawSync(Buffer.from('hello'));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(5, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(5, 24);
    cd.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length + data.length, 16);
    expect(() => readXlsx(Buffer.concat([local, name, data, cd, name, end]))).toThrow(/thiếu xl\/workbook.xml/);
  });
});
