// Hồ sơ của tôi (/ca-nhan/ho-so): mọi hồ sơ của tài khoản công dân, trạng thái bằng lời dễ hiểu,
// ngày hẹn trả và việc cần làm tiếp theo.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Empty, Skeleton } from 'antd';
import { ExclamationCircleFilled, FolderOpenOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { ErrorState } from '../../components/ErrorState';
import { PATHS } from '../../paths';
import { fmtDateTime } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/hooks';
import { finished, NEEDS_ACTION, NEXT_STEP, useMyDossiers, type MyDossier } from './model';
import { RequireCitizen, StatusTag } from './parts';
import './citizen.css';

type Filter = 'all' | 'action' | 'open' | 'finished';

const FILTERS: { value: Filter; label: string; test: (d: MyDossier) => boolean }[] = [
  { value: 'all', label: 'Tất cả', test: () => true },
  { value: 'action', label: 'Cần bổ sung', test: (d) => NEEDS_ACTION.has(d.status) },
  { value: 'open', label: 'Đang giải quyết', test: (d) => !finished(d.status) && !NEEDS_ACTION.has(d.status) },
  { value: 'finished', label: 'Đã kết thúc', test: (d) => finished(d.status) },
];

/** Ngày hẹn trả đang có hiệu lực (ngày hẹn lại nếu cơ quan đã xin lỗi và hẹn lại). */
const dueOf = (d: MyDossier) => d.rescheduledDueAt ?? d.dueAt;

function DossierCard({ d }: { d: MyDossier }) {
  const needs = NEEDS_ACTION.has(d.status);
  const due = dueOf(d);
  return (
    <li>
      <Link to={`${PATHS.myDossiers}/${d.id}`} className={`mc-cz-dcard${needs ? ' is-attention' : ''}`} data-testid="my-dossier">
        <div className="mc-cz-dcard__top">
          <StatusTag status={d.status} name={d.statusName} />
          {d.code ? <span className="mc-cz-dcard__code">{d.code}</span> : <span className="mc-cz-nocode">Chờ cấp mã hồ sơ</span>}
        </div>
        <div className="mc-cz-dcard__name">{d.procedure.name}</div>
        <div className="mc-cz-dcard__facts">
          <span>Nộp lúc {fmtDateTime(d.submittedAt)}</span>
          {due && !finished(d.status) && (
            <span className={d.overdue ? 'mc-cz-late' : undefined}>
              Hẹn trả {fmtDateTime(due)}
              {d.overdue ? ' (đã quá hạn)' : ''}
            </span>
          )}
          {d.finishedAt && finished(d.status) && <span>Kết thúc {fmtDateTime(d.finishedAt)}</span>}
        </div>
        <div className={`mc-cz-dcard__next${needs ? ' is-attention' : ''}`}>
          {needs && <ExclamationCircleFilled aria-hidden />} {NEXT_STEP[d.status]}
        </div>
        <RightOutlined className="mc-cz-dcard__chevron" aria-hidden />
      </Link>
    </li>
  );
}

function MyDossiers() {
  useDocumentTitle('Hồ sơ của tôi');
  const q = useMyDossiers();
  const [filter, setFilter] = useState<Filter>('all');
  const items = q.data?.items ?? [];
  const counts = Object.fromEntries(FILTERS.map((f) => [f.value, items.filter(f.test).length])) as Record<Filter, number>;
  const shown = items.filter(FILTERS.find((f) => f.value === filter)!.test);

  return (
    <div className="mc-cz-page">
      <div className="mc-cz-head">
        <div className="mc-container mc-cz-narrow mc-cz-head__row">
          <div>
            <div className="mc-cz-head__eyebrow">Tài khoản công dân</div>
            <h1 className="mc-cz-head__title">Hồ sơ của tôi</h1>
          </div>
          <Link to={`${PATHS.procedures}?truc-tuyen=toan-trinh`}>
            <Button type="primary" icon={<PlusOutlined />}>
              Nộp hồ sơ mới
            </Button>
          </Link>
        </div>
      </div>
      <div className="mc-container mc-cz-narrow">
        {q.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : q.isError ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : items.length === 0 ? (
          <div className="mc-cz-card mc-cz-empty">
            <Empty
              image={<FolderOpenOutlined className="mc-cz-empty__icon" />}
              description={
                <>
                  <b>Bạn chưa có hồ sơ nào.</b>
                  <br />
                  Tìm thủ tục cần thực hiện và chọn “Nộp hồ sơ trực tuyến”.
                </>
              }
            >
              <Link to={`${PATHS.procedures}?truc-tuyen=toan-trinh`}>
                <Button type="primary">Tìm thủ tục nộp trực tuyến</Button>
              </Link>
            </Empty>
          </div>
        ) : (
          <>
            <div className="mc-cz-filter" role="tablist" aria-label="Lọc hồ sơ">
              {FILTERS.map((f) => (
                <button
                  key={f.value}
                  type="button"
                  role="tab"
                  aria-selected={filter === f.value}
                  className={`mc-cz-chip${filter === f.value ? ' is-on' : ''}`}
                  onClick={() => setFilter(f.value)}
                >
                  {f.label} <span className="mc-cz-chip__n">{counts[f.value]}</span>
                </button>
              ))}
            </div>
            {shown.length === 0 ? (
              <div className="mc-cz-card">
                <Empty description="Không có hồ sơ nào trong nhóm này." />
              </div>
            ) : (
              <ul className="mc-cz-dlist">
                {shown.map((d) => (
                  <DossierCard key={d.id} d={d} />
                ))}
              </ul>
            )}
            {q.data && q.data.total > items.length && (
              <p className="mc-muted">Đang hiển thị {items.length} trong tổng số {q.data.total} hồ sơ.</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}

export default function MyDossiersPage() {
  return (
    <RequireCitizen what="xem hồ sơ cá nhân">
      <MyDossiers />
    </RequireCitizen>
  );
}
