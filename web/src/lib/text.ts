/** Chuẩn hóa chuỗi tiếng Việt để tìm kiếm không dấu, không phân biệt hoa thường. */
export function fold(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

/** true nếu mọi từ trong truy vấn đều xuất hiện trong một trong các chuỗi. */
export function matches(query: string, ...haystack: Array<string | null | undefined>): boolean {
  const q = fold(query);
  if (!q) return true;
  const h = haystack.map(fold).join(' ');
  return q.split(/\s+/).every((w) => h.includes(w));
}

/** "Tỉnh Thanh Hóa" → "tỉnh Thanh Hóa" khi đứng giữa câu. */
export function midSentence(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố|Thành Phố) /, (m) => m.toLowerCase());
}
