import { CloudOutlined, CloudSyncOutlined, ShopOutlined } from '@ant-design/icons';
import type { OnlineType } from './model';

const TEXT: Record<OnlineType, string> = {
  full: 'Trực tuyến toàn trình',
  partial: 'Trực tuyến một phần',
  none: 'Nộp trực tiếp',
};

const ICON: Record<OnlineType, typeof CloudOutlined> = { full: CloudOutlined, partial: CloudSyncOutlined, none: ShopOutlined };

/** Mức dịch vụ công trực tuyến của thủ tục. */
export function OnlineBadge({ type }: { type: OnlineType }) {
  const Icon = ICON[type];
  return (
    <span className={`mc-online mc-online--${type}`}>
      <Icon aria-hidden /> {TEXT[type]}
    </span>
  );
}
