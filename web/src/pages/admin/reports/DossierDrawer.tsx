// Danh sách hồ sơ sau một con số của Biểu 06 (ngăn kéo bên phải, có phân trang).
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { Drawer, Empty, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ErrorState } from '../../../components/ErrorState';
import { PATHS } from '../../../paths';
import { fmtDateTime } from '../../../lib/dates';
import { useIsMobile } from '../../../lib/hooks';
import type { Dossier } from '../dossiers/model';
import { ChannelLabel, StatusTag, TimelinessTag } from '../dossiers/parts';
import { fmtCount, useBieu06Dossiers, type Bieu06Params, type CellPath } from './model';

export interface DrillTarget {
  /** Dòng của biểu (tên lĩnh vực, cơ quan hoặc "Tổng số"). */
  rowName: string;
  /** Tên cột ("Đã giải quyết quá hạn"). */
  cellLabel: string;
  cell: CellPath;
  /** Mã dòng (lĩnh vực / cơ quan) hoặc cả cây cơ quan; không có = toàn biểu. */
  key?: string;
  agency?: string;
  /** Số trên biểu. */
  expected: number;
}

const PAGE_SIZE = 20;

export function DossierDrawer({ base, target, onClose }: { base: Bieu06Params; target: DrillTarget | null; onClose: () => void }) {
  const mobile = useIsMobile();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [target]);
  const params = target
    ? { ...base, agency: target.agency ?? base.agency, key: target.key, cell: target.cell, page, pageSize: PAGE_SIZE }
    : null;
  const list = useBieu06Dossiers(params);

  const columns: TableColumnsType<Dossier> = [
    {
      title: 'Mã hồ sơ',
      key: 'code',
      width: 215,
      render: (_, d) => (
        <div className="mc-drill__code">
          <Link to={`${PATHS.dossiers}/${d.id}`} className="mc-mono" data-testid="drill-dossier-link">
            {d.code ?? 'Chưa cấp mã'}
          </Link>
          <ChannelLabel channel={d.channel} />
        </div>
      ),
    },
    {
      title: 'Thủ tục, chủ hồ sơ',
      key: 'procedure',
      render: (_, d) => (
        <div className="mc-drill__proc">
          <div className="mc-drill__pname" title={d.procedure.name}>
            {d.procedure.name}
          </div>
          <div className="mc-muted">
            {d.applicant.fullName}
            {d.agency ? ` · ${d.agency.name}` : ''}
          </div>
        </div>
      ),
    },
    {
      title: 'Tiếp nhận',
      key: 'receivedAt',
      width: 124,
      render: (_, d) => <span className="mc-drill__date">{fmtDateTime(d.receivedAt)}</span>,
    },
    {
      title: 'Hẹn trả',
      key: 'dueAt',
      width: 124,
      render: (_, d) => <span className="mc-drill__date">{fmtDateTime(d.dueAt)}</span>,
    },
    {
      title: 'Kết thúc',
      key: 'finishedAt',
      width: 124,
      render: (_, d) => <span className="mc-drill__date">{fmtDateTime(d.finishedAt ?? d.returnedAt) || <span className="mc-muted">—</span>}</span>,
    },
    {
      title: 'Kết quả',
      key: 'timeliness',
      width: 150,
      render: (_, d) =>
        d.timeliness && (d.status === 9 || d.status === 10) ? (
          <TimelinessTag value={d.timeliness} />
        ) : d.overdue ? (
          <Tag color="red">Đang quá hạn</Tag>
        ) : (
          <StatusTag status={d.status} name={d.statusName} />
        ),
    },
  ];

  const total = list.data?.total;
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size={mobile ? '100%' : 1000}
      destroyOnHidden
      title={
        target && (
          <div className="mc-drill__title">
            <div className="mc-drill__cell">{target.cellLabel}</div>
            <div className="mc-drill__row">{target.rowName}</div>
          </div>
        )
      }
      extra={
        total !== undefined && (
          <span className="mc-drill__total" data-testid="drill-total">
            {fmtCount(total)} hồ sơ
          </span>
        )
      }
      className="mc-drill"
    >
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Dossier>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending || list.isFetching}
          scroll={{ x: 860 }}
          data-testid="drill-list"
          onRow={() => ({ 'data-testid': 'drill-row' }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có hồ sơ." /> }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (t, [a, b]) => `${a}–${b} trên ${fmtCount(t)} hồ sơ`,
            onChange: setPage,
          }}
        />
      )}
    </Drawer>
  );
}
