// Sổ theo dõi hồ sơ: mọi hồ sơ tiếp nhận trong kỳ tại cơ quan (tiếp nhận hoặc
// giải quyết), với ngày nhận, hẹn trả, chuyển đến cơ quan giải quyết, nhận kết
// quả, trả kết quả và ghi chú; xuất Excel (không giới hạn số dòng) và in.
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Pagination, Skeleton } from 'antd';
import { BookOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMe } from '../../../auth';
import { ErrorState } from '../../../components/ErrorState';
import { Forbidden } from '../../../components/Guards';
import { PageHeader } from '../../../components/PageHeader';
import { PATHS } from '../../../paths';
import { dayjs, TZ, todayYmd } from '../../../lib/dates';
import { useNotify } from '../../../lib/notify';
import {
  canReadReports,
  downloadFile,
  fetchAllTracking,
  fmtCount,
  periodRange,
  readPeriod,
  useTracking,
  writePeriod,
  type PeriodState,
  type TrackingLine,
} from './model';
import { ReportFilters } from './ReportFilters';
import { useReportPrint } from './print';
import './reports.css';

/** Bản in lấy tối đa chừng này dòng; sổ dài hơn nên xuất Excel. */
const PRINT_LIMIT = 2000;
const PAGE_SIZES = [50, 100, 200, 500];

const HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên tổ chức, cá nhân',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Ngày nhận hồ sơ',
  'Ngày hẹn trả kết quả',
  'Ngày chuyển hồ sơ đến cơ quan giải quyết',
  'Ngày nhận kết quả từ cơ quan giải quyết',
  'Ngày trả kết quả',
  'Ghi chú',
];

function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="mc-muted">—</span>;
  const d = dayjs(iso).tz(TZ);
  return (
    <span className="mc-book__when">
      <span>{d.format('DD/MM/YYYY')}</span>
      <span className="mc-book__time">{d.format('HH:mm')}</span>
    </span>
  );
}

function BookTable({ items, linkCodes }: { items: TrackingLine[]; linkCodes: boolean }) {
  return (
    <table className="mc-book">
      <colgroup>
        {HEADERS.map((_, i) => (
          <col key={i} className={`c${i}`} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {HEADERS.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
        <tr className="mc-book__nums">
          {HEADERS.map((_, i) => (
            <th key={i}>({i + 1})</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((l) => {
          const late = /quá hạn/.test(l.note);
          return (
            <tr key={l.id} data-testid="book-row">
              <td className="mc-book__c">{l.stt}</td>
              <td className="mc-book__code">
                {linkCodes ? (
                  <Link to={`${PATHS.dossiers}/${l.id}`} className="mc-mono">
                    {l.code ?? '—'}
                  </Link>
                ) : (
                  <span className="mc-mono">{l.code ?? '—'}</span>
                )}
              </td>
              <td className="mc-book__proc">{l.procedure.name}</td>
              <td className="mc-book__c">{l.sets}</td>
              <td>{l.applicant.name}</td>
              <td className="mc-book__addr">
                {l.applicant.address}
                {l.applicant.phone && <div className="mc-muted">{l.applicant.phone}</div>}
              </td>
              <td>{l.agency.name}</td>
              <td className="mc-book__c"><When iso={l.receivedAt} /></td>
              <td className="mc-book__c"><When iso={l.dueAt} /></td>
              <td className="mc-book__c"><When iso={l.forwardedAt} /></td>
              <td className="mc-book__c"><When iso={l.resultAt} /></td>
              <td className="mc-book__c"><When iso={l.returnedAt} /></td>
              <td className={`mc-book__note${late ? ' is-late' : ''}`}>{l.note}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function readInt(v: string | null, def: number, allowed?: number[]): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) return def;
  return allowed && !allowed.includes(n) ? def : n;
}

export default function TrackingBookPage() {
  const { data: user } = useMe();
  const notify = useNotify();
  useReportPrint();
  const [params, setParams] = useSearchParams();
  const period = readPeriod(params, todayYmd());
  const range = periodRange(period);
  const agency = params.get('coquan') || undefined;
  const page = readInt(params.get('trang'), 1);
  const pageSize = readInt(params.get('sodong'), 50, PAGE_SIZES);
  const allowed = canReadReports(user);
  const query = useMemo(
    () => (allowed && range ? { from: range.from, to: range.to, agency, page, pageSize } : null),
    [allowed, range?.from, range?.to, agency, page, pageSize],
  );
  const book = useTracking(query);
  const [downloading, setDownloading] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [printRows, setPrintRows] = useState<TrackingLine[] | null>(null);

  // Khi đã có đủ các dòng để in: in, rồi trở lại trang đang xem.
  useEffect(() => {
    if (!printRows) return;
    const done = () => setPrintRows(null);
    window.addEventListener('afterprint', done, { once: true });
    const t = setTimeout(() => window.print(), 50);
    return () => {
      clearTimeout(t);
      window.removeEventListener('afterprint', done);
    };
  }, [printRows]);

  if (!allowed) return <Forbidden />;

  const update = (patch: Record<string, string | undefined>, base = params) => {
    const next = new URLSearchParams(base);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('trang' in patch)) next.delete('trang');
    setParams(next, { replace: true });
  };
  const setPeriod = (p: PeriodState) => update({}, writePeriod(p, params));

  const download = async () => {
    if (!range) return;
    setDownloading(true);
    try {
      const name = await downloadFile('/reports/so-theo-doi.xlsx', { from: range.from, to: range.to, agency }, 'So_theo_doi_ho_so.xlsx');
      notify.success(`Đã tải tệp ${name}`);
    } catch (e) {
      notify.error(e);
    } finally {
      setDownloading(false);
    }
  };

  const print = async () => {
    if (!range || !book.data) return;
    if (book.data.total > PRINT_LIMIT) {
      notify.message.warning(
        `Sổ có ${fmtCount(book.data.total)} hồ sơ, vượt quá ${fmtCount(PRINT_LIMIT)} dòng của bản in. Hãy chọn kỳ ngắn hơn hoặc xuất Excel để in.`,
      );
      return;
    }
    setPrinting(true);
    try {
      setPrintRows(await fetchAllTracking({ from: range.from, to: range.to, agency }, PRINT_LIMIT));
    } catch (e) {
      notify.error(e);
    } finally {
      setPrinting(false);
    }
  };

  const data = book.data;
  return (
    <div className="mc-report-page">
      <div className="mc-no-print">
        <PageHeader
          title="Sổ theo dõi hồ sơ"
          icon={<BookOutlined />}
          description="Các hồ sơ tiếp nhận trong kỳ tại cơ quan, đơn vị (nơi tiếp nhận hoặc cơ quan chủ trì giải quyết), theo thứ tự tiếp nhận."
          extra={
            <>
              <Button icon={<FileExcelOutlined />} onClick={download} loading={downloading} disabled={!range} data-testid="export-xlsx">
                Xuất Excel
              </Button>
              <Button icon={<PrinterOutlined />} onClick={print} loading={printing} disabled={!data} data-testid="print">
                In
              </Button>
            </>
          }
        />
        <Card className="mc-card mc-rfilters-card">
          <ReportFilters period={period} onPeriod={setPeriod} agency={agency} onAgency={(v) => update({ coquan: v })} />
        </Card>
      </div>

      {book.isError ? (
        <Card className="mc-card">
          <ErrorState error={book.error} onRetry={() => book.refetch()} />
        </Card>
      ) : !data ? (
        <Card className="mc-card">{query ? <Skeleton active paragraph={{ rows: 8 }} /> : <Empty description="Chọn kỳ để xem sổ." />}</Card>
      ) : (
        <Card className="mc-card mc-b06-card">
          <div className="mc-b06-card__bar mc-no-print">
            <span data-testid="book-total">
              <strong>{fmtCount(data.total)}</strong> hồ sơ · {data.period.replace(/^Kỳ báo cáo: /, '')} · {data.unit}
            </span>
          </div>
          <div className="mc-print-only mc-bookhead">
            <div className="mc-bookhead__unit">{data.unit.toLocaleUpperCase('vi')}</div>
            <div className="mc-bookhead__title">SỔ THEO DÕI HỒ SƠ</div>
            <div className="mc-bookhead__period">{data.period}</div>
          </div>
          {data.total === 0 ? (
            <Empty className="mc-book__empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không có hồ sơ nào được tiếp nhận trong kỳ này." />
          ) : (
            <>
              <div className={`mc-b06-scroll mc-book-scroll${book.isFetching && book.isPlaceholderData ? ' is-stale' : ''}`} data-testid="tracking-book">
                <BookTable items={printRows ?? data.items} linkCodes={!printRows} />
              </div>
              {printRows && (
                <div className="mc-print-only mc-bookhead__foot">Tổng số: {fmtCount(printRows.length)} hồ sơ</div>
              )}
              <div className="mc-book__pager mc-no-print">
                <Pagination
                  current={page}
                  pageSize={pageSize}
                  total={data.total}
                  showSizeChanger
                  pageSizeOptions={PAGE_SIZES}
                  showTotal={(t, [a, b]) => `${a}–${b} trên ${fmtCount(t)} hồ sơ`}
                  onChange={(p, ps) => update(ps !== pageSize ? { sodong: String(ps), trang: undefined } : { trang: String(p) })}
                />
              </div>
            </>
          )}
        </Card>
      )}
    </div>
  );
}
