// Chuông cảnh báo của cán bộ: số cảnh báo chưa đọc (cập nhật mỗi 60 giây) và danh sách cảnh báo mới nhất.
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, Popover, Spin, Tooltip } from 'antd';
import {
  BellOutlined,
  ClockCircleOutlined,
  CloudUploadOutlined,
  ExclamationCircleOutlined,
  FileAddOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { dayjs, fmtDateTime, TZ } from '../lib/dates';
import { useIsPhone } from '../lib/hooks';
import { useNotify } from '../lib/notify';
import { PATHS } from '../paths';
import './AlertsBell.css';

export interface OfficerAlert {
  id: number;
  kind: string;
  at: string;
  read: boolean;
  dossier: { id: string; code: string | null; procedureName: string; dueAt: string | null; status: number };
}

const KINDS: Record<string, { label: string; icon: ReactNode; tone: string }> = {
  due_soon: { label: 'Sắp đến hạn', icon: <ClockCircleOutlined />, tone: 'warn' },
  overdue: { label: 'Quá hạn', icon: <ExclamationCircleOutlined />, tone: 'danger' },
  supplement_received: { label: 'Công dân đã nộp bổ sung', icon: <FileAddOutlined />, tone: 'info' },
  assigned: { label: 'Được phân công xử lý', icon: <UserSwitchOutlined />, tone: 'info' },
  submitted: { label: 'Hồ sơ trực tuyến mới', icon: <CloudUploadOutlined />, tone: 'ok' },
};

const SHOWN = 10;
const alertsKey = ['alerts'] as const;

/** "vừa xong", "5 phút trước", "3 giờ trước", "hôm qua 14:05", rồi ngày giờ đầy đủ. */
export function relativeTime(iso: string, now = dayjs()): string {
  const at = dayjs(iso);
  const minutes = Math.floor(now.diff(at, 'minute'));
  if (minutes < 1) return 'vừa xong';
  if (minutes < 60) return `${minutes} phút trước`;
  const local = at.tz(TZ);
  const today = now.tz(TZ).startOf('day');
  if (minutes < 24 * 60 && !local.isBefore(today)) return `${Math.floor(minutes / 60)} giờ trước`;
  if (!local.isBefore(today.subtract(1, 'day'))) return `hôm qua ${local.format('HH:mm')}`;
  return fmtDateTime(iso);
}

export function AlertsBell() {
  const phone = useIsPhone();
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const alerts = useQuery({
    queryKey: alertsKey,
    queryFn: ({ signal }) => api.get<{ unread: number; items: OfficerAlert[] }>('/alerts', undefined, { signal }),
    refetchInterval: 60_000,
  });
  const markRead = useMutation({
    mutationFn: (ids: number[] | 'all') => api.post<void>('/alerts/read', { ids }),
    onSettled: () => qc.invalidateQueries({ queryKey: alertsKey }),
  });

  const unread = alerts.data?.unread ?? 0;
  const items = (alerts.data?.items ?? []).slice(0, SHOWN);

  const openAlert = (a: OfficerAlert) => {
    setOpen(false);
    if (!a.read) markRead.mutate([a.id]);
    navigate(`${PATHS.dossiers}/${encodeURIComponent(a.dossier.id)}`);
  };

  const content = (
    <div className="mc-alerts" data-testid="alerts-panel">
      <div className="mc-alerts__head">
        <b>Cảnh báo</b>
        <span className="mc-alerts__count">{unread ? `${unread} chưa đọc` : 'Không có cảnh báo chưa đọc'}</span>
        {unread > 0 && (
          <Button
            type="link"
            size="small"
            className="mc-alerts__all"
            loading={markRead.isPending && markRead.variables === 'all'}
            onClick={() => markRead.mutate('all', { onError: (e) => notify.error(e) })}
            data-testid="alerts-read-all"
          >
            Đánh dấu đã đọc tất cả
          </Button>
        )}
      </div>
      {alerts.isPending ? (
        <div className="mc-alerts__empty">
          <Spin />
        </div>
      ) : alerts.isError ? (
        <div className="mc-alerts__empty">Không tải được cảnh báo. Vui lòng thử lại sau.</div>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có cảnh báo nào" className="mc-alerts__empty" />
      ) : (
        <ul className="mc-alerts__list">
          {items.map((a) => {
            const k = KINDS[a.kind] ?? { label: 'Cảnh báo', icon: <BellOutlined />, tone: 'info' };
            return (
              <li key={a.id}>
                <button
                  type="button"
                  className={`mc-alert mc-alert--${k.tone}${a.read ? '' : ' mc-alert--unread'}`}
                  onClick={() => openAlert(a)}
                  data-testid="alert-item"
                  data-unread={a.read ? undefined : 'true'}
                  data-dossier={a.dossier.id}
                >
                  <span className="mc-alert__icon">{k.icon}</span>
                  <span className="mc-alert__body">
                    <span className="mc-alert__kind">{k.label}</span>
                    {a.dossier.code ? (
                      <span className="mc-alert__code mc-mono">{a.dossier.code}</span>
                    ) : (
                      <span className="mc-alert__code">Chưa cấp mã hồ sơ</span>
                    )}
                    <span className="mc-alert__proc">{a.dossier.procedureName}</span>
                    <span className="mc-alert__time" title={fmtDateTime(a.at)}>
                      {relativeTime(a.at)}
                    </span>
                  </span>
                  {!a.read && <span className="mc-alert__dot" aria-label="Chưa đọc" />}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );

  const label = unread ? `Cảnh báo: ${unread} chưa đọc` : 'Cảnh báo';
  return (
    <Popover
      content={content}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={!phone}
      classNames={{ root: 'mc-alerts-pop' }}
    >
      <Tooltip title={open || phone ? undefined : label}>
        <Button type="text" className="mc-header-btn mc-bell" aria-label={label} data-testid="alerts-bell">
          <Badge count={unread} size="small" overflowCount={99} data-testid="alerts-count">
            <BellOutlined />
          </Badge>
        </Button>
      </Tooltip>
    </Popover>
  );
}
