import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import type { AgencyKind, AgencyLevel, AuditEvent } from '../../types';
import { useAgencies, useAudit } from '../../queries';
import {
  AUDIT_DETAIL_LABELS,
  AUDIT_HIDDEN_IN_SUMMARY,
  AUDIT_TYPE_COLORS,
  AUDIT_TYPE_LABELS,
  KIND_LABELS,
  LEVEL_LABELS,
  roleLabel,
} from '../../labels';
import { fmtDate, fmtDateTime } from '../../lib/dates';
import { useIsMobile } from '../../lib/hooks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/ErrorState';

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const YMD_RE = /^\d{4}-\d{2}-\d{2}$/;
const AGENCY_KEYS = new Set(['agencyId', 'parentId', 'predecessorIds', 'successorIds']);

const TYPE_OPTIONS = Object.entries(AUDIT_TYPE_LABELS)
  .filter(([k]) => k !== 'user_locked') // trùng nhãn với account_locked
  .map(([value, label]) => ({ value, label }));

function typeLabel(t: string): string {
  return AUDIT_TYPE_LABELS[t] ?? t;
}

const keyLabel = (k: string) => AUDIT_DETAIL_LABELS[k] ?? k;

/** Trình bày chi tiết nhật ký bằng tiếng Việt; mã cơ quan được đổi thành tên khi tra được. */
function useDetailFormatter() {
  const agencies = useAgencies('all');
  return useMemo(() => {
    const names = new Map((agencies.data ?? []).map((a) => [a.id, a.shortName ?? a.name]));
    const agencyName = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : valueText(id));

    function valueText(v: unknown, key?: string): string {
      if (v === null || v === undefined || v === '') return '—';
      if (key && AGENCY_KEYS.has(key)) {
        if (Array.isArray(v)) return v.length ? v.map(agencyName).join('; ') : '(không có)';
        return agencyName(v);
      }
      if (key === 'fields' && Array.isArray(v)) return v.map((f) => keyLabel(String(f))).join(', ');
      if (key === 'level' && typeof v === 'string') return LEVEL_LABELS[v as AgencyLevel] ?? v;
      if (key === 'kind' && typeof v === 'string') return KIND_LABELS[v as AgencyKind] ?? v;
      if (key === 'role' && typeof v === 'string') return roleLabel(v);
      if (typeof v === 'boolean') return v ? 'Có' : 'Không';
      if (typeof v === 'number') return String(v);
      if (typeof v === 'string') {
        if (ISO_RE.test(v)) return fmtDateTime(v, true);
        if (YMD_RE.test(v)) return fmtDate(v);
        return v;
      }
      if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x)).join('; ') : '(không có)';
      if (typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.role === 'string') {
          const at = typeof o.agencyName === 'string' ? o.agencyName : o.agencyId ? agencyName(o.agencyId) : '';
          return `${roleLabel(o.role)}${at ? ` @ ${at}` : ''}`;
        }
        return Object.entries(o)
          .map(([k, x]) => `${keyLabel(k)}: ${valueText(x, k)}`)
          .join(', ');
      }
      return String(v);
    }
    return valueText;
  }, [agencies.data]);
}

type Formatter = ReturnType<typeof useDetailFormatter>;

function detailEntries(e: AuditEvent): [string, unknown][] {
  return e.details && typeof e.details === 'object' ? Object.entries(e.details) : [];
}

function DetailsSummary({ e, fmt }: { e: AuditEvent; fmt: Formatter }) {
  const entries = detailEntries(e).filter(([k]) => !AUDIT_HIDDEN_IN_SUMMARY.has(k));
  if (!entries.length) return <span className="mc-muted">—</span>;
  const text = entries.map(([k, v]) => `${keyLabel(k)}: ${fmt(v, k)}`).join(' · ');
  return (
    <Typography.Text ellipsis={{ tooltip: text }} className="mc-audit-details">
      {text}
    </Typography.Text>
  );
}

export default function AuditPage() {
  const mobile = useIsMobile();
  const [type, setType] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const audit = useAudit({ type, page, pageSize });
  const fmt = useDetailFormatter();

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: 'Thời gian',
      dataIndex: 'at',
      key: 'at',
      width: mobile ? undefined : 160,
      render: (v: string, e) =>
        mobile ? (
          <div className="mc-audit-m">
            <div className="mc-audit-m__top">
              <Tag color={AUDIT_TYPE_COLORS[e.type] ?? 'default'}>{typeLabel(e.type)}</Tag>
              <span className="mc-muted mc-nowrap">{fmtDateTime(v, true)}</span>
            </div>
            <div>
              <strong>{e.actorName ?? 'Hệ thống'}</strong>
              {e.subject ? <> → {e.subject}</> : null}
            </div>
            {e.ip && <div className="mc-muted mc-mono">{e.ip}</div>}
          </div>
        ) : (
          <span className="mc-nowrap">{fmtDateTime(v, true)}</span>
        ),
    },
    ...(!mobile
      ? ([
          {
            title: 'Sự kiện',
            dataIndex: 'type',
            key: 'type',
            width: 190,
            render: (t: string) => <Tag color={AUDIT_TYPE_COLORS[t] ?? 'default'}>{typeLabel(t)}</Tag>,
          },
          {
            title: 'Người thực hiện',
            dataIndex: 'actorName',
            key: 'actor',
            width: 150,
            ellipsis: { showTitle: true },
            render: (v: string | null) => v ?? <span className="mc-muted">Hệ thống</span>,
          },
          {
            title: 'Đối tượng',
            dataIndex: 'subject',
            key: 'subject',
            width: 190,
            ellipsis: { showTitle: true },
            render: (v: string | null) => v ?? <span className="mc-muted">—</span>,
          },
          {
            title: 'Địa chỉ IP',
            dataIndex: 'ip',
            key: 'ip',
            width: 115,
            render: (v: string | null) => (v ? <span className="mc-mono">{v}</span> : <span className="mc-muted">—</span>),
          },
          {
            title: 'Chi tiết',
            key: 'details',
            ellipsis: true,
            render: (_: unknown, e: AuditEvent) => <DetailsSummary e={e} fmt={fmt} />,
          },
        ] as TableColumnsType<AuditEvent>)
      : []),
  ];

  return (
    <div>
      <PageHeader
        title="Nhật ký hệ thống"
        icon={<AuditOutlined />}
        description="Đăng nhập, đăng xuất, thay đổi tài khoản, phân quyền và cơ quan — phục vụ kiểm tra, giám sát an toàn thông tin."
      />
      <Card className="mc-card mc-table-card">
        <div className="mc-toolbar">
          <Select
            allowClear
            placeholder="Tất cả sự kiện"
            aria-label="Lọc theo loại sự kiện"
            options={TYPE_OPTIONS}
            value={type}
            onChange={(v) => {
              setType(v);
              setPage(1);
            }}
            className="mc-toolbar__filter"
          />
          <div className="mc-toolbar__spacer" />
          <Tooltip title="Tải lại">
            <Button icon={<ReloadOutlined />} aria-label="Tải lại" onClick={() => audit.refetch()} loading={audit.isFetching} />
          </Tooltip>
        </div>
        {audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => audit.refetch()} />
        ) : (
          <Table<AuditEvent>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={audit.data?.items ?? []}
            loading={audit.isPending || (audit.isFetching && audit.isPlaceholderData)}
            tableLayout="fixed"
            expandable={{
              rowExpandable: (e) => detailEntries(e).length > 0,
              expandedRowRender: (e) => (
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  styles={{ label: { width: 200 } }}
                  items={detailEntries(e).map(([k, v]) => ({
                    key: k,
                    label: keyLabel(k),
                    children: <span className="mc-prewrap">{fmt(v, k)}</span>,
                  }))}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: !mobile,
              pageSizeOptions: [20, 50, 100],
              showTotal: (t) => `${t} sự kiện`,
              onChange: (p, s) => {
                if (s !== pageSize) {
                  setPageSize(s);
                  setPage(1);
                } else setPage(p);
              },
              size: mobile ? 'small' : undefined,
            }}
            locale={{ emptyText: 'Chưa có sự kiện nào.' }}
          />
        )}
      </Card>
    </div>
  );
}
