import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';

const MOBILE_QUERY = '(max-width: 991.98px)';

function subscribe(query: string) {
  return (cb: () => void) => {
    const mql = window.matchMedia(query);
    mql.addEventListener('change', cb);
    return () => mql.removeEventListener('change', cb);
  };
}

/** Khớp một media query (đồng bộ ngay từ lần vẽ đầu tiên, không nhấp nháy). */
export function useMediaQuery(query: string): boolean {
  const sub = useMemo(() => subscribe(query), [query]);
  const get = useCallback(() => window.matchMedia(query).matches, [query]);
  return useSyncExternalStore(sub, get, () => false);
}

/** Màn hình hẹp (điện thoại, máy tính bảng dọc): menu chuyển thành ngăn kéo. */
export function useIsMobile(): boolean {
  return useMediaQuery(MOBILE_QUERY);
}

export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 575.98px)');
}

/** Đặt tiêu đề thẻ trình duyệt. */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · motcua` : 'motcua — Hệ thống thông tin giải quyết thủ tục hành chính';
  }, [title]);
}

/** Giá trị trễ (dùng cho ô tìm kiếm). */
export function useDebounced<T>(value: T, ms = 350): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
