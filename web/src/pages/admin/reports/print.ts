import { useEffect } from 'react';

/**
 * Chuẩn bị trang để in báo cáo: khổ A4 ngang, ẩn khung quản trị (đầu trang,
 * menu, chân trang) và các điều khiển. Chỉ có hiệu lực khi trang báo cáo đang mở.
 */
export function useReportPrint(): void {
  useEffect(() => {
    document.body.classList.add('mc-print-report');
    const style = document.createElement('style');
    style.dataset.mcPrint = 'report';
    style.textContent = '@page { size: A4 landscape; margin: 12mm 10mm; }';
    document.head.appendChild(style);
    return () => {
      document.body.classList.remove('mc-print-report');
      style.remove();
    };
  }, []);
}

/** "ngày 20 tháng 11 năm 2026" của hôm nay (giờ Việt Nam), như dòng ngày tháng của văn bản. */
export function todayWords(): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: 'numeric', year: 'numeric' }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const month = Number(get('month'));
  return `ngày ${get('day')} tháng ${month <= 2 ? `0${month}` : month} năm ${get('year')}`;
}
