import { useEffect, useState } from 'react';

/** Thời điểm hiện tại (ms), cập nhật mỗi `ms` mili giây để "còn … ngày" luôn đúng. */
export function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
