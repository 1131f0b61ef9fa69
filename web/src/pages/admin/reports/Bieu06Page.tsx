// Biểu số 06/VPCP/KSTT: tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị
// trực tiếp giải quyết — bảng theo bố cục của biểu mẫu, mỗi con số mở danh sách
// hồ sơ; xuất Excel đúng mẫu và in khổ A4 ngang.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Segmented, Skeleton, Tooltip } from 'antd';
import { BarChartOutlined, FileExcelOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMe } from '../../../auth';
import { ErrorState } from '../../../components/ErrorState';
import { Forbidden } from '../../../components/Guards';
import { PageHeader } from '../../../components/PageHeader';
import { todayYmd } from '../../../lib/dates';
import { useNotify } from '../../../lib/notify';
import { DossierDrawer, type DrillTarget } from './DossierDrawer';
import {
  canReadReports,
  COLUMNS,
  countOf,
  downloadFile,
  fmtCount,
  fmtPercent,
  periodRange,
  readPeriod,
  useBieu06,
  writePeriod,
  type Bieu06Params,
  type Counts,
  type GroupBy,
  type PeriodState,
} from './model';
import { ReportFilters } from './ReportFilters';
import { todayWords, useReportPrint } from './print';
import './reports.css';

const LATE = new Set(['resolved.late', 'inProgress.overdue']);

function SummaryTiles({ total }: { total: Counts }) {
  const onTime = total.resolved.early + total.resolved.onTime;
  const late = total.resolved.late + total.inProgress.overdue;
  return (
    <div className="mc-rtiles mc-no-print" data-testid="report-summary">
      <div className="mc-rtile mc-rtile--blue">
        <div className="mc-rtile__label">Hồ sơ nhận giải quyết</div>
        <div className="mc-rtile__value">{fmtCount(total.received.total)}</div>
        <div className="mc-rtile__hint">
          Trực tuyến {fmtPercent(total.received.online, total.received.total - total.received.carriedOver)} số mới tiếp nhận
        </div>
      </div>
      <div className="mc-rtile mc-rtile--green">
        <div className="mc-rtile__label">Đã giải quyết</div>
        <div className="mc-rtile__value">{fmtCount(total.resolved.total)}</div>
        <div className="mc-rtile__hint">Đúng hạn, trước hạn {fmtPercent(onTime, total.resolved.total)}</div>
      </div>
      <div className="mc-rtile mc-rtile--gold">
        <div className="mc-rtile__label">Đang giải quyết</div>
        <div className="mc-rtile__value">{fmtCount(total.inProgress.total)}</div>
        <div className="mc-rtile__hint">Trong hạn {fmtCount(total.inProgress.withinDeadline)}</div>
      </div>
      <div className={`mc-rtile mc-rtile--red${late ? ' has-late' : ''}`}>
        <div className="mc-rtile__label">Quá hạn</div>
        <div className="mc-rtile__value">{fmtCount(late)}</div>
        <div className="mc-rtile__hint">
          Đã giải quyết {fmtCount(total.resolved.late)} · đang giải quyết {fmtCount(total.inProgress.overdue)}
        </div>
      </div>
    </div>
  );
}

/** Phần đầu biểu như bản giấy: số hiệu biểu, tên biểu, kỳ báo cáo, đơn vị báo cáo. */
function FormHead({ period, unit }: { period: string; unit: string }) {
  return (
    <div className="mc-formhead">
      <div className="mc-formhead__left">
        <strong>Biểu số 06/VPCP/KSTT</strong>
        <span>Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020</span>
      </div>
      <div className="mc-formhead__center">
        <div className="mc-formhead__title">
          TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH
        </div>
        <div className="mc-formhead__period" data-testid="report-period">
          {period}
        </div>
      </div>
      <div className="mc-formhead__right">
        <div>
          <strong>Đơn vị báo cáo:</strong> <span data-testid="report-unit">{unit}</span>
        </div>
        <div>
          <strong>Đơn vị nhận báo cáo:</strong> ……………………
        </div>
        <div className="mc-formhead__measure">Đơn vị tính: Số hồ sơ TTHC</div>
      </div>
    </div>
  );
}

function Signatures({ place, preparer }: { place: string; preparer: string }) {
  return (
    <div className="mc-signs mc-print-only">
      <div>
        <strong>NGƯỜI LẬP BIỂU</strong>
        <em>(Ký, ghi rõ họ tên)</em>
        <span className="mc-signs__name">{preparer}</span>
      </div>
      <div>
        <em>
          {place ? `${place}, ` : '……, '}
          {todayWords()}
        </em>
        <strong>THỦ TRƯỞNG ĐƠN VỊ</strong>
        <em>(Ký tên, đóng dấu)</em>
      </div>
    </div>
  );
}

export default function Bieu06Page() {
  const { data: user } = useMe();
  const notify = useNotify();
  useReportPrint();
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params, todayYmd());
  const range = periodRange(period);
  const groupBy: GroupBy = params.get('nhom') === 'agency' ? 'agency' : 'field';
  const agency = params.get('coquan') || undefined;
  const allowed = canReadReports(user);
  const query: Bieu06Params | null = useMemo(
    () => (allowed && range ? { from: range.from, to: range.to, groupBy, agency } : null),
    [allowed, range?.from, range?.to, groupBy, agency],
  );
  const sheet = useBieu06(query);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [downloading, setDownloading] = useState(false);

  if (!allowed) return <Forbidden />;

  const setPeriod = (p: PeriodState) => setParams(writePeriod(p, params), { replace: true });
  const setParam = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const download = async () => {
    if (!query) return;
    setDownloading(true);
    try {
      const name = await downloadFile('/reports/bieu-06.xlsx', { ...query }, 'Bieu06.xlsx');
      notify.success(`Đã tải tệp ${name}`);
    } catch (e) {
      notify.error(e);
    } finally {
      setDownloading(false);
    }
  };

  const data = sheet.data;
  const open = (rowName: string, drillOf: { key?: string; agency?: string }, c: (typeof COLUMNS)[number], n: number) =>
    setDrill({ rowName, cellLabel: `${c.label} (cột ${c.no})`, cell: c.cell, key: drillOf.key, agency: drillOf.agency, expected: n });

  const numberCell = (rowName: string, drillOf: { key?: string; agency?: string }, counts: Counts, testid: string) =>
    COLUMNS.map((c) => {
      const n = countOf(counts, c.cell);
      const late = LATE.has(c.cell) && n > 0;
      return (
        <td key={c.cell} className={`mc-b06__n${c.cell.includes('.') ? '' : ' mc-b06__n--total'}${late ? ' mc-b06__n--late' : ''}`}>
          {n === 0 ? (
            <span className="mc-b06__zero">0</span>
          ) : (
            <button
              type="button"
              className="mc-b06__link"
              onClick={() => open(rowName, drillOf, c, n)}
              title={`${c.label}: xem ${fmtCount(n)} hồ sơ`}
              data-testid={`${testid}-${c.cell}`}
            >
              {fmtCount(n)}
            </button>
          )}
        </td>
      );
    });

  return (
    <div className="mc-report-page">
      <div className="mc-no-print">
        <PageHeader
          title="Biểu 06: Kết quả giải quyết thủ tục hành chính"
          icon={<BarChartOutlined />}
          description="Biểu số 06/VPCP/KSTT: hồ sơ nhận, đã giải quyết và đang giải quyết trong kỳ. Bấm vào một con số để xem các hồ sơ đứng sau nó."
          extra={
            <>
              <Button icon={<FileExcelOutlined />} onClick={download} loading={downloading} disabled={!query} data-testid="export-xlsx">
                Xuất Excel
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data} data-testid="print">
                In
              </Button>
            </>
          }
        />
        <Card className="mc-card mc-rfilters-card">
          <ReportFilters period={period} onPeriod={setPeriod} agency={agency} onAgency={(v) => setParam('coquan', v)}>
            <span className="mc-rfilters__label" id="rf-group">
              Nhóm các dòng theo
            </span>
            <Segmented<GroupBy>
              aria-labelledby="rf-group"
              options={[
                { value: 'field', label: 'Lĩnh vực' },
                { value: 'agency', label: 'Cơ quan giải quyết' },
              ]}
              value={groupBy}
              onChange={(v) => setParam('nhom', v === 'agency' ? 'agency' : undefined)}
              data-testid="group-by"
            />
          </ReportFilters>
        </Card>
      </div>

      {sheet.isError ? (
        <Card className="mc-card">
          <ErrorState error={sheet.error} onRetry={() => sheet.refetch()} />
        </Card>
      ) : !data ? (
        <Card className="mc-card">
          {query ? <Skeleton active paragraph={{ rows: 8 }} /> : <Empty description="Chọn kỳ báo cáo để xem biểu." />}
        </Card>
      ) : (
        <>
          <SummaryTiles total={data.total} />
          <Card className="mc-card mc-b06-card">
            <div className="mc-b06-card__bar mc-no-print">
              <span>
                {data.period.replace(/^Kỳ báo cáo: /, '')} · {data.unit}
              </span>
              <Tooltip title="Tải lại">
                <Button type="text" size="small" icon={<ReloadOutlined />} onClick={() => sheet.refetch()} loading={sheet.isFetching} aria-label="Tải lại" />
              </Tooltip>
            </div>
            <div className="mc-print-only">
              <FormHead period={data.period} unit={data.unit} />
            </div>
            <div className="mc-b06-scroll" data-testid="bieu06">
              <table className={`mc-b06${sheet.isFetching && sheet.isPlaceholderData ? ' is-stale' : ''}`}>
                <thead>
                  <tr>
                    <th rowSpan={3} className="mc-b06__stt">STT</th>
                    <th rowSpan={3} className="mc-b06__name">Lĩnh vực, công việc giải quyết theo cấp</th>
                    <th colSpan={4} className="mc-b06__g mc-b06__g--received">Số hồ sơ nhận giải quyết</th>
                    <th colSpan={4} className="mc-b06__g mc-b06__g--resolved">Số hồ sơ đã giải quyết</th>
                    <th colSpan={3} className="mc-b06__g mc-b06__g--progress">Số hồ sơ đang giải quyết</th>
                  </tr>
                  <tr>
                    <th rowSpan={2} className="mc-b06__sub--received">Tổng số</th>
                    <th colSpan={3} className="mc-b06__sub--received">Trong đó</th>
                    <th rowSpan={2} className="mc-b06__sub--resolved">Tổng số</th>
                    <th colSpan={2} className="mc-b06__sub--resolved">Trả đúng thời hạn</th>
                    <th rowSpan={2} className="mc-b06__sub--resolved">Trả quá hạn</th>
                    <th rowSpan={2} className="mc-b06__sub--progress">Tổng số</th>
                    <th rowSpan={2} className="mc-b06__sub--progress">Trong hạn</th>
                    <th rowSpan={2} className="mc-b06__sub--progress">Quá hạn</th>
                  </tr>
                  <tr>
                    <th className="mc-b06__sub--received">Số kỳ trước chuyển qua</th>
                    <th className="mc-b06__sub--received">Số mới tiếp nhận trực tuyến</th>
                    <th className="mc-b06__sub--received">Số mới tiếp nhận trực tiếp, dịch vụ bưu chính</th>
                    <th className="mc-b06__sub--resolved">Trước hạn</th>
                    <th className="mc-b06__sub--resolved">Đúng hạn</th>
                  </tr>
                  <tr className="mc-b06__nums">
                    <th className="mc-b06__stt" />
                    <th className="mc-b06__name">(1)</th>
                    {COLUMNS.map((c) => (
                      <th key={c.no}>({c.no})</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.lines.length === 0 && (
                    <tr>
                      <td colSpan={13} className="mc-b06__empty">
                        Không có hồ sơ nào trong kỳ báo cáo này.
                      </td>
                    </tr>
                  )}
                  {data.lines.map((l, i) => (
                    <tr key={`${l.stt}-${i}`} className={`mc-b06__line mc-b06__line--${l.kind}`} data-testid="bieu06-line">
                      <td className="mc-b06__stt">{l.stt}</td>
                      <td className="mc-b06__name" style={{ paddingLeft: 12 + l.depth * 20 }}>
                        {l.name}
                      </td>
                      {numberCell(l.name, l.drill, l.counts, `line-${i}`)}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="mc-b06__line mc-b06__line--total" data-testid="bieu06-total">
                    <td className="mc-b06__stt" />
                    <td className="mc-b06__name">TỔNG SỐ</td>
                    {numberCell('Tổng số', { agency }, data.total, 'total')}
                  </tr>
                </tfoot>
              </table>
            </div>
            <Signatures place={data.place} preparer={user?.fullName ?? ''} />
          </Card>
        </>
      )}
      {query && <DossierDrawer base={query} target={drill} onClose={() => setDrill(null)} />}
    </div>
  );
}
