// Màn hình điều hành của lãnh đạo: số liệu trong ngày, tỷ lệ đúng hạn, hồ sơ
// quá hạn theo cơ quan và lĩnh vực, xu hướng 12 tháng, mức độ hài lòng và các
// bước làm trễ hồ sơ. Tự cập nhật, có chế độ toàn màn hình cho màn hình treo tường.
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Empty, Skeleton, Tag, Tooltip } from 'antd';
import { FieldTimeOutlined, FullscreenExitOutlined, FullscreenOutlined, FundProjectionScreenOutlined, SyncOutlined } from '@ant-design/icons';
import ReactECharts from 'echarts-for-react';
import { useMe } from '../../../auth';
import { ErrorState } from '../../../components/ErrorState';
import { Forbidden } from '../../../components/Guards';
import { PageHeader } from '../../../components/PageHeader';
import { AgencyTreeSelect } from '../../../components/AgencyTreeSelect';
import { dayjs, fmtDate, TZ } from '../../../lib/dates';
import { PATHS } from '../../../paths';
import { useAgencies } from '../../../queries';
import { canReadReports, fmtCount } from './model';
import { LIVE_INTERVAL_MS, num1, pct, useDashboard, type Dashboard } from './live';
import './reports.css';
import './live.css';

const BLUE = '#1d4ed8';
const GREEN = '#15803d';
const RED = '#b91c1c';
const GOLD = '#b45309';
const FONT = { fontFamily: 'inherit' };

function Tile({ label, value, hint, tone, testId }: { label: string; value: string; hint?: string; tone: 'blue' | 'green' | 'gold' | 'red'; testId: string }) {
  return (
    <div className={`mc-rtile mc-rtile--${tone}`} data-testid={testId}>
      <div className="mc-rtile__label">{label}</div>
      <div className="mc-rtile__value">{value}</div>
      {hint && <div className="mc-rtile__hint">{hint}</div>}
    </div>
  );
}

function Panel({ title, children, wide, testId }: { title: string; children: React.ReactNode; wide?: boolean; testId?: string }) {
  return (
    <section className={`mc-ops__panel${wide ? ' mc-ops__panel--wide' : ''}`} data-testid={testId}>
      <h3 className="mc-ops__panel-title">{title}</h3>
      {children}
    </section>
  );
}

const shortName = (s: string) => s.replace(/^Ủy ban nhân dân /, 'UBND ').replace(/^Trung tâm Phục vụ hành chính công/, 'TTPVHCC');

function barOption(rows: { name: string; overdue: number; open: number }[]) {
  const top = rows.slice(0, 10).reverse();
  return {
    textStyle: FONT,
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Quá hạn', 'Trong hạn'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((r) => shortName(r.name)), axisLabel: { width: 180, overflow: 'truncate' } },
    series: [
      { name: 'Quá hạn', type: 'bar', barMaxWidth: 26, stack: 'x', data: top.map((r) => r.overdue), itemStyle: { color: RED } },
      { name: 'Trong hạn', type: 'bar', barMaxWidth: 26, stack: 'x', data: top.map((r) => r.open - r.overdue), itemStyle: { color: '#93c5fd' } },
    ],
  };
}

function trendOption(d: Dashboard) {
  return {
    textStyle: FONT,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['Tiếp nhận', 'Đã giải quyết'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', boundaryGap: false, data: d.weeks.map((w) => `Tuần từ ${fmtDate(w.week)}`), axisLabel: { formatter: (v: string) => v.slice(8, 13) } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'Tiếp nhận', type: 'line', smooth: 0.3, showSymbol: false, data: d.weeks.map((w) => w.received), itemStyle: { color: BLUE }, areaStyle: { opacity: 0.08 } },
      { name: 'Đã giải quyết', type: 'line', smooth: 0.3, showSymbol: false, data: d.weeks.map((w) => w.resolved), itemStyle: { color: GREEN } },
    ],
  };
}

function satisfactionOption(s: NonNullable<Dashboard['satisfaction']>) {
  return {
    textStyle: FONT,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        label: { formatter: '{d}%' },
        data: [
          { name: 'Rất hài lòng', value: s.verySatisfied, itemStyle: { color: GREEN } },
          { name: 'Hài lòng', value: s.satisfied, itemStyle: { color: '#4ade80' } },
          { name: 'Không hài lòng', value: s.notSatisfied, itemStyle: { color: RED } },
        ],
      },
    ],
  };
}

function lateStepOption(d: Dashboard) {
  const rows = [...d.lateSteps].reverse();
  return {
    textStyle: FONT,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (p: { name: string; value: number }[]) => `${p[0].name}: ${p[0].value} hồ sơ trễ hạn` },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 180, overflow: 'truncate' } },
    series: [{ type: 'bar', barMaxWidth: 26, data: rows.map((r) => r.count), itemStyle: { color: GOLD } }],
  };
}

const CHART_H = 300;

export default function OperationsPage() {
  const { data: user } = useMe();
  const [params, setParams] = useSearchParams();
  const agency = params.get('coquan') ?? undefined;
  const q = useDashboard(agency);
  const agencies = useAgencies('active');
  const wallRef = useRef<HTMLDivElement>(null);
  const [wall, setWall] = useState(params.get('toanman') === '1');

  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setWall(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  useEffect(() => {
    if (!wall) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setWall(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wall]);

  if (!canReadReports(user)) return <Forbidden />;

  const toggleWall = () => {
    if (wall) {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      setWall(false);
      return;
    }
    setWall(true);
    void wallRef.current?.requestFullscreen?.().catch(() => undefined);
  };

  const d = q.data;
  const updated = q.dataUpdatedAt ? dayjs(q.dataUpdatedAt).tz(TZ).format('HH:mm:ss') : null;
  return (
    <div>
      {!wall && (
        <PageHeader
          title="Điều hành"
          icon={<FundProjectionScreenOutlined />}
          description="Số liệu trực tiếp về tiếp nhận, giải quyết hồ sơ trong phạm vi của bạn; tự cập nhật."
          extra={
            <Link to={PATHS.reportTiming}>
              <Button icon={<FieldTimeOutlined />}>Thời gian giải quyết</Button>
            </Link>
          }
        />
      )}
      <div ref={wallRef} className={`mc-ops${wall ? ' mc-ops--wall' : ''}`} data-testid="operations">
        <div className="mc-ops__bar">
          <div className="mc-ops__title">
            <strong>{d?.agency ? d.agency.name : 'Toàn bộ phạm vi được giao'}</strong>
            <span className="mc-ops__live" data-testid="live-status">
              <SyncOutlined spin={q.isFetching} /> {updated ? `Cập nhật lúc ${updated}` : 'Đang tải'} · tự cập nhật mỗi {LIVE_INTERVAL_MS / 1000} giây
            </span>
          </div>
          <div className="mc-ops__tools">
            {!wall && (
              <AgencyTreeSelect
                agencies={agencies.data ?? []}
                value={agency}
                onChange={(v?: string) => {
                  const next = new URLSearchParams(params);
                  if (v) next.set('coquan', v);
                  else next.delete('coquan');
                  setParams(next, { replace: true });
                }}
                placeholder="Tất cả cơ quan trong phạm vi"
                className="mc-ops__agency"
                aria-label="Cơ quan"
              />
            )}
            <Tooltip title={wall ? 'Thoát toàn màn hình (Esc)' : 'Toàn màn hình, cho màn hình treo tường'}>
              <Button icon={wall ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleWall} data-testid="wall-toggle">
                {wall ? 'Thoát' : 'Toàn màn hình'}
              </Button>
            </Tooltip>
          </div>
        </div>
        {q.isError && !d ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : !d ? (
          <Skeleton active paragraph={{ rows: 10 }} />
        ) : (
          <>
            <div className="mc-rtiles mc-ops__tiles">
              <Tile testId="tile-today" tone="blue" label={`Tiếp nhận hôm nay (${fmtDate(d.today)})`} value={fmtCount(d.receivedToday)} hint={`Giải quyết xong hôm nay: ${fmtCount(d.resolvedToday)} · đang giải quyết ${fmtCount(d.open)}`} />
              <Tile testId="tile-month" tone="green" label="Đúng hạn tháng này" value={pct(d.month.onTime, d.month.resolved)} hint={`${fmtCount(d.month.onTime)}/${fmtCount(d.month.resolved)} hồ sơ đã giải quyết`} />
              <Tile testId="tile-year" tone="green" label={`Đúng hạn năm ${d.today.slice(0, 4)}`} value={pct(d.year.onTime, d.year.resolved)} hint={`${fmtCount(d.year.onTime)}/${fmtCount(d.year.resolved)} hồ sơ đã giải quyết`} />
              <Tile testId="tile-overdue" tone="red" label="Đang quá hạn" value={fmtCount(d.year.overdue)} hint={`Trễ hạn đã giải quyết trong năm: ${fmtCount(d.year.late)}`} />
              <Tile testId="tile-online" tone="gold" label="Nộp trực tuyến (năm)" value={pct(d.year.online, d.year.received)} hint={`${fmtCount(d.year.online)}/${fmtCount(d.year.received)} hồ sơ tiếp nhận mới`} />
            </div>
            <div className="mc-ops__grid">
              <Panel title="Tiếp nhận và giải quyết theo tuần (12 tháng)" wide testId="chart-trend">
                <ReactECharts option={trendOption(d)} style={{ height: CHART_H }} notMerge />
              </Panel>
              <Panel title="Hồ sơ đang giải quyết theo cơ quan" testId="chart-agency">
                {d.overdueByAgency.length ? <ReactECharts option={barOption(d.overdueByAgency)} style={{ height: CHART_H }} notMerge /> : <Empty description="Không có hồ sơ đang giải quyết" />}
              </Panel>
              <Panel title="Hồ sơ đang giải quyết theo lĩnh vực" testId="chart-field">
                {d.overdueByField.length ? <ReactECharts option={barOption(d.overdueByField)} style={{ height: CHART_H }} notMerge /> : <Empty description="Không có hồ sơ đang giải quyết" />}
              </Panel>
              <Panel title="Mức độ hài lòng (năm)" testId="chart-satisfaction">
                {d.satisfaction ? (
                  <>
                    <ReactECharts option={satisfactionOption(d.satisfaction)} style={{ height: CHART_H - 30 }} notMerge />
                    <div className="mc-ops__note">{fmtCount(d.satisfaction.total)} lượt đánh giá · hài lòng trở lên {pct(d.satisfaction.verySatisfied + d.satisfaction.satisfied, d.satisfaction.total)}</div>
                  </>
                ) : (
                  <Empty description="Chưa có dữ liệu đánh giá" />
                )}
              </Panel>
              <Panel title="Bước làm trễ hồ sơ nhiều nhất (90 ngày)" testId="chart-late-steps">
                {d.lateSteps.length ? (
                  <>
                    <ReactECharts option={lateStepOption(d)} style={{ height: CHART_H - 30 }} notMerge />
                    <div className="mc-ops__note">
                      {d.lateSteps.map((s) => (
                        <Tag key={s.key}>
                          {s.name}: {fmtCount(s.count)} hồ sơ, vượt định mức trung bình {num1(s.overrunHours / s.count / 8)} ngày
                        </Tag>
                      ))}
                    </div>
                  </>
                ) : (
                  <Empty description="Không có hồ sơ trễ hạn" />
                )}
              </Panel>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
