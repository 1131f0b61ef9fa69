// Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh
// nghiệp (Quyết định 766/QĐ-TTg): tổng điểm trên các chỉ số có dữ liệu, điểm
// từng nhóm, bảng từng chỉ số với tử số/mẫu số, ngưỡng và công thức, và xếp
// hạng các cơ quan (số liệu gộp theo cây cơ quan).
import { useMemo, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { Card, Empty, Grid, Segmented, Skeleton, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { InfoCircleOutlined, TrophyOutlined, DashboardOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../../../api';
import { useMe } from '../../../auth';
import { ErrorState } from '../../../components/ErrorState';
import { Forbidden } from '../../../components/Guards';
import { PageHeader } from '../../../components/PageHeader';
import { descendantIds } from '../../../lib/agencies';
import { fmtDate, todayYmd } from '../../../lib/dates';
import { useAgencies } from '../../../queries';
import type { Agency } from '../../../types';
import { canReadReports, periodRange, readPeriod, REPORT_ROLES, writePeriod, type PeriodState } from './model';
import { ReportFilters } from './ReportFilters';
import './reports.css';
import './index766.css';

echarts.use([GaugeChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

interface Indicator {
  id: string;
  group: string;
  name: string;
  max: number;
  threshold: number;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  score: number | null;
  status: 'scored' | 'no_data';
  reason?: string;
  formula: string;
  source: string;
}
interface Group {
  id: string;
  name: string;
  max: number;
  score: number;
  maxWithData: number;
}
interface Total {
  score: number;
  maxWithData: number;
  max: number;
  percent: number | null;
  withoutData: string[];
}
interface Report {
  period: { from: string; to: string };
  agency: { id: string; name: string } | null;
  indicators: Indicator[];
  groups: Group[];
  total: Total;
}
interface RankItem {
  rank: number;
  agency: { id: string; name: string; code: string; level: string };
  groups: Group[];
  total: Total;
}
interface Ranking {
  parent: { id: string; name: string } | null;
  items: RankItem[];
}

type RankMode = 'children' | 'province' | 'commune';

const fmtNum = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const fmtPct = (rate: number) => `${(rate * 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;
const GROUP_COLORS = ['#0b4f9c', '#2e7d32', '#d48806', '#6a3fb5', '#b3151c'];

/** Tỷ lệ điểm → màu (xanh ≥ 80%, vàng ≥ 50%, đỏ dưới). */
const tone = (pct: number | null) => (pct === null ? '#8a93a6' : pct >= 80 ? '#2e7d32' : pct >= 50 ? '#d48806' : '#c62828');

/** Cơ quan người dùng được xem chỉ số: cán bộ Nội vụ xem cả UBND mà cơ quan mình thuộc về. */
function useIndexAgencies(): Agency[] {
  const { data: user } = useMe();
  const agencies = useAgencies('all');
  return useMemo(() => {
    const all = agencies.data ?? [];
    const byId = new Map(all.map((a) => [a.id, a]));
    const grants = (user?.grants ?? []).filter((g) => REPORT_ROLES.includes(g.role));
    if (grants.some((g) => !g.agencyId)) return all;
    const allowed = new Set<string>();
    for (const g of grants) {
      let root = g.agencyId!;
      if (g.role === 'reform') {
        let a = byId.get(root);
        while (a && a.kind !== 'people_committee' && a.parentId) a = byId.get(a.parentId);
        if (a?.kind === 'people_committee') root = a.id;
      }
      for (const id of descendantIds(all, root)) allowed.add(id);
    }
    return all.filter((a) => allowed.has(a.id));
  }, [agencies.data, user]);
}

function Gauge({ total }: { total: Total }) {
  const pct = total.percent ?? 0;
  const option = {
    series: [
      {
        type: 'gauge',
        startAngle: 210,
        endAngle: -30,
        min: 0,
        max: 100,
        radius: '96%',
        center: ['50%', '58%'],
        progress: { show: true, width: 16, roundCap: true, itemStyle: { color: tone(total.percent) } },
        axisLine: { lineStyle: { width: 16, color: [[1, '#e8ecf3']] }, roundCap: true },
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: {
          valueAnimation: true,
          offsetCenter: [0, '-4%'],
          fontSize: 34,
          fontWeight: 700,
          color: '#1d2433',
          formatter: () => (total.percent === null ? '—' : `${fmtNum(pct)}%`),
        },
        data: [{ value: pct }],
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 220 }} notMerge opts={{ renderer: 'canvas' }} />;
}

function GroupBars({ groups }: { groups: Group[] }) {
  const names = groups.map((g) => `${g.id}. ${g.name}`);
  const option = {
    grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 }, data: ['Điểm đạt', 'Điểm tối đa có dữ liệu', 'Chưa có dữ liệu'] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const g = groups[ps[0].dataIndex];
        return `<b>${g.name}</b><br/>Điểm đạt: ${fmtNum(g.score)} / ${fmtNum(g.maxWithData)} điểm có dữ liệu<br/>Tối đa của nhóm: ${g.max} điểm`;
      },
    },
    xAxis: { type: 'value', max: Math.max(...groups.map((g) => g.max)), axisLabel: { fontSize: 11 }, splitLine: { lineStyle: { color: '#eef1f6' } } },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { fontSize: 12, width: 200, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      {
        name: 'Điểm đạt',
        type: 'bar',
        barWidth: 14,
        barGap: '-100%',
        z: 3,
        itemStyle: { borderRadius: 3 },
        data: groups.map((g, i) => ({ value: g.score, itemStyle: { color: GROUP_COLORS[i % GROUP_COLORS.length] } })),
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => `${fmtNum(groups[p.dataIndex].score)}/${groups[p.dataIndex].max}`, fontSize: 11, color: '#3a4357' },
      },
      { name: 'Điểm tối đa có dữ liệu', type: 'bar', barWidth: 14, z: 2, itemStyle: { color: '#d6e2f3', borderRadius: 3 }, data: groups.map((g) => g.maxWithData) },
      {
        name: 'Chưa có dữ liệu',
        type: 'bar',
        barWidth: 14,
        z: 1,
        barGap: '-100%',
        itemStyle: { color: '#f1f2f5', borderColor: '#d9dde5', borderType: 'dashed', borderRadius: 3 },
        data: groups.map((g) => g.max),
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240 }} notMerge />;
}

function RankBars({ items, labelWidth }: { items: RankItem[]; labelWidth: number }) {
  const top = items.slice(0, 15);
  const option = {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const it = top[ps[0].dataIndex];
        return `<b>${it.agency.name}</b><br/>${fmtNum(it.total.score)} / ${fmtNum(it.total.maxWithData)} điểm có dữ liệu (${it.total.percent === null ? 'chưa có dữ liệu' : `${fmtNum(it.total.percent)}%`})`;
      },
    },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', fontSize: 11 }, splitLine: { lineStyle: { color: '#eef1f6' } } },
    yAxis: { type: 'category', inverse: true, data: top.map((i) => i.agency.name), axisLabel: { fontSize: 12, width: labelWidth, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        barWidth: 14,
        itemStyle: { borderRadius: 3 },
        data: top.map((i) => ({ value: i.total.percent ?? 0, itemStyle: { color: tone(i.total.percent) } })),
        label: { show: true, position: 'right', fontSize: 11, formatter: (p: { dataIndex: number }) => (top[p.dataIndex].total.percent === null ? '—' : `${fmtNum(top[p.dataIndex].total.percent!)}%`) },
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: Math.max(160, top.length * 30 + 24) }} notMerge />;
}

/** Điểm một chỉ số: thanh tỷ lệ và số điểm, hoặc nhãn "Chưa có dữ liệu" kèm lý do. */
function ScoreCell({ r }: { r: Indicator }) {
  if (r.status === 'no_data')
    return (
      <div className="mc-i766__nodatacell" data-testid={`nodata-${r.id}`}>
        <Tag className="mc-i766__nodata">Chưa có dữ liệu</Tag>
        <div className="mc-i766__reason">{r.reason}</div>
      </div>
    );
  return (
    <div className="mc-i766__score" data-testid={`score-${r.id}`}>
      <div className="mc-i766__bar">
        <span style={{ width: `${(r.score! / r.max) * 100}%`, background: tone((r.score! / r.max) * 100) }} />
      </div>
      <b>{fmtNum(r.score!)}</b>
      <span className="mc-muted">/ {r.max}</span>
    </div>
  );
}

function FormulaTip({ r }: { r: Indicator }) {
  return (
    <Tooltip
      title={
        <div className="mc-i766__tip">
          <div>
            <b>Công thức:</b> {r.formula}
          </div>
          <div>
            <b>Nguồn:</b> {r.source}
          </div>
        </div>
      }
    >
      <InfoCircleOutlined className="mc-i766__info" aria-label={`Công thức chỉ số ${r.id}`} tabIndex={0} />
    </Tooltip>
  );
}

/** Trên điện thoại: mỗi chỉ số một thẻ (mã, tên, điểm, tử số/mẫu số, tỷ lệ, ngưỡng). */
function IndicatorCards({ data }: { data: Report }) {
  return (
    <div className="mc-i766__cards">
      {data.groups.map((g) => (
        <section key={g.id} className="mc-i766__cardgroup">
          <h4>
            Nhóm {g.id}. {g.name}
            <span className="mc-muted">
              {' '}
              · {fmtNum(g.score)} / {g.maxWithData} điểm có dữ liệu (tối đa {g.max})
            </span>
          </h4>
          {data.indicators
            .filter((r) => r.group === g.id)
            .map((r) => (
              <div key={r.id} className={`mc-i766__icard${r.status === 'no_data' ? ' is-nodata' : ''}`}>
                <div className="mc-i766__icard-head">
                  <span className="mc-i766__id">{r.id}</span>
                  <span className="mc-i766__icard-name">{r.name}</span>
                  <FormulaTip r={r} />
                </div>
                <ScoreCell r={r} />
                {r.status === 'scored' && (
                  <div className="mc-i766__icard-meta">
                    {fmtNum(r.numerator!)} / {fmtNum(r.denominator!)} · tỷ lệ {fmtPct(r.rate!)} · ngưỡng {r.threshold >= 1 ? 'tuyến tính' : `≥ ${fmtPct(r.threshold)}`}
                  </div>
                )}
              </div>
            ))}
        </section>
      ))}
    </div>
  );
}

export default function Index766Page() {
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const { data: user } = useMe();
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params, todayYmd());
  const range = periodRange(period);
  const agency = params.get('coquan') || undefined;
  const rankMode = (['children', 'province', 'commune'] as const).find((m) => m === params.get('xephang')) ?? 'children';
  const allowed = canReadReports(user);
  const agencies = useIndexAgencies();

  const report = useQuery({
    queryKey: ['reports', 'index-766', range?.from, range?.to, agency],
    queryFn: ({ signal }) => api.get<Report>('/reports/index-766', { from: range!.from, to: range!.to, agency }, { signal }),
    enabled: allowed && !!range,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const ranking = useQuery({
    queryKey: ['reports', 'index-766', 'ranking', range?.from, range?.to, agency, rankMode],
    queryFn: ({ signal }) =>
      api.get<Ranking>(
        '/reports/index-766/ranking',
        rankMode === 'children' ? { from: range!.from, to: range!.to, parent: agency } : { from: range!.from, to: range!.to, level: rankMode },
        { signal },
      ),
    enabled: allowed && !!range,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  if (!allowed) return <Forbidden />;

  const setPeriod = (p: PeriodState) => setParams(writePeriod(p, params), { replace: true });
  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const data = report.data;
  const groupName = new Map((data?.groups ?? []).map((g) => [g.id, g.name]));

  const columns: ColumnsType<Indicator> = [
    { title: 'Mã', dataIndex: 'id', width: 58, className: 'mc-i766__id' },
    {
      title: 'Chỉ số',
      dataIndex: 'name',
      render: (_: string, r) => (
        <div className="mc-i766__name">
          <span>{r.name}</span>
          <FormulaTip r={r} />
        </div>
      ),
    },
    {
      title: 'Tử số / Mẫu số',
      key: 'nd',
      width: 130,
      align: 'right',
      render: (_: unknown, r) => (r.numerator === null || r.denominator === null ? <span className="mc-muted">—</span> : `${fmtNum(r.numerator)} / ${fmtNum(r.denominator)}`),
    },
    { title: 'Tỷ lệ', dataIndex: 'rate', width: 86, align: 'right', render: (v: number | null) => (v === null ? <span className="mc-muted">—</span> : fmtPct(v)) },
    { title: 'Ngưỡng', dataIndex: 'threshold', width: 96, align: 'right', render: (v: number) => (v >= 1 ? 'Tuyến tính' : `≥ ${fmtPct(v)}`) },
    {
      title: 'Điểm',
      key: 'score',
      width: 250,
      render: (_: unknown, r) => <ScoreCell r={r} />,
    },
  ];

  const rankColumns: ColumnsType<RankItem> = [
    { title: 'Hạng', dataIndex: 'rank', width: 64, align: 'center', render: (v: number) => <span className={`mc-i766__medal mc-i766__medal--${v <= 3 ? v : 'n'}`}>{v}</span> },
    { title: 'Cơ quan', key: 'agency', render: (_: unknown, r) => <span className="mc-i766__agency">{r.agency.name}</span> },
    ...(data?.groups ?? []).map((g, i) => ({
      title: <Tooltip title={g.name}>{`Nhóm ${g.id}`}</Tooltip>,
      key: `g${g.id}`,
      width: 84,
      align: 'right' as const,
      responsive: ['lg' as const],
      render: (_: unknown, r: RankItem) => {
        const x = r.groups[i];
        return x.maxWithData === 0 ? <span className="mc-muted">—</span> : <span title={`${fmtNum(x.score)} / ${x.maxWithData} điểm có dữ liệu`}>{fmtNum(x.score)}</span>;
      },
    })),
    {
      title: 'Tổng điểm',
      key: 'total',
      width: 150,
      responsive: ['sm'],
      align: 'right',
      render: (_: unknown, r) => (
        <span>
          <b>{fmtNum(r.total.score)}</b> <span className="mc-muted">/ {fmtNum(r.total.maxWithData)}</span>
        </span>
      ),
    },
    {
      title: 'Tỷ lệ điểm',
      key: 'pct',
      width: 100,
      align: 'right',
      render: (_: unknown, r) => (r.total.percent === null ? <Tag>Chưa có dữ liệu</Tag> : <b style={{ color: tone(r.total.percent) }}>{fmtNum(r.total.percent)}%</b>),
    },
  ];

  const unit = data?.agency?.name ?? 'Toàn bộ phạm vi được xem';

  return (
    <div className="mc-report-page mc-i766">
      <PageHeader
        title="Chỉ số phục vụ người dân, doanh nghiệp"
        icon={<DashboardOutlined />}
        description="Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg: điểm từng chỉ số, từng nhóm và xếp hạng các cơ quan. Tổng điểm chỉ tính trên các chỉ số có dữ liệu."
      />
      <Card className="mc-card mc-rfilters-card">
        <ReportFilters period={period} onPeriod={setPeriod} agency={agency} onAgency={(v) => setParam('coquan', v)} agencies={agencies} />
      </Card>

      {report.isError ? (
        <Card className="mc-card">
          <ErrorState error={report.error} onRetry={() => report.refetch()} />
        </Card>
      ) : !data ? (
        <Card className="mc-card">{range ? <Skeleton active paragraph={{ rows: 8 }} /> : <Empty description="Chọn kỳ để xem chỉ số." />}</Card>
      ) : (
        <>
          <div className="mc-i766__top">
            <Card className="mc-card mc-i766__total" data-testid="i766-total">
              <div className="mc-i766__cardtitle">Tổng điểm</div>
              <div className="mc-i766__unit">
                {unit} · {fmtDate(data.period.from)} – {fmtDate(data.period.to)}
              </div>
              <Gauge total={data.total} />
              <div className="mc-i766__points" data-testid="i766-points">
                <b>{fmtNum(data.total.score)}</b> / {fmtNum(data.total.maxWithData)} điểm có dữ liệu
              </div>
              <div className="mc-i766__note">
                Thang điểm đầy đủ {data.total.max} điểm; {data.total.withoutData.length} chỉ số ({fmtNum(100 - data.total.maxWithData)} điểm) chưa có dữ liệu nên không tính.
              </div>
            </Card>
            <Card className="mc-card mc-i766__groups" data-testid="i766-groups">
              <div className="mc-i766__cardtitle">Điểm theo nhóm chỉ số</div>
              <GroupBars groups={data.groups} />
            </Card>
          </div>

          <Card className="mc-card" data-testid="i766-indicators">
            <div className="mc-i766__cardtitle">Các chỉ số thành phần</div>
            {narrow ? (
              <IndicatorCards data={data} />
            ) : (
            <Table<Indicator>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={data.indicators}
              pagination={false}
              scroll={{ x: 900 }}
              rowClassName={(r) => (r.status === 'no_data' ? 'mc-i766__row--nodata' : '')}
              components={{
                body: {
                  row: (props: HTMLAttributes<HTMLTableRowElement> & { 'data-row-key'?: string }) => {
                    const id = props['data-row-key'];
                    const ind = data.indicators.find((i) => i.id === id);
                    const first = ind && data.indicators.find((i) => i.group === ind.group) === ind;
                    return (
                      <>
                        {first && (
                          <tr className="mc-i766__grouprow">
                            <td colSpan={6}>
                              Nhóm {ind.group}. {groupName.get(ind.group)}
                              <span className="mc-muted">
                                {' '}
                                · {fmtNum(data.groups.find((g) => g.id === ind.group)!.score)} / {data.groups.find((g) => g.id === ind.group)!.maxWithData} điểm có dữ liệu (tối đa {data.groups.find((g) => g.id === ind.group)!.max})
                              </span>
                            </td>
                          </tr>
                        )}
                        <tr {...props} />
                      </>
                    );
                  },
                },
              }}
            />
            )}
          </Card>

          <Card className="mc-card" data-testid="i766-ranking">
            <div className="mc-i766__rankhead">
              <div>
                <div className="mc-i766__cardtitle">
                  <TrophyOutlined /> Xếp hạng các cơ quan
                </div>
                <div className="mc-i766__unit">
                  {`${rankMode === 'children' ? `Các đơn vị trực thuộc ${ranking.data?.parent?.name ?? ''}` : rankMode === 'province' ? 'Các sở, ngành cấp tỉnh' : 'UBND cấp xã'} · số liệu gộp theo cây cơ quan, xếp theo tỷ lệ điểm trên các chỉ số có dữ liệu`}
                </div>
              </div>
              <Segmented<RankMode>
                options={[
                  { value: 'children', label: 'Đơn vị trực thuộc' },
                  { value: 'province', label: 'Sở, ngành' },
                  { value: 'commune', label: 'Cấp xã' },
                ]}
                value={rankMode}
                onChange={(v) => setParam('xephang', v === 'children' ? undefined : v)}
                data-testid="rank-mode"
              />
            </div>
            {ranking.isError ? (
              <ErrorState error={ranking.error} onRetry={() => ranking.refetch()} />
            ) : !ranking.data ? (
              <Skeleton active />
            ) : ranking.data.items.length === 0 ? (
              <Empty description="Không có cơ quan nào để xếp hạng trong phạm vi này." />
            ) : (
              <div className="mc-i766__rank">
                <div className="mc-i766__rankchart">
                  <RankBars items={ranking.data.items} labelWidth={narrow ? 110 : 260} />
                </div>
                <Table<RankItem>
                  rowKey={(r) => r.agency.id}
                  size="small"
                  columns={rankColumns}
                  dataSource={ranking.data.items}
                  pagination={false}
                  scroll={narrow ? undefined : { x: 520 }}
                  data-testid="rank-table"
                />
              </div>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
