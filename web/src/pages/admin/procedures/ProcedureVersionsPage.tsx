import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Table, Tag } from 'antd';
import { EditOutlined, HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { ErrorState } from '../../../components/ErrorState';
import { WorkflowDiagram } from '../../../components/WorkflowDiagram';
import { useAgencies, useRoles } from '../../../queries';
import { roleLabel } from '../../../labels';
import { fmtDate, fmtDateTime } from '../../../lib/dates';
import { useNotify } from '../../../lib/notify';
import { fmtDuration, fmtHours, fmtHoursAsDays } from '../../../lib/workflow';
import {
  levelLabel,
  onlineLabel,
  pk,
  procedurePaths,
  useProcedureVersion,
  useProcedureVersions,
  VERSION_STATUS_COLORS,
  VERSION_STATUS_LABELS,
  type ProcedureDetail,
} from './model';
import './procedures.css';

const money = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;

function Text({ value }: { value: string | null }) {
  return value ? <div className="mc-prewrap">{value}</div> : <span className="mc-muted">Chưa có</span>;
}

/** Nội dung một phiên bản, chỉ xem. */
function ProcedureView({ p }: { p: ProcedureDetail }) {
  const roles = useRoles();
  const agencies = useAgencies('all');
  const roleName = (r: string) => roles.data?.find((x) => x.id === r)?.name ?? roleLabel(r);
  const agencyName = useMemo(() => {
    const m = new Map((agencies.data ?? []).map((a) => [a.id, a.shortName || a.name]));
    return (id: string) => m.get(id);
  }, [agencies.data]);
  return (
    <div className="mc-proc-view" data-testid="procedure-version-view">
      <Card className="mc-card mc-proc-section" title="Thông tin chung">
        <Descriptions
          column={{ xs: 1, sm: 2, xl: 3 }}
          layout="vertical"
          colon={false}
          size="small"
          className="mc-proc-info"
          items={[
            { key: 'code', label: 'Mã thủ tục', children: <span className="mc-mono">{p.code}{p.localCode ? ` (${p.localCode})` : ''}</span> },
            { key: 'field', label: 'Lĩnh vực', children: p.field.name },
            { key: 'levels', label: 'Cấp thực hiện', children: p.levels.map(levelLabel).join(', ') || '—' },
            { key: 'online', label: 'Dịch vụ công trực tuyến', children: onlineLabel(p.onlineType) },
            { key: 'bf', label: 'Không phụ thuộc địa giới hành chính', children: p.boundaryFree ? 'Có' : 'Không' },
            {
              key: 'decision',
              label: 'Quyết định công bố',
              children: p.decision
                ? `${p.decision.number}${p.decision.date ? ` ngày ${fmtDate(p.decision.date)}` : ''}${p.decision.effectiveDate ? `, hiệu lực từ ${fmtDate(p.decision.effectiveDate)}` : ''}`
                : '—',
            },
            { key: 'agencies', label: 'Cơ quan thực hiện', span: 'filled', children: p.agencies.map((a) => a.name).join('; ') || '—' },
          ]}
        />
      </Card>
      <Card className="mc-card mc-proc-section" title="Bộ phận cấu thành">
        <Descriptions
          column={1}
          size="small"
          bordered
          className="mc-proc-desc"
          items={[
            { key: '1', label: '1. Trình tự thực hiện', children: <Text value={p.steps} /> },
            { key: '2', label: '2. Cách thức thực hiện', children: <Text value={p.submissionMeans} /> },
            {
              key: '3',
              label: '3. Thành phần, số lượng hồ sơ',
              children: p.dossierComponents.length ? (
                <Table
                  size="small"
                  rowKey={(_, i) => String(i)}
                  pagination={false}
                  dataSource={p.dossierComponents}
                  scroll={{ x: 480 }}
                  columns={[
                    { title: 'Tên giấy tờ', dataIndex: 'name' },
                    { title: 'Bản chính', dataIndex: 'originals', width: 90, align: 'center' },
                    { title: 'Bản sao', dataIndex: 'copies', width: 80, align: 'center' },
                    { title: 'Mẫu', dataIndex: 'template', width: 140, render: (t: string | null) => t ?? '—' },
                  ]}
                />
              ) : (
                <span className="mc-muted">Chưa có</span>
              ),
            },
            { key: '4', label: '4. Thời hạn giải quyết', children: <Text value={p.timeLimit} /> },
            { key: '5', label: '5. Đối tượng thực hiện', children: <Text value={p.applicants} /> },
            { key: '6', label: '6. Cơ quan thực hiện', children: <Text value={p.competentAgency} /> },
            { key: '7', label: '7. Kết quả thực hiện', children: <Text value={p.result} /> },
            {
              key: 'fees',
              label: 'Phí, lệ phí',
              children: p.fees.length ? (
                <ul className="mc-proc-fees-view">
                  {p.fees.map((f, i) => (
                    <li key={i}>
                      {f.name}: <b>{money(f.amount)}</b>
                      {f.note ? ` (${f.note})` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                'Không'
              ),
            },
            { key: 'legal', label: 'Căn cứ pháp lý', children: <Text value={p.legalBasis} /> },
          ]}
        />
      </Card>
      <Card className="mc-card mc-proc-section" title="Trường hợp giải quyết và quy trình nội bộ">
        {p.cases.length === 0 && <Empty description="Phiên bản này chưa có trường hợp nào." />}
        {p.cases.map((c, i) => {
          const total = c.workflow?.steps.reduce((a, s) => a + s.quotaHours, 0) ?? 0;
          return (
            <section key={c.code} className="mc-proc-case" data-testid="case-view">
              <div className="mc-proc-case__head">
                <span className="mc-proc-case__badge">Trường hợp {i + 1}</span>
                <span className="mc-proc-case__title">{c.name}</span>
                <Tag>{c.code}</Tag>
                <Tag color="blue">{fmtDuration(c.durationAmount, c.durationUnit)}</Tag>
                {c.sameDayCutoff && <Tag color="purple">Giờ chốt {c.sameDayCutoff}</Tag>}
              </div>
              {c.workflow ? (
                <>
                  <WorkflowDiagram workflow={c.workflow} roleName={roleName} agencyName={agencyName} title={`Sơ đồ quy trình: ${c.name}`} />
                  <Table
                    className="mc-proc-steps-table"
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={c.workflow.steps}
                    scroll={{ x: 640 }}
                    columns={[
                      { title: '#', key: 'i', width: 44, render: (_, __, k) => k + 1 },
                      { title: 'Bước', dataIndex: 'name' },
                      { title: 'Vai trò', dataIndex: 'role', width: 170, render: (r: string) => roleName(r) },
                      { title: 'Cơ quan', dataIndex: 'agencyId', width: 200, render: (a?: string | null) => (a ? (agencyName(a) ?? a) : <span className="mc-muted">Cơ quan tiếp nhận</span>) },
                      {
                        title: 'Định mức',
                        dataIndex: 'quotaHours',
                        width: 150,
                        render: (h: number) => `${fmtHours(h)} (${fmtHoursAsDays(h)})`,
                      },
                    ]}
                    summary={() => (
                      <Table.Summary.Row>
                        <Table.Summary.Cell index={0} colSpan={4} align="right">
                          Tổng định mức các bước
                        </Table.Summary.Cell>
                        <Table.Summary.Cell index={1}>
                          <b>{fmtHours(total)}</b>
                        </Table.Summary.Cell>
                      </Table.Summary.Row>
                    )}
                  />
                </>
              ) : (
                <Alert type="warning" showIcon title="Trường hợp này chưa có quy trình nội bộ." />
              )}
            </section>
          );
        })}
      </Card>
    </div>
  );
}

export default function ProcedureVersionsPage() {
  const { id = '', n } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const [restoring, setRestoring] = useState(false);
  const versions = useProcedureVersions(id);
  const list = versions.data ?? [];
  const selectedNumber = n ? Number(n) : (list.find((v) => v.status === 'published') ?? list[0])?.number;
  const version = useProcedureVersion(id, selectedNumber);
  const hasDraft = list.some((v) => v.status === 'draft');

  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => versions.refetch()} />;
  if (versions.isPending) return <PageLoading />;

  const restore = async (from: number) => {
    setRestoring(true);
    try {
      const d = await api.post<ProcedureDetail>(`/procedures/${id}/draft`, { from });
      void qc.invalidateQueries({ queryKey: pk.versions(id) });
      void qc.invalidateQueries({ queryKey: pk.adminRoot });
      notify.success(`Đã tạo bản dự thảo phiên bản ${d.versionNumber} từ phiên bản ${from}.`);
      navigate(procedurePaths.edit(id));
    } catch (e) {
      notify.error(e);
    } finally {
      setRestoring(false);
    }
  };

  const p = version.data;
  const current = list.find((v) => v.number === selectedNumber);
  return (
    <div>
      <PageHeader
        title={p?.name ?? current?.name ?? 'Phiên bản thủ tục'}
        icon={<HistoryOutlined />}
        description={
          <span>
            Lịch sử phiên bản{p ? <> · mã <span className="mc-mono">{p.code}</span></> : null}. Mỗi lần công bố tạo một phiên bản mới; hồ sơ đã tiếp nhận giữ phiên bản của nó.
          </span>
        }
        extra={
          <Link to={procedurePaths.edit(id)}>
            <Button type="primary" icon={<EditOutlined />}>
              {hasDraft ? 'Sửa bản dự thảo' : 'Sửa thủ tục'}
            </Button>
          </Link>
        }
      />
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={7} xxl={6}>
          <Card className="mc-card mc-proc-versions" title={`Các phiên bản (${list.length})`}>
            <ol className="mc-proc-vlist" aria-label="Các phiên bản">
              {list.map((v) => (
                <li key={v.number}>
                  <Link
                    to={procedurePaths.versions(id, v.number)}
                    className={`mc-proc-vlist__item${v.number === selectedNumber ? ' is-active' : ''}`}
                    aria-current={v.number === selectedNumber ? 'page' : undefined}
                    data-testid={`version-${v.number}`}
                  >
                    <span className="mc-proc-vlist__num">v{v.number}</span>
                    <span className="mc-proc-vlist__body">
                      <span className="mc-proc-vlist__top">
                        <Tag color={VERSION_STATUS_COLORS[v.status]}>{VERSION_STATUS_LABELS[v.status]}</Tag>
                      </span>
                      <span className="mc-proc-vlist__date">
                        {v.publishedAt ? `Công bố ${fmtDateTime(v.publishedAt)}` : `Tạo ${fmtDateTime(v.createdAt)}`}
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          </Card>
        </Col>
        <Col xs={24} lg={17} xxl={18}>
          {current && (
            <Alert
              className="mc-proc-banner"
              type={current.status === 'published' ? 'success' : current.status === 'draft' ? 'warning' : 'info'}
              showIcon
              data-testid="version-banner"
              title={`Phiên bản ${current.number}: ${VERSION_STATUS_LABELS[current.status].toLowerCase()}`}
              description={
                current.status === 'archived'
                  ? 'Phiên bản đã được thay thế, chỉ xem. Bạn có thể tạo bản dự thảo mới từ phiên bản này.'
                  : current.status === 'draft'
                    ? 'Bản dự thảo chưa công bố; người dân chưa thấy nội dung này.'
                    : 'Nội dung người dân đang thấy trên Cổng dịch vụ công.'
              }
              action={
                current.status === 'archived' && !hasDraft ? (
                  <Popconfirm
                    title={`Tạo bản dự thảo từ phiên bản ${current.number}?`}
                    description="Bản đang công bố giữ nguyên cho đến khi bạn công bố bản dự thảo."
                    okText="Tạo bản dự thảo"
                    cancelText="Không"
                    onConfirm={() => restore(current.number)}
                  >
                    <Button size="small" icon={<RollbackOutlined />} loading={restoring}>
                      Khôi phục
                    </Button>
                  </Popconfirm>
                ) : undefined
              }
            />
          )}
          {version.isError ? (
            <ErrorState error={version.error} onRetry={() => version.refetch()} />
          ) : !p ? (
            <PageLoading />
          ) : (
            <ProcedureView p={p} />
          )}
        </Col>
      </Row>
    </div>
  );
}
