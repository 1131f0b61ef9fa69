// Bộ lọc dùng chung của các trang báo cáo: kỳ báo cáo (tháng, quý, 6 tháng,
// năm hoặc tùy chọn; quy ước tháng dương lịch hoặc 15–14) và cơ quan.
import { useMemo, type ReactNode } from 'react';
import { DatePicker, Radio, Segmented, Select } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { useMe } from '../../../auth';
import { AgencyTreeSelect } from '../../../components/AgencyTreeSelect';
import { descendantIds } from '../../../lib/agencies';
import { fmtDate, fromYmd, todayYmd, toYmd } from '../../../lib/dates';
import { useAgencies } from '../../../queries';
import type { Agency } from '../../../types';
import { currentIndex, indexOptions, periodRange, REPORT_ROLES, type PeriodKind, type PeriodState } from './model';

const KIND_OPTIONS: { value: PeriodKind; label: string }[] = [
  { value: 'month', label: 'Tháng' },
  { value: 'quarter', label: 'Quý' },
  { value: 'half', label: '6 tháng' },
  { value: 'year', label: 'Năm' },
  { value: 'custom', label: 'Tùy chọn' },
];

/** Cơ quan người dùng được xem báo cáo: tất cả (quyền toàn hệ thống) hoặc cây cơ quan được phân quyền. */
function useReportAgencies(): Agency[] {
  const { data: user } = useMe();
  const agencies = useAgencies('all');
  return useMemo(() => {
    const all = agencies.data ?? [];
    const grants = (user?.grants ?? []).filter((g) => REPORT_ROLES.includes(g.role));
    if (grants.some((g) => !g.agencyId)) return all;
    const allowed = new Set<string>();
    for (const g of grants) for (const id of descendantIds(all, g.agencyId!)) allowed.add(id);
    return all.filter((a) => allowed.has(a.id));
  }, [agencies.data, user]);
}

interface Props {
  period: PeriodState;
  onPeriod: (p: PeriodState) => void;
  agency: string | undefined;
  onAgency: (id: string | undefined) => void;
  /** Điều khiển thêm (ví dụ: nhóm theo lĩnh vực / cơ quan). */
  children?: ReactNode;
  /** Cơ quan được chọn, khi trang có phạm vi riêng (mặc định: theo quyền xem báo cáo). */
  agencies?: Agency[];
}

export function ReportFilters({ period, onPeriod, agency, onAgency, children, agencies: only }: Props) {
  const own = useReportAgencies();
  const agencies = only ?? own;
  const range = periodRange(period);
  const thisYear = Number(todayYmd().slice(0, 4));
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: `Năm ${y}` }));

  const setKind = (kind: PeriodKind) => {
    if (kind === 'custom') {
      const r = range ?? { from: undefined, to: undefined };
      onPeriod({ ...period, kind, from: r.from, to: r.to });
      return;
    }
    const cur = currentIndex(kind, todayYmd(), period.convention);
    onPeriod({ ...period, kind, index: cur.index, year: period.kind === 'custom' ? cur.year : period.year });
  };

  return (
    <div className="mc-rfilters" data-testid="report-filters">
      <div className="mc-rfilters__field mc-rfilters__field--period">
        <span className="mc-rfilters__label" id="rf-period">
          <CalendarOutlined /> Kỳ báo cáo
        </span>
        <Segmented<PeriodKind> aria-labelledby="rf-period" options={KIND_OPTIONS} value={period.kind} onChange={setKind} data-testid="period-kind" />
        <div className="mc-rfilters__row">
          {period.kind === 'custom' ? (
            <DatePicker.RangePicker
              format="DD/MM/YYYY"
              allowClear={false}
              value={[fromYmd(period.from) ?? null, fromYmd(period.to) ?? null]}
              onChange={(v) => onPeriod({ ...period, from: toYmd(v?.[0]), to: toYmd(v?.[1]) })}
              placeholder={['Từ ngày', 'Đến ngày']}
              aria-label="Khoảng ngày báo cáo"
            />
          ) : (
            <>
              <Select
                aria-label="Năm"
                options={years}
                value={period.year}
                onChange={(year: number) => onPeriod({ ...period, year })}
                className="mc-rfilters__year"
                data-testid="period-year"
              />
              {period.kind !== 'year' && (
                <Select
                  aria-label={period.kind === 'month' ? 'Tháng' : period.kind === 'quarter' ? 'Quý' : 'Nửa năm'}
                  options={indexOptions(period.kind)}
                  value={period.index}
                  onChange={(index: number) => onPeriod({ ...period, index })}
                  className="mc-rfilters__index"
                  popupMatchSelectWidth={false}
                />
              )}
            </>
          )}
        </div>
        {period.kind !== 'custom' && (
          <Radio.Group
            className="mc-rfilters__convention"
            value={period.convention}
            onChange={(e) => {
              const convention = e.target.value as PeriodState['convention'];
              onPeriod({ ...period, convention });
            }}
            options={[
              { value: 'calendar', label: 'Theo tháng dương lịch' },
              { value: 'reporting', label: 'Từ ngày 15 tháng trước đến ngày 14' },
            ]}
            aria-label="Cách tính kỳ báo cáo"
          />
        )}
        <div className="mc-rfilters__range" data-testid="period-range">
          {range ? `Từ ngày ${fmtDate(range.from)} đến ngày ${fmtDate(range.to)}` : 'Chọn ngày bắt đầu và ngày kết thúc kỳ báo cáo'}
        </div>
      </div>
      <div className="mc-rfilters__field mc-rfilters__field--agency">
        <span className="mc-rfilters__label" id="rf-agency">
          Cơ quan, đơn vị
        </span>
        <AgencyTreeSelect
          aria-labelledby="rf-agency"
          agencies={agencies}
          value={agency}
          onChange={(v?: string) => onAgency(v || undefined)}
          placeholder="Tất cả cơ quan trong phạm vi của bạn"
          className="mc-rfilters__agency"
        />
        {children}
      </div>
    </div>
  );
}
