// Số hồ sơ theo hàng đợi, dạng thẻ bấm được (trang chủ quản trị).
import { Link } from 'react-router-dom';
import { Card } from 'antd';
import {
  ClockCircleOutlined,
  FileDoneOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  PauseCircleOutlined,
  RightOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useMe } from '../../../auth';
import { PATHS } from '../../../paths';
import { useQueueCounts, visibleQueues, type Queue } from './model';
import './dossiers.css';

/** Vai trò được xem hồ sơ (khớp READER_ROLES phía máy chủ). */
export const DOSSIER_READER_ROLES = ['reception', 'specialist', 'head', 'leader', 'clerk', 'supervisor', 'reform', 'admin'];

const CARD_META: Partial<Record<Queue, { icon: ReactNode; tone: string }>> = {
  to_receive: { icon: <InboxOutlined />, tone: 'purple' },
  mine: { icon: <FolderOpenOutlined />, tone: 'blue' },
  due_soon: { icon: <ClockCircleOutlined />, tone: 'orange' },
  overdue: { icon: <WarningOutlined />, tone: 'red' },
  waiting: { icon: <PauseCircleOutlined />, tone: 'gray' },
  to_return: { icon: <FileDoneOutlined />, tone: 'green' },
};

export function QueueCards() {
  const { data: user } = useMe();
  const enabled = !!user && user.roles.some((r) => DOSSIER_READER_ROLES.includes(r));
  const counts = useQueueCounts(enabled);
  if (!enabled) return null;
  const queues = visibleQueues(user).filter((q) => CARD_META[q.key]);
  return (
    <Card className="mc-card mc-qcards-card" title="Hồ sơ của bạn" extra={<Link to={PATHS.dossiers}>Hàng đợi công việc <RightOutlined /></Link>}>
      <div className="mc-qcards" data-testid="queue-cards">
        {queues.map((q) => {
          const meta = CARD_META[q.key]!;
          const n = counts.data?.[q.key];
          return (
            <Link
              key={q.key}
              to={`${PATHS.dossiers}?queue=${q.key}`}
              className={`mc-qcard mc-qcard--${meta.tone}${n ? ' has-items' : ''}`}
              data-testid={`queue-card-${q.key}`}
            >
              <span className="mc-qcard__icon">{meta.icon}</span>
              <span className="mc-qcard__n">{n === undefined ? '…' : n.toLocaleString('vi-VN')}</span>
              <span className="mc-qcard__label">{q.label}</span>
            </Link>
          );
        })}
      </div>
    </Card>
  );
}
