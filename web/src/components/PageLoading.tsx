import { Spin } from 'antd';

export function PageLoading({ full = false }: { full?: boolean }) {
  return (
    <div className={full ? 'mc-loading mc-loading--full' : 'mc-loading'} role="status" aria-live="polite">
      <Spin size="large" />
      <span>Đang tải…</span>
    </div>
  );
}
