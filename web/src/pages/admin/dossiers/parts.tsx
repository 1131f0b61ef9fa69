// Thành phần hiển thị dùng chung của các trang hồ sơ.
import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { CarOutlined, ClockCircleOutlined, GlobalOutlined, PauseCircleOutlined, ShopOutlined, WarningOutlined } from '@ant-design/icons';
import { fmtDateTime } from '../../../lib/dates';
import {
  CHANNEL_NAMES,
  dueState,
  STATUS_COLORS,
  STATUS_NAMES,
  TIMELINESS_COLORS,
  TIMELINESS_LABELS,
  type Channel,
  type Dossier,
  type Timeliness,
} from './model';

export function StatusTag({ status, name }: { status: number; name?: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} className="mc-dstatus" data-testid="dossier-status">
      {STATUS_NAMES[status] ?? name ?? `Trạng thái ${status}`}
    </Tag>
  );
}

const CHANNEL_ICONS: Record<Channel, ReactNode> = {
  counter: <ShopOutlined />,
  online: <GlobalOutlined />,
  postal: <CarOutlined />,
};

export function ChannelLabel({ channel }: { channel: Channel }) {
  return (
    <span className="mc-dchannel">
      {CHANNEL_ICONS[channel]} {CHANNEL_NAMES[channel] ?? channel}
    </span>
  );
}

export function TimelinessTag({ value }: { value: Timeliness | null | undefined }) {
  if (!value) return null;
  return <Tag color={TIMELINESS_COLORS[value]}>{TIMELINESS_LABELS[value]}</Tag>;
}

/** Hạn xử lý: ngày giờ hẹn trả và thời gian làm việc còn lại / đã quá (đỏ khi quá hạn, cam khi sắp đến hạn). */
export function DueCell({ d, now, showRescheduled = true }: { d: Dossier; now?: number; showRescheduled?: boolean }) {
  if (!d.dueAt) return <span className="mc-muted">Chưa có</span>;
  const s = dueState(d, now);
  const icon =
    s.tone === 'overdue' ? <WarningOutlined /> : s.tone === 'paused' ? <PauseCircleOutlined /> : s.tone === 'soon' ? <ClockCircleOutlined /> : null;
  return (
    <div className={`mc-due mc-due--${s.tone}${s.tone === 'done' && d.timeliness ? ` mc-due--${d.timeliness}` : ''}`} data-testid="due-cell">
      <span className="mc-due__date">{fmtDateTime(d.dueAt)}</span>
      {s.text && (
        <Tooltip title={s.tone === 'done' ? 'Kết quả so với hạn giải quyết' : 'Tính theo giờ làm việc (thứ Hai – thứ Sáu)'}>
          <span className="mc-due__left">
            {icon} {s.text}
          </span>
        </Tooltip>
      )}
      {showRescheduled && d.rescheduledDueAt && (
        <span className="mc-due__resched">Hẹn lại {fmtDateTime(d.rescheduledDueAt)}</span>
      )}
    </div>
  );
}
