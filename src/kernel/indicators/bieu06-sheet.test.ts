import { describe, expect, it } from 'vitest';
import { agencyLines, fieldLines, periodLine, presetName, roman, type SheetAgency, type SheetRow } from './bieu06-sheet.ts';
import { emptyCounts, type Bieu06Counts } from './bieu06.ts';

const counts = (received: number, late = 0): Bieu06Counts => {
  const c = emptyCounts();
  c.received.total = received;
  c.received.direct = received;
  c.resolved.total = received;
  c.resolved.late = late;
  c.resolved.onTime = received - late;
  return c;
};
const row = (key: string, n: number, late = 0): SheetRow => ({ key, name: key.toUpperCase(), ...counts(n, late) });

describe('period wording', () => {
  it('names the presets of both conventions and falls back to the dates', () => {
    expect(roman(3)).toBe('III');
    expect(roman(49)).toBe('XLIX');
    expect(presetName('2026-01-01', '2026-12-31')).toBe('Năm 2026');
    expect(presetName('2025-12-15', '2026-12-14')).toBe('Năm 2026');
    expect(presetName('2026-01-01', '2026-06-30')).toBe('6 tháng đầu năm 2026');
    expect(presetName('2026-06-15', '2026-12-14')).toBe('6 tháng cuối năm 2026');
    expect(presetName('2026-07-01', '2026-09-30')).toBe('Quý III năm 2026');
    expect(presetName('2025-12-15', '2026-03-14')).toBe('Quý I năm 2026');
    expect(presetName('2026-02-01', '2026-02-28')).toBe('Tháng 2 năm 2026');
    expect(presetName('2026-01-15', '2026-02-14')).toBe('Tháng 2 năm 2026');
    expect(presetName('2026-02-01', '2026-02-27')).toBeNull();
    expect(periodLine('2026-07-01', '2026-09-30')).toBe('Kỳ báo cáo: Quý III năm 2026 (Từ ngày 01/07/2026 đến ngày 30/09/2026)');
    expect(periodLine('2026-07-03', '2026-07-03')).toBe('Kỳ báo cáo: Từ ngày 03/07/2026 đến ngày 03/07/2026');
  });
});

describe('lines of the table', () => {
  it('numbers field rows 1, 2, 3', () => {
    const lines = fieldLines([row('dat', 5), row('ho-tich', 2)]);
    expect(lines.map((l) => [l.stt, l.name, l.kind, l.drill])).toEqual([
      ['1', 'DAT', 'row', { key: 'dat' }],
      ['2', 'HO-TICH', 'row', { key: 'ho-tich' }],
    ]);
  });

  const tree: SheetAgency[] = [
    { id: 'tinh', name: 'UBND tỉnh', code: '000.00.00', parentId: null },
    { id: 'so-xd', name: 'Sở Xây dựng', code: '000.00.21', parentId: 'tinh' },
    { id: 'so-xd-p', name: 'Phòng Quản lý xây dựng', code: '000.21.21', parentId: 'so-xd' },
    { id: 'so-nn', name: 'Sở Nông nghiệp', code: '000.00.22', parentId: 'tinh' },
    { id: 'vpdk', name: 'Văn phòng Đăng ký đất đai', code: '000.22.22', parentId: 'so-nn' },
    { id: 'so-tp', name: 'Sở Tư pháp', code: '000.00.20', parentId: 'tinh' },
  ];

  it('hangs agency rows under their parents with subtotals, leaving out a single top without dossiers', () => {
    const lines = agencyLines([row('vpdk', 7, 2), row('so-xd', 3), row('so-xd-p', 4, 1), row('so-tp', 1)], tree);
    expect(lines.map((l) => [l.stt, l.kind, l.depth, l.name, l.counts.received.total, l.counts.resolved.late])).toEqual([
      ['I', 'row', 0, 'Sở Tư pháp', 1, 0],
      ['II', 'group', 0, 'Sở Xây dựng', 7, 1],
      ['1', 'row', 1, 'Tại Sở Xây dựng', 3, 0],
      ['2', 'row', 1, 'Phòng Quản lý xây dựng', 4, 1],
      ['III', 'group', 0, 'Sở Nông nghiệp', 7, 2],
      ['1', 'row', 1, 'Văn phòng Đăng ký đất đai', 7, 2],
    ]);
    expect(lines[1].drill).toEqual({ agency: 'so-xd' });
    expect(lines[2].drill).toEqual({ key: 'so-xd' });
  });

  it('keeps a top agency with dossiers of its own, and numbers 1, 2, 3 when nothing is grouped', () => {
    const own = agencyLines([row('tinh', 2), row('so-tp', 1)], tree);
    expect(own.map((l) => [l.stt, l.kind, l.name, l.counts.received.total])).toEqual([
      ['I', 'group', 'UBND tỉnh', 3],
      ['1', 'row', 'Tại UBND tỉnh', 2],
      ['2', 'row', 'Sở Tư pháp', 1],
    ]);
    const flat = agencyLines([row('so-tp', 1), row('so-xd', 2)], tree);
    expect(flat.map((l) => [l.stt, l.name])).toEqual([['1', 'Sở Tư pháp'], ['2', 'Sở Xây dựng']]);
    // Deeper levels: 1.1, 1.2.
    const deep: SheetAgency[] = [...tree, { id: 'doi', name: 'Đội kiểm tra', code: '000.21.21.01', parentId: 'so-xd-p' }];
    const d = agencyLines([row('doi', 1), row('so-xd-p', 1), row('so-tp', 1)], deep);
    expect(d.map((l) => [l.stt, l.name])).toEqual([
      ['I', 'Sở Tư pháp'],
      ['II', 'Sở Xây dựng'],
      ['1', 'Phòng Quản lý xây dựng'],
      ['1.1', 'Tại Phòng Quản lý xây dựng'],
      ['1.2', 'Đội kiểm tra'],
    ]);
  });
});
