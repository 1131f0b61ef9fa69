import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Input, Pagination, Select, Skeleton, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { FolderOpenOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { hasRole, useMe } from '../../../auth';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState } from '../../../components/ErrorState';
import { PATHS } from '../../../paths';
import { roleLabel } from '../../../labels';
import { fmtDateTime } from '../../../lib/dates';
import { useDebounced, useIsMobile } from '../../../lib/hooks';
import {
  CHANNEL_OPTIONS,
  defaultQueue,
  QUEUES,
  STATUS_OPTIONS,
  useDossierList,
  useQueueCounts,
  visibleQueues,
  type Channel,
  type Dossier,
  type Queue,
} from './model';
import { ChannelLabel, DueCell, StatusTag } from './parts';
import { useNow } from './useNow';
import './dossiers.css';

const EMPTY_TEXT: Record<Queue, string> = {
  to_receive: 'Không có hồ sơ trực tuyến nào đang chờ tiếp nhận.',
  mine: 'Bạn không có hồ sơ nào cần xử lý. Hồ sơ mới được chuyển đến sẽ hiện ở đây.',
  due_soon: 'Không có hồ sơ nào sắp đến hạn.',
  overdue: 'Không có hồ sơ nào quá hạn.',
  waiting: 'Không có hồ sơ nào đang chờ công dân bổ sung hoặc nộp phí.',
  to_return: 'Không có hồ sơ nào chờ trả kết quả.',
  finished: 'Chưa có hồ sơ nào đã kết thúc.',
  all: 'Chưa có hồ sơ nào trong phạm vi của bạn.',
};

function StepCell({ d }: { d: Dossier }) {
  if (!d.currentStep) {
    return <span className="mc-muted">{d.status === 1 ? 'Chờ tiếp nhận' : '—'}</span>;
  }
  return (
    <div className="mc-dstep">
      <div className="mc-dstep__name">{d.currentStep.name}</div>
      <div className="mc-dstep__who">
        {d.assignee ? (
          <>
            <UserOutlined /> {d.assignee.fullName}
          </>
        ) : (
          <span className="mc-muted" title={d.currentAgency?.name}>
            {roleLabel(d.currentStep.role)}
          </span>
        )}
      </div>
    </div>
  );
}

function DossierCard({ d, now }: { d: Dossier; now: number }) {
  return (
    <Link to={`${PATHS.dossiers}/${d.id}`} className="mc-dcard" data-testid="dossier-row">
      <div className="mc-dcard__top">
        <span className="mc-dcard__code mc-mono">{d.code ?? 'Chưa cấp mã'}</span>
        <StatusTag status={d.status} name={d.statusName} />
      </div>
      <div className="mc-dcard__proc">{d.procedure.name}</div>
      <div className="mc-dcard__meta">
        <span>
          <UserOutlined /> {d.applicant.fullName}
        </span>
        <ChannelLabel channel={d.channel} />
      </div>
      <div className="mc-dcard__bottom">
        <div>
          <div className="mc-dcard__k">Hạn xử lý</div>
          <DueCell d={d} now={now} />
        </div>
        <div>
          <div className="mc-dcard__k">Bước hiện tại</div>
          <StepCell d={d} />
        </div>
      </div>
    </Link>
  );
}

function readInt(v: string | null, def: number, min: number, max: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : def;
}

export default function QueuesPage() {
  const { data: user } = useMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const queues = useMemo(() => visibleQueues(user), [user]);
  const rawQueue = params.get('queue') as Queue | null;
  const queue: Queue = rawQueue && queues.some((x) => x.key === rawQueue) ? rawQueue : defaultQueue(user);
  const status = readInt(params.get('status'), 0, 1, 10) || undefined;
  const channelParam = params.get('channel');
  const channel = CHANNEL_OPTIONS.some((c) => c.value === channelParam) ? (channelParam as Channel) : undefined;
  const page = readInt(params.get('page'), 1, 1, 100000);
  const pageSize = readInt(params.get('pageSize'), 20, 5, 100);
  const urlQ = params.get('q') ?? '';
  const [q, setQ] = useState(urlQ);
  const debouncedQ = useDebounced(q.trim(), 350);

  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || v === null) next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage && !('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  // Ô tìm kiếm → URL (trễ 350 ms); URL đổi từ bên ngoài (quay lại trang) → ô tìm kiếm.
  useEffect(() => {
    if (debouncedQ !== urlQ.trim()) update({ q: debouncedQ || undefined });
  }, [debouncedQ]);
  useEffect(() => {
    if (urlQ.trim() !== q.trim()) setQ(urlQ);
  }, [urlQ]);

  const counts = useQueueCounts();
  const list = useDossierList({ queue, q: urlQ.trim() || undefined, status, channel, page, pageSize });
  const receives = hasRole(user, 'reception');

  const open = (d: Dossier) => navigate(`${PATHS.dossiers}/${d.id}`);

  const columns: TableColumnsType<Dossier> = [
    {
      title: 'Mã hồ sơ, ngày tiếp nhận',
      key: 'code',
      width: 205,
      render: (_, d) => (
        <div className="mc-dcode">
          <Link to={`${PATHS.dossiers}/${d.id}`} className="mc-dcode__code mc-mono" onClick={(e) => e.stopPropagation()}>
            {d.code ?? 'Chưa cấp mã'}
          </Link>
          <span className="mc-dcode__when">
            {d.receivedAt ? fmtDateTime(d.receivedAt) : `Nộp ${fmtDateTime(d.submittedAt)}`}
          </span>
          <ChannelLabel channel={d.channel} />
        </div>
      ),
    },
    {
      title: 'Thủ tục',
      key: 'procedure',
      render: (_, d) => (
        <div className="mc-dproc">
          <div className="mc-dproc__name" title={d.procedure.name}>
            {d.procedure.name}
          </div>
          <div className="mc-dproc__meta">
            <span className="mc-mono">{d.procedure.code}</span>
            {d.agency && <span>{d.agency.name}</span>}
          </div>
        </div>
      ),
    },
    {
      title: 'Chủ hồ sơ',
      key: 'applicant',
      width: 160,
      render: (_, d) => (
        <div className="mc-dperson">
          <div className="mc-dperson__name">{d.applicant.fullName}</div>
          <div className="mc-dperson__id mc-mono">{d.applicant.idNumber}</div>
        </div>
      ),
    },
    {
      title: 'Hạn xử lý',
      key: 'dueAt',
      width: 140,
      render: (_, d) => <DueCell d={d} now={now} />,
    },
    {
      title: 'Bước hiện tại / cán bộ',
      key: 'step',
      width: 175,
      render: (_, d) => <StepCell d={d} />,
    },
    {
      title: 'Trạng thái',
      key: 'status',
      width: 128,
      render: (_, d) => <StatusTag status={d.status} name={d.statusName} />,
    },
  ];

  const current = QUEUES.find((x) => x.key === queue)!;
  const items = list.data?.items ?? [];
  const filtered = !!(urlQ || status || channel);

  return (
    <div className="mc-queues-page">
      <PageHeader
        title="Hàng đợi công việc"
        icon={<FolderOpenOutlined />}
        description="Hồ sơ trong phạm vi của bạn theo từng việc cần làm; số lượng tự cập nhật mỗi 30 giây."
        extra={
          receives ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(PATHS.dossierIntake)} data-testid="go-intake">
              Tiếp nhận hồ sơ
            </Button>
          ) : undefined
        }
      />

      <div className="mc-queues" role="tablist" aria-label="Hàng đợi công việc">
        {queues.map((x) => {
          const n = counts.data?.[x.key];
          const active = x.key === queue;
          return (
            <Tooltip key={x.key} title={x.hint} mouseEnterDelay={0.6}>
              <button
                type="button"
                role="tab"
                aria-selected={active}
                className={`mc-queue mc-queue--${x.key}${active ? ' is-active' : ''}${n ? ' has-items' : ''}`}
                onClick={() => update({ queue: x.key })}
                data-testid={`queue-${x.key}`}
              >
                <span className="mc-queue__label">{x.label}</span>
                <span className="mc-queue__count" data-testid={`queue-count-${x.key}`}>
                  {n === undefined ? '…' : n.toLocaleString('vi-VN')}
                </span>
              </button>
            </Tooltip>
          );
        })}
      </div>

      <Card className="mc-card mc-table-card">
        <div className="mc-toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Mã hồ sơ, tên chủ hồ sơ (gõ không dấu được), số giấy tờ"
            aria-label="Tìm hồ sơ"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="mc-toolbar__search mc-toolbar__search--wide"
            data-testid="dossier-search"
          />
          <Select
            allowClear
            placeholder="Trạng thái"
            aria-label="Lọc theo trạng thái"
            options={STATUS_OPTIONS}
            value={status}
            onChange={(v?: number) => update({ status: v })}
            className="mc-toolbar__filter mc-dfilter--status"
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            placeholder="Kênh nộp"
            aria-label="Lọc theo kênh nộp"
            options={CHANNEL_OPTIONS}
            value={channel}
            onChange={(v?: Channel) => update({ channel: v })}
            className="mc-toolbar__filter mc-dfilter--channel"
          />
          <div className="mc-toolbar__spacer" />
          <Tooltip title="Tải lại">
            <Button
              icon={<ReloadOutlined />}
              aria-label="Tải lại"
              onClick={() => {
                void list.refetch();
                void counts.refetch();
              }}
              loading={list.isFetching}
            />
          </Tooltip>
        </div>
        <div className="mc-queue-head">
          <span className="mc-queue-head__title">{current.label}</span>
          <span className="mc-queue-head__hint">{current.hint}</span>
        </div>

        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : mobile ? (
          <div className="mc-dcards" data-testid="dossier-list">
            {list.isPending ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? 'Không có hồ sơ phù hợp với điều kiện tìm.' : EMPTY_TEXT[queue]} />
            ) : (
              items.map((d) => <DossierCard key={d.id} d={d} now={now} />)
            )}
            {(list.data?.total ?? 0) > pageSize && (
              <Pagination
                className="mc-dcards__pager"
                current={page}
                pageSize={pageSize}
                total={list.data?.total ?? 0}
                onChange={(p) => update({ page: p }, false)}
                simple
              />
            )}
          </div>
        ) : (
          <Table<Dossier>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
            onRow={(d) => ({ onClick: () => open(d), className: `mc-drow${d.overdue ? ' mc-drow--overdue' : ''}`, 'data-testid': 'dossier-row' } as HTMLAttributes<HTMLElement>)}
            scroll={{ x: 1000 }}
            data-testid="dossier-list"
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? 'Không có hồ sơ phù hợp với điều kiện tìm.' : EMPTY_TEXT[queue]}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total, [a, b]) => `${a}–${b} trên ${total.toLocaleString('vi-VN')} hồ sơ`,
              onChange: (p, ps) => update(ps !== pageSize ? { pageSize: ps, page: undefined } : { page: p }, false),
            }}
          />
        )}
      </Card>
    </div>
  );
}
