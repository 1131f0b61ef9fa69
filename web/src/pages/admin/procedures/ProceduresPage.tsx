import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, FileProtectOutlined, HistoryOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, TagsOutlined } from '@ant-design/icons';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState } from '../../../components/ErrorState';
import { fmtDateTime } from '../../../lib/dates';
import { useDebounced, useIsMobile } from '../../../lib/hooks';
import { foldSearch, levelLabel, onlineLabel, procedurePaths, STATUS_FILTERS, useAdminProcedures, useFields, type AdminProcedureItem, type AdminStatus } from './model';
import { FieldsModal } from './FieldsModal';
import './procedures.css';

function StatusTags({ p }: { p: AdminProcedureItem }) {
  return (
    <div className="mc-proc-status">
      {p.publishedVersion !== null ? <Tag color="green">Đang công bố · v{p.publishedVersion}</Tag> : <Tag>Chưa công bố</Tag>}
      {p.draftVersion !== null && <Tag color="gold">Dự thảo · v{p.draftVersion}</Tag>}
    </div>
  );
}

export default function ProceduresPage() {
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const field = params.get('linh-vuc') ?? undefined;
  const status = (params.get('trang-thai') as AdminStatus | null) ?? undefined;
  const page = Number(params.get('trang') ?? 1) || 1;
  const [pageSize, setPageSize] = useState(20);
  const [fieldsOpen, setFieldsOpen] = useState(false);
  const debouncedQ = useDebounced(q.trim(), 300);
  const fields = useFields();
  const list = useAdminProcedures({ q: debouncedQ || undefined, field, status, page, pageSize });

  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'trang') next.delete('trang');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<AdminProcedureItem> = [
    {
      title: 'Mã',
      key: 'code',
      width: 130,
      responsive: ['md'],
      render: (_, p) => (
        <div className="mc-proc-code">
          <span className="mc-mono">{p.code}</span>
          {p.localCode && <span className="mc-proc-code__local">{p.localCode}</span>}
        </div>
      ),
    },
    {
      title: 'Thủ tục hành chính',
      key: 'name',
      render: (_, p) => (
        <div className="mc-proc-cell">
          <Link to={procedurePaths.edit(p.id)} className="mc-proc-cell__name" data-testid="procedure-row-link">
            {p.name}
          </Link>
          <div className="mc-proc-cell__meta">
            {mobile && <span className="mc-mono">{p.code}</span>}
            <span>{p.field.name}</span>
            {p.levels.length > 0 && <span>{p.levels.map(levelLabel).join(', ')}</span>}
            <span>DVC trực tuyến: {onlineLabel(p.onlineType)}</span>
          </div>
          {mobile && <StatusTags p={p} />}
        </div>
      ),
    },
    ...(!mobile
      ? ([
          { title: 'Trạng thái', key: 'status', width: 190, render: (_: unknown, p: AdminProcedureItem) => <StatusTags p={p} /> },
          {
            title: 'Phiên bản',
            key: 'versions',
            width: 96,
            align: 'center',
            render: (_: unknown, p: AdminProcedureItem) => (
              <Link to={procedurePaths.versions(p.id)} aria-label={`${p.versionsCount} phiên bản của ${p.name}`}>
                {p.versionsCount}
              </Link>
            ),
          },
          {
            title: 'Cập nhật',
            key: 'updatedAt',
            width: 140,
            responsive: ['xl'],
            render: (_: unknown, p: AdminProcedureItem) => <span className="mc-nowrap">{fmtDateTime(p.updatedAt)}</span>,
          },
        ] as TableColumnsType<AdminProcedureItem>)
      : []),
    {
      title: <span className="mc-sr-only">Thao tác</span>,
      key: 'actions',
      width: 88,
      align: 'right',
      render: (_, p) => (
        <Space size={2}>
          <Tooltip title="Sửa">
            <Button type="text" size="small" icon={<EditOutlined />} aria-label={`Sửa ${p.name}`} onClick={() => navigate(procedurePaths.edit(p.id))} />
          </Tooltip>
          <Tooltip title="Các phiên bản">
            <Button type="text" size="small" icon={<HistoryOutlined />} aria-label={`Các phiên bản của ${p.name}`} onClick={() => navigate(procedurePaths.versions(p.id))} />
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Thủ tục hành chính"
        icon={<FileProtectOutlined />}
        description="Danh mục thủ tục: nội dung theo quyết định công bố, trường hợp giải quyết, quy trình nội bộ và các phiên bản."
        extra={
          <>
            <Button icon={<TagsOutlined />} onClick={() => setFieldsOpen(true)}>
              Lĩnh vực
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(procedurePaths.create)} data-testid="procedure-add">
              Thêm thủ tục
            </Button>
          </>
        }
      />
      <Card className="mc-card mc-table-card">
        <div className="mc-toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Tìm theo tên hoặc mã (gõ không dấu được)"
            aria-label="Tìm thủ tục"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setParam('q', e.target.value.trim() || undefined);
            }}
            className="mc-toolbar__search mc-toolbar__search--wide"
          />
          <Select
            allowClear
            showSearch={foldSearch}
            placeholder="Tất cả lĩnh vực"
            aria-label="Lọc theo lĩnh vực"
            value={field}
            onChange={(v?: string) => setParam('linh-vuc', v)}
            options={(fields.data ?? []).map((f) => ({ value: f.code, label: f.name }))}
            className="mc-toolbar__filter"
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            placeholder="Mọi trạng thái"
            aria-label="Lọc theo trạng thái"
            value={status}
            onChange={(v?: string) => setParam('trang-thai', v)}
            options={STATUS_FILTERS}
            className="mc-toolbar__filter mc-proc-status-filter"
          />
          <div className="mc-toolbar__spacer" />
          <Tooltip title="Tải lại">
            <Button icon={<ReloadOutlined />} aria-label="Tải lại" onClick={() => list.refetch()} loading={list.isFetching} />
          </Tooltip>
        </div>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<AdminProcedureItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
            onRow={(p) => ({ onDoubleClick: () => navigate(procedurePaths.edit(p.id)) })}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: !mobile,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (t, [a, b]) => (mobile ? `${t} thủ tục` : `${a}–${b} trong ${t} thủ tục`),
              onChange: (p, s) => {
                if (s !== pageSize) {
                  setPageSize(s);
                  setParam('trang', undefined);
                } else setParam('trang', p > 1 ? String(p) : undefined);
              },
              size: mobile ? 'small' : undefined,
            }}
            locale={{ emptyText: q || field || status ? 'Không tìm thấy thủ tục phù hợp.' : 'Chưa có thủ tục nào trong danh mục.' }}
          />
        )}
      </Card>
      <FieldsModal open={fieldsOpen} onClose={() => setFieldsOpen(false)} />
    </div>
  );
}
