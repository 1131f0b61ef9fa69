// Thời gian giải quyết đi đâu: thời hạn luật định bên cạnh thời gian thực tế
// (trung vị, 90% hồ sơ) theo thủ tục và cơ quan; thời gian theo bước, vai trò,
// cán bộ so với định mức; bước làm trễ hồ sơ; hồ sơ đang có nguy cơ trễ hạn.
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Empty, Select, Skeleton, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FieldTimeOutlined } from '@ant-design/icons';
import ReactECharts from 'echarts-for-react';
import { useMe } from '../../../auth';
import { ErrorState } from '../../../components/ErrorState';
import { Forbidden } from '../../../components/Guards';
import { PageHeader } from '../../../components/PageHeader';
import { fmtDate, fmtDateTime, todayYmd } from '../../../lib/dates';
import { roleLabel } from '../../../labels';
import { PATHS } from '../../../paths';
import { canReadReports, fmtCount, periodRange, readPeriod, writePeriod, type PeriodState } from './model';
import { ReportFilters } from './ReportFilters';
import { num1, share, useAtRisk, useTiming, type AtRisk, type DurationRow, type TimeRow } from './live';
import './reports.css';
import './live.css';

const UNIT: Record<string, string> = { working_days: 'ngày làm việc', working_hours: 'ngày làm việc', calendar_days: 'ngày' };

const durationColumns = (first: string): ColumnsType<DurationRow> => [
  { title: first, dataIndex: 'name', key: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'vi'), render: (v: string, r) => <span title={r.key}>{v}</span> },
  { title: 'Số hồ sơ', dataIndex: 'count', key: 'count', align: 'right', sorter: (a, b) => a.count - b.count, width: 100 },
  {
    title: 'Thời hạn luật định',
    key: 'legal',
    align: 'right',
    width: 150,
    sorter: (a, b) => (a.legalDays ?? 0) - (b.legalDays ?? 0),
    render: (_, r) => (r.legalDays === null ? '—' : `${num1(r.legalDays)} ${r.legalUnit ? UNIT[r.legalUnit] : 'ngày (trung vị)'}`),
  },
  {
    title: 'Thực tế: trung vị',
    dataIndex: 'medianDays',
    key: 'median',
    align: 'right',
    width: 140,
    defaultSortOrder: 'descend',
    sorter: (a, b) => (a.medianDays ?? 0) - (b.medianDays ?? 0),
    render: (v: number | null, r) => <span className={v !== null && r.legalDays !== null && v > r.legalDays ? 'mc-timing__bad' : undefined}>{num1(v)} ngày</span>,
  },
  { title: '90% hồ sơ trong', dataIndex: 'p90Days', key: 'p90', align: 'right', width: 130, sorter: (a, b) => (a.p90Days ?? 0) - (b.p90Days ?? 0), render: (v: number | null) => `${num1(v)} ngày` },
  {
    title: 'Tỷ lệ trễ hạn',
    dataIndex: 'lateShare',
    key: 'late',
    align: 'right',
    width: 120,
    sorter: (a, b) => a.lateShare - b.lateShare,
    render: (v: number) => <span className={v > 0.1 ? 'mc-timing__bad' : undefined}>{share(v)}</span>,
  },
];

const timeColumns = (first: string, withRole: boolean, label: (r: TimeRow) => string = (r) => r.name): ColumnsType<TimeRow> => [
  { title: first, key: 'name', sorter: (a, b) => label(a).localeCompare(label(b), 'vi'), render: (_, r) => label(r) },
  ...(withRole ? [{ title: 'Vai trò', key: 'role', render: (_: unknown, r: TimeRow) => (r.role ? roleLabel(r.role) : '—') }] : []),
  { title: 'Lượt xử lý', dataIndex: 'count', key: 'count', align: 'right', width: 110, sorter: (a, b) => a.count - b.count },
  { title: 'Trung vị (giờ làm việc)', dataIndex: 'medianHours', key: 'median', align: 'right', width: 170, sorter: (a, b) => (a.medianHours ?? 0) - (b.medianHours ?? 0), render: num1 },
  { title: 'Định mức (giờ)', dataIndex: 'quotaHours', key: 'quota', align: 'right', width: 130, render: num1 },
  { title: 'Tổng thời gian (giờ)', dataIndex: 'totalHours', key: 'total', align: 'right', width: 160, defaultSortOrder: 'descend', sorter: (a, b) => a.totalHours - b.totalHours, render: num1 },
  {
    title: 'Vượt định mức',
    dataIndex: 'overQuotaShare',
    key: 'over',
    align: 'right',
    width: 130,
    sorter: (a, b) => a.overQuotaShare - b.overQuotaShare,
    render: (v: number) => <span className={v > 0.2 ? 'mc-timing__bad' : undefined}>{share(v)}</span>,
  },
];

const riskColumns: ColumnsType<AtRisk['items'][number]> = [
  { title: 'Mã hồ sơ', key: 'code', render: (_, r) => <Link to={`${PATHS.dossiers}/${r.id}`}>{r.code ?? r.id}</Link> },
  { title: 'Thủ tục', dataIndex: 'procedureName', key: 'proc', ellipsis: true },
  { title: 'Cơ quan', dataIndex: 'agencyName', key: 'agency', ellipsis: true },
  { title: 'Bước hiện tại', dataIndex: 'currentStep', key: 'step' },
  { title: 'Hẹn trả', dataIndex: 'dueAt', key: 'due', render: (v: string) => fmtDateTime(v), width: 150 },
  { title: 'Dự báo xong', dataIndex: 'predictedAt', key: 'pred', render: (v: string) => fmtDateTime(v), width: 150 },
  {
    title: 'Chênh lệch',
    dataIndex: 'marginDays',
    key: 'margin',
    align: 'right',
    width: 130,
    sorter: (a, b) => a.marginDays - b.marginDays,
    render: (v: number, r) => (
      <span className="mc-timing__bad">
        trễ {num1(-v)} ngày {r.overdue && <Tag color="red">Đã quá hạn</Tag>}
        {r.paused && <Tag>Tạm dừng</Tag>}
      </span>
    ),
  },
];

export default function TimingPage() {
  const { data: user } = useMe();
  const [params, setParams] = useSearchParams();
  const period = useMemo(() => readPeriod(params, todayYmd()), [params]);
  const range = periodRange(period);
  const agency = params.get('coquan') ?? undefined;
  const procedure = params.get('thutuc') ?? undefined;
  const timing = useTiming(range ? { ...range, agency, procedure } : null);
  const risk = useAtRisk({ agency, procedure });
  const allProcedures = useTiming(range ? { ...range, agency } : null);

  if (!canReadReports(user)) return <Forbidden />;
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const t = timing.data;
  const procOptions = (allProcedures.data?.procedures ?? []).map((p) => ({ value: p.key, label: `${p.key} · ${p.name}` }));

  return (
    <div data-testid="timing-page">
      <PageHeader
        title="Thời gian giải quyết đi đâu"
        icon={<FieldTimeOutlined />}
        description="Thời hạn theo quy định bên cạnh thời gian thực tế; thời gian từng bước, vai trò, cán bộ so với định mức; bước làm trễ hồ sơ; hồ sơ có nguy cơ trễ hạn."
      />
      <ReportFilters period={period} onPeriod={(p: PeriodState) => setParams(writePeriod(p, params), { replace: true })} agency={agency} onAgency={(v) => set('coquan', v)}>
        <span className="mc-rfilters__label">Thủ tục</span>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="Tất cả thủ tục"
          value={procedure}
          options={procOptions}
          onChange={(v?: string) => set('thutuc', v)}
          aria-label="Thủ tục"
          popupMatchSelectWidth={false}
          style={{ width: '100%' }}
        />
      </ReportFilters>
      {timing.isError && !t ? (
        <ErrorState error={timing.error} onRetry={() => void timing.refetch()} />
      ) : !t ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Card className="mc-timing__section">
          <p>
            {fmtCount(t.finished)} hồ sơ đã giải quyết xong từ ngày {fmtDate(t.from)} đến ngày {fmtDate(t.to)}. Thời gian thực tế tính theo giờ hành chính trên lịch làm việc của cơ quan giải
            quyết, từ lúc tiếp nhận đến lúc có kết quả, trừ thời gian tạm dừng chờ bổ sung hồ sơ hoặc thực hiện nghĩa vụ tài chính.
          </p>
          <Tabs
            items={[
              {
                key: 'proc',
                label: 'Theo thủ tục',
                children: <Table rowKey="key" size="small" columns={durationColumns('Thủ tục hành chính')} dataSource={t.procedures} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 900 }} data-testid="timing-procedures" />,
              },
              {
                key: 'agency',
                label: 'Theo cơ quan',
                children: <Table rowKey="key" size="small" columns={durationColumns('Cơ quan giải quyết')} dataSource={t.agencies} pagination={false} scroll={{ x: 900 }} />,
              },
              { key: 'step', label: 'Theo bước', children: <Table rowKey="key" size="small" columns={timeColumns('Bước xử lý', true)} dataSource={t.steps} pagination={false} scroll={{ x: 900 }} /> },
              { key: 'role', label: 'Theo vai trò', children: <Table rowKey="key" size="small" columns={timeColumns('Vai trò', false, (r) => roleLabel(r.key))} dataSource={t.roles} pagination={false} scroll={{ x: 800 }} /> },
              { key: 'officer', label: 'Theo cán bộ', children: <Table rowKey="key" size="small" columns={timeColumns('Cán bộ', false)} dataSource={t.officers} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 800 }} /> },
              {
                key: 'late',
                label: 'Bước làm trễ hồ sơ',
                children: t.lateSteps.byStep.length ? (
                  <div>
                    <p>Với mỗi hồ sơ trễ hạn: bước vượt định mức nhiều nhất. Tổng hợp theo bước và theo cơ quan thực hiện bước.</p>
                    <ReactECharts
                      style={{ height: Math.max(200, t.lateSteps.byStep.length * 36) }}
                      notMerge
                      option={{
                        textStyle: { fontFamily: 'inherit' },
                        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
                        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                        xAxis: { type: 'value', minInterval: 1 },
                        yAxis: { type: 'category', data: [...t.lateSteps.byStep].reverse().map((s) => s.name) },
                        series: [{ name: 'Hồ sơ trễ hạn', type: 'bar', data: [...t.lateSteps.byStep].reverse().map((s) => s.count), itemStyle: { color: '#b45309' } }],
                      }}
                    />
                    <Table
                      rowKey="key"
                      size="small"
                      pagination={false}
                      dataSource={t.lateSteps.byAgency}
                      columns={[
                        { title: 'Cơ quan thực hiện bước', dataIndex: 'name', key: 'name' },
                        { title: 'Hồ sơ trễ hạn', dataIndex: 'count', key: 'count', align: 'right', sorter: (a, b) => a.count - b.count },
                        { title: 'Tổng vượt định mức (ngày làm việc)', dataIndex: 'overrunHours', key: 'over', align: 'right', render: (v: number) => num1(v / 8) },
                      ]}
                    />
                    <Table
                      className="mc-timing__section"
                      rowKey="id"
                      size="small"
                      pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      dataSource={t.lateSteps.dossiers}
                      scroll={{ x: 800 }}
                      columns={[
                        { title: 'Mã hồ sơ', key: 'code', render: (_, r) => <Link to={`${PATHS.dossiers}/${r.id}`}>{r.code ?? r.id}</Link> },
                        { title: 'Thủ tục', dataIndex: 'procedureName', key: 'p', ellipsis: true },
                        { title: 'Bước làm trễ', dataIndex: 'stepName', key: 's' },
                        { title: 'Cơ quan', dataIndex: 'agencyName', key: 'a', ellipsis: true },
                        { title: 'Vượt định mức (giờ)', dataIndex: 'overrunHours', key: 'o', align: 'right', render: num1 },
                      ]}
                    />
                  </div>
                ) : (
                  <Empty description="Không có hồ sơ trễ hạn trong kỳ" />
                ),
              },
              {
                key: 'risk',
                label: `Nguy cơ trễ hạn${risk.data ? ` (${fmtCount(risk.data.total)})` : ''}`,
                children: risk.data ? (
                  <div data-testid="timing-risk">
                    <p>
                      Trong {fmtCount(risk.data.open)} hồ sơ đang giải quyết, {fmtCount(risk.data.total)} hồ sơ được dự báo xong sau ngày hẹn trả: thời gian còn lại của bước hiện tại và các bước sau,
                      theo trung vị thực tế của cùng thủ tục trong 12 tháng (chưa có dữ liệu thì theo định mức), cộng vào thời điểm hiện tại trên lịch làm việc.
                    </p>
                    <Table rowKey="id" size="small" columns={riskColumns} dataSource={risk.data.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1000 }} />
                  </div>
                ) : risk.isError ? (
                  <ErrorState error={risk.error} onRetry={() => void risk.refetch()} />
                ) : (
                  <Skeleton active />
                ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
