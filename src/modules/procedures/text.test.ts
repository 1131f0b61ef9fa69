import { describe, expect, it } from 'vitest';
import { foldVietnamese, parseCsv } from './text.ts';

describe('foldVietnamese', () => {
  it('strips diacritics, đ and case', () => {
    expect(foldVietnamese('Cấp giấy phép xây dựng')).toBe('cap giay phep xay dung');
    expect(foldVietnamese('  ĐĂNG KÝ   Đất đai ')).toBe('dang ky dat dai');
    expect(foldVietnamese('Hòa giải, Thủy, Quỳ, Ngọc Lặc')).toBe('hoa giai, thuy, quy, ngoc lac');
  });

  it('gives the same result for precomposed and decomposed input', () => {
    const nfc = 'Chứng thực bản sao';
    expect(foldVietnamese(nfc.normalize('NFD'))).toBe(foldVietnamese(nfc));
  });
});

describe('parseCsv', () => {
  it('reads plain records with LF or CRLF', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps commas, line breaks and escaped quotes inside quoted fields', () => {
    const text = 'ten,ghi chu\r\n"Cấp phép, gia hạn","Dòng 1\r\nDòng 2 ""trích dẫn"""\r\n';
    expect(parseCsv(text)).toEqual([['ten', 'ghi chu'], ['Cấp phép, gia hạn', 'Dòng 1\r\nDòng 2 "trích dẫn"']]);
  });

  it('keeps empty fields, quoted or not, and drops a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,,""\n,,\n')).toEqual([['a', '', ''], ['', '', '']]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('refuses an unclosed quote and text after a closing quote', () => {
    expect(() => parseCsv('a,"b\n1,2')).toThrow(/dòng 1/);
    expect(() => parseCsv('"a"b,c')).toThrow(/Dòng 1/);
  });
});
