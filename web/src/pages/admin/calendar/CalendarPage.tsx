import { memo, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Tag,
  TimePicker,
  Tooltip,
  Typography,
} from 'antd';
import {
  CalendarOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  ExclamationCircleFilled,
  LeftOutlined,
  PlusOutlined,
  RightOutlined,
  RollbackOutlined,
  FieldTimeOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, isApiError } from '../../../api';
import { hasRole, useMe } from '../../../auth';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState } from '../../../components/ErrorState';
import { AgencyTreeSelect } from '../../../components/AgencyTreeSelect';
import { useAgencies } from '../../../queries';
import { dayjs, TZ, fmtDateTime } from '../../../lib/dates';
import { useIsMobile } from '../../../lib/hooks';
import { useNotify } from '../../../lib/notify';
import {
  calendarKeys,
  fmtYmd,
  hoursText,
  isoWeekdayOf,
  KIND_LABELS,
  lunarShort,
  MAX_YEAR,
  MIN_YEAR,
  ORIGIN_LABELS,
  splitVnInstant,
  STATUS_LABELS,
  UNIT_LABELS,
  useDue,
  useOfficeHours,
  useSchedule,
  useYearDays,
  weekdayName,
  WEEKDAY_SHORT,
  YEAR_ORIGIN,
  type Basis,
  type CalendarDay,
  type DayKind,
  type DayStatus,
  type DurationUnit,
  type OfficeHoursView,
  type ScheduleView,
} from './model';
import './calendar.css';

const MONTH_NAMES = ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6', 'Tháng 7', 'Tháng 8', 'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12'];
const KIND_COLORS: Record<DayKind, string> = { tet: 'red', holiday: 'volcano', compensatory: 'orange', swap: 'purple' };

function vnNow(): Dayjs {
  // Giờ "treo tường" tại Việt Nam, độc lập với múi giờ của máy.
  return dayjs(dayjs().tz(TZ).format('YYYY-MM-DD HH:mm'), 'YYYY-MM-DD HH:mm');
}

function currentYear(): number {
  return Number(dayjs().tz(TZ).format('YYYY'));
}

function todayYmd(): string {
  return dayjs().tz(TZ).format('YYYY-MM-DD');
}

// ---------------------------------------------------------------------------
// Chọn năm
// ---------------------------------------------------------------------------

function YearPicker({ year, onChange }: { year: number; onChange: (y: number) => void }) {
  const [draft, setDraft] = useState<number | null>(year);
  useEffect(() => setDraft(year), [year]);
  const commit = (v: number | null) => {
    if (v !== null && Number.isInteger(v) && v >= MIN_YEAR && v <= MAX_YEAR) onChange(v);
    else setDraft(year);
  };
  return (
    <Space.Compact className="mc-cal-yearpick">
      <Button aria-label="Năm trước" icon={<LeftOutlined />} disabled={year <= MIN_YEAR} onClick={() => onChange(year - 1)} />
      <InputNumber
        aria-label="Năm"
        data-testid="calendar-year"
        min={MIN_YEAR}
        max={MAX_YEAR}
        controls={false}
        value={draft}
        onChange={(v) => setDraft(typeof v === 'number' ? v : null)}
        onBlur={() => commit(draft)}
        onPressEnter={() => commit(draft)}
        className="mc-cal-yearpick__input"
      />
      <Button aria-label="Năm sau" icon={<RightOutlined />} disabled={year >= MAX_YEAR} onClick={() => onChange(year + 1)} />
      {year !== currentYear() && <Button onClick={() => onChange(currentYear())}>Năm nay</Button>}
    </Space.Compact>
  );
}

// ---------------------------------------------------------------------------
// Lưới 12 tháng
// ---------------------------------------------------------------------------

function dayTitle(d: CalendarDay): string {
  const lunar = `${d.lunar.label} năm ${d.lunar.yearName} (âm lịch)`;
  return `${weekdayName(d.weekday)}, ${fmtYmd(d.date)} — ${lunar} — ${d.reason}`;
}

const DayCell = memo(function DayCell({
  d,
  firstOfMonth,
  today,
  selected,
  onSelect,
  tooltip,
}: {
  d: CalendarDay;
  firstOfMonth: boolean;
  today: boolean;
  selected: boolean;
  onSelect: (date: string) => void;
  tooltip: boolean;
}) {
  const cls = ['mc-cal-day', `mc-cal-day--${d.status}`, d.lunar.day === 1 ? 'is-lunar-first' : '', today ? 'is-today' : '', selected ? 'is-selected' : '']
    .filter(Boolean)
    .join(' ');
  const cell = (
    <button type="button" className={cls} aria-label={dayTitle(d)} aria-pressed={selected} data-date={d.date} onClick={() => onSelect(d.date)}>
      <span className="mc-cal-day__num">{Number(d.date.slice(8, 10))}</span>
      <span className="mc-cal-day__lunar">{lunarShort(d.lunar, firstOfMonth)}</span>
    </button>
  );
  // On a phone a tap opens the day's details instead.
  if (!tooltip) return cell;
  return (
    <Tooltip
      mouseEnterDelay={0.2}
      title={
        <div className="mc-cal-tip">
          <div className="mc-cal-tip__date">
            {weekdayName(d.weekday)}, {fmtYmd(d.date)}
          </div>
          <div className="mc-cal-tip__lunar">
            Âm lịch: {d.lunar.label} năm {d.lunar.yearName}
          </div>
          <div className="mc-cal-tip__reason">{d.reason}</div>
        </div>
      }
    >
      {cell}
    </Tooltip>
  );
});

function MonthGrid({
  month,
  days,
  today,
  selected,
  onSelect,
  tooltip,
}: {
  month: number;
  days: CalendarDay[];
  today: string;
  selected: string | null;
  onSelect: (date: string) => void;
  tooltip: boolean;
}) {
  if (!days.length) return null;
  const lead = days[0].weekday - 1;
  const off = days.filter((d) => !d.working || d.status === 'half_day').length;
  const firstLunar = days[0].lunar;
  const lastLunar = days[days.length - 1].lunar;
  const lunarHint =
    firstLunar.month === lastLunar.month && firstLunar.leap === lastLunar.leap
      ? `Tháng ${firstLunar.month}${firstLunar.leap ? ' nhuận' : ''} âm lịch`
      : `Tháng ${firstLunar.month}${firstLunar.leap ? ' nhuận' : ''}–${lastLunar.month}${lastLunar.leap ? ' nhuận' : ''} âm lịch`;
  return (
    <section className="mc-cal-month" aria-label={MONTH_NAMES[month - 1]}>
      <header className="mc-cal-month__head">
        <span className="mc-cal-month__name">{MONTH_NAMES[month - 1]}</span>
        <span className="mc-cal-month__lunar">{lunarHint}</span>
      </header>
      <div className="mc-cal-month__grid" role="grid">
        {WEEKDAY_SHORT.map((w, i) => (
          <span key={w} className={`mc-cal-month__wd${i >= 5 ? ' is-weekend' : ''}`} role="columnheader">
            {w}
          </span>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <span key={`b${i}`} className="mc-cal-day mc-cal-day--blank" aria-hidden />
        ))}
        {days.map((d, i) => (
          <DayCell key={d.date} d={d} firstOfMonth={i === 0} today={d.date === today} selected={d.date === selected} onSelect={onSelect} tooltip={tooltip} />
        ))}
      </div>
      <footer className="mc-cal-month__foot">
        {days.length - off} ngày làm việc{off ? ` · ${off} ngày nghỉ` : ''}
      </footer>
    </section>
  );
}

const LEGEND: Array<{ status: DayStatus; label: string }> = [
  { status: 'tet', label: 'Tết Nguyên đán' },
  { status: 'holiday', label: 'Ngày lễ' },
  { status: 'compensatory', label: 'Nghỉ bù' },
  { status: 'swap', label: 'Nghỉ hoán đổi' },
  { status: 'working_weekend', label: 'Làm bù (thứ Bảy)' },
  { status: 'half_day', label: 'Nghỉ buổi chiều' },
  { status: 'weekend', label: 'Nghỉ hằng tuần' },
];

function Legend({ days }: { days: CalendarDay[] }) {
  const counts = new Map<DayStatus, number>();
  for (const d of days) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
  return (
    <ul className="mc-cal-legend" aria-label="Chú giải">
      {LEGEND.filter((l) => l.status !== 'half_day' || counts.get('half_day')).map((l) => (
        <li key={l.status}>
          <span className={`mc-cal-legend__swatch mc-cal-day--${l.status}`} aria-hidden />
          {l.label}
          {l.status !== 'weekend' && <span className="mc-cal-legend__count">{counts.get(l.status) ?? 0}</span>}
        </li>
      ))}
      <li>
        <span className="mc-cal-legend__swatch is-today-swatch" aria-hidden />
        Hôm nay
      </li>
    </ul>
  );
}

// ---------------------------------------------------------------------------
// Ngày đang chọn, danh sách ngày nghỉ, căn cứ
// ---------------------------------------------------------------------------

function DayDetailBody({ d, onUse }: { d: CalendarDay; onUse: () => void }) {
  return (
    <>
      <div className={`mc-cal-detail__status mc-cal-day--${d.status}`}>{STATUS_LABELS[d.status]}</div>
      <dl className="mc-cal-dl">
        <dt>Âm lịch</dt>
        <dd>
          {d.lunar.label} năm {d.lunar.yearName}
        </dd>
        <dt>Lý do</dt>
        <dd>{d.reason}</dd>
        <dt>Giờ làm việc</dt>
        <dd>{d.periods.length ? hoursText({ periods: d.periods, cutoff: null }) : 'Không làm việc'}</dd>
        {d.holiday && (
          <>
            <dt>Căn cứ</dt>
            <dd>
              <Tag>{ORIGIN_LABELS[d.holiday.origin]}</Tag> {d.holiday.source}
            </dd>
          </>
        )}
      </dl>
      <Button block icon={<FieldTimeOutlined />} onClick={onUse}>
        Tính hạn từ ngày này
      </Button>
    </>
  );
}

function DayDetail({ d, onUse, onClose }: { d: CalendarDay; onUse: () => void; onClose: () => void }) {
  return (
    <Card
      className="mc-card mc-cal-detail"
      size="small"
      title={
        <span>
          {weekdayName(d.weekday)}, {fmtYmd(d.date)}
        </span>
      }
      extra={
        <Button type="text" size="small" onClick={onClose} aria-label="Đóng">
          ✕
        </Button>
      }
    >
      <DayDetailBody d={d} onUse={onUse} />
    </Card>
  );
}

interface ListRow {
  date: string;
  name: string;
  status: DayStatus;
  kind?: DayKind;
  origin?: string;
  source?: string;
  part?: string;
}

function DaysOffList({ days, year }: { days: CalendarDay[]; year: number }) {
  const rows: ListRow[] = days
    .filter((d) => d.holiday || d.status === 'working_weekend')
    .map((d) =>
      d.holiday
        ? { date: d.date, name: d.holiday.name, status: d.status, kind: d.holiday.kind, origin: ORIGIN_LABELS[d.holiday.origin], source: d.holiday.source, part: d.holiday.part }
        : { date: d.date, name: d.reason, status: d.status },
    );
  if (!rows.length) return <Empty description={`Năm ${year} không có ngày nghỉ lễ nào trong dữ liệu.`} />;
  return (
    <ol className="mc-cal-list" data-testid="days-off-list">
      {rows.map((r) => (
        <li key={r.date} className="mc-cal-list__item">
          <div className={`mc-cal-list__date mc-cal-day--${r.status}`}>
            <span className="mc-cal-list__d">{r.date.slice(8, 10)}</span>
            <span className="mc-cal-list__m">Th{Number(r.date.slice(5, 7))}</span>
          </div>
          <div className="mc-cal-list__body">
            <div className="mc-cal-list__name">
              {r.name}
              {r.part && <Tag className="mc-cal-list__tag">buổi chiều</Tag>}
            </div>
            <div className="mc-cal-list__meta">
              {weekdayName(isoWeekdayOf(r.date))}, {fmtYmd(r.date)}
              {r.kind ? (
                <Tag color={KIND_COLORS[r.kind]} className="mc-cal-list__tag">
                  {KIND_LABELS[r.kind]}
                </Tag>
              ) : (
                <Tag color="green" className="mc-cal-list__tag">
                  Làm bù
                </Tag>
              )}
              {r.origin && <span className="mc-muted">{r.origin}</span>}
            </div>
            {r.source && (
              <Typography.Paragraph className="mc-cal-list__source" ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? 'Thu gọn' : 'Xem thêm') }}>
                {r.source}
              </Typography.Paragraph>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

function BasisList({ basis }: { basis: Basis[] }) {
  const unique = useMemo(() => {
    const seen = new Map<string, Basis & { names: string[] }>();
    for (const b of basis) {
      const key = `${b.origin}|${b.source}`;
      const cur = seen.get(key);
      const ids = b.ruleIds === 'all' ? ['cả năm'] : b.ruleIds;
      if (cur) cur.names.push(...ids);
      else seen.set(key, { ...b, names: [...ids] });
    }
    return [...seen.values()];
  }, [basis]);
  return (
    <ul className="mc-cal-basis">
      {unique.map((b) => (
        <li key={`${b.origin}|${b.source}`}>
          <div className="mc-cal-basis__head">
            <Tag>{ORIGIN_LABELS[b.origin]}</Tag>
            {b.verified ? (
              <span className="mc-cal-basis__ok">
                <CheckCircleFilled /> Đã đối chiếu văn bản
              </span>
            ) : (
              <span className="mc-cal-basis__warn">
                <ExclamationCircleFilled /> Chưa xác minh
              </span>
            )}
          </div>
          <div className="mc-cal-basis__source">{b.source}</div>
          {b.note && <div className="mc-cal-basis__note">{b.note}</div>}
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------------------
// Tính ngày hẹn trả
// ---------------------------------------------------------------------------

interface CalcState {
  received: Dayjs;
  amount: number;
  unit: DurationUnit;
  agency?: string;
}

function DueCalculator({ state, onChange }: { state: CalcState; onChange: (s: CalcState) => void }) {
  const agencies = useAgencies('active');
  const params =
    state.received && state.received.isValid() && Number.isFinite(state.amount) && state.amount >= 0
      ? { from: `${state.received.format('YYYY-MM-DDTHH:mm')}:00+07:00`, amount: state.amount, unit: state.unit, agency: state.agency }
      : null;
  const due = useDue(params);
  const r = due.data ? splitVnInstant(due.data.due) : null;
  const start = due.data ? splitVnInstant(due.data.clockStart) : null;
  return (
    <Card className="mc-card mc-cal-calc" title={<span><ClockCircleOutlined /> Tính ngày hẹn trả</span>}>
      <div className="mc-cal-calc__form">
        <label className="mc-cal-field">
          <span>Thời điểm tiếp nhận</span>
          <DatePicker
            aria-label="Thời điểm tiếp nhận"
            data-testid="calc-received"
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="DD/MM/YYYY HH:mm"
            value={state.received}
            allowClear={false}
            onChange={(v) => v && onChange({ ...state, received: v })}
            className="mc-cal-wide"
            minDate={dayjs(`${MIN_YEAR}-01-01`)}
            maxDate={dayjs(`${MAX_YEAR}-12-31`)}
          />
        </label>
        <div className="mc-cal-field">
          <span>Thời hạn giải quyết</span>
          <Space.Compact className="mc-cal-wide">
            <InputNumber
              aria-label="Thời hạn"
              data-testid="calc-amount"
              min={0}
              max={10000}
              value={state.amount}
              onChange={(v) => onChange({ ...state, amount: typeof v === 'number' ? v : 0 })}
              className="mc-cal-calc__amount"
            />
            <Select<DurationUnit>
              aria-label="Đơn vị thời hạn"
              value={state.unit}
              onChange={(unit) => onChange({ ...state, unit })}
              options={(Object.keys(UNIT_LABELS) as DurationUnit[]).map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
              className="mc-cal-calc__unit"
            />
          </Space.Compact>
        </div>
        <label className="mc-cal-field">
          <span>Cơ quan giải quyết</span>
          <AgencyTreeSelect
            aria-label="Cơ quan giải quyết"
            agencies={agencies.data ?? []}
            value={state.agency}
            onChange={(agency) => onChange({ ...state, agency: agency ?? undefined })}
            placeholder="Giờ hành chính chung"
            loading={agencies.isPending}
            className="mc-cal-wide"
          />
        </label>
      </div>
      <div className="mc-cal-calc__result" data-testid="due-result" aria-live="polite">
        {due.isError ? (
          <Alert type="error" showIcon title={isApiError(due.error) ? due.error.message : 'Không tính được ngày hẹn trả.'} />
        ) : r && start && due.data ? (
          <>
            <div className="mc-cal-calc__label">Ngày hẹn trả kết quả</div>
            <div className="mc-cal-calc__due" data-testid="due-value">
              <span className="mc-cal-calc__weekday">{r.weekday},</span> {r.date} <span className="mc-cal-calc__time">{r.time}</span>
            </div>
            <div className="mc-cal-calc__meta">
              Bắt đầu tính: {start.weekday}, {start.date} {start.time}
              <br />
              Giờ làm việc: {hoursText(due.data.officeHours)}
              {due.data.cutoff ? ` · giờ chốt ${due.data.cutoff}` : ''}
              {due.data.agency ? <><br />{due.data.agency.name}</> : null}
            </div>
          </>
        ) : (
          <Skeleton active paragraph={{ rows: 1 }} title={false} />
        )}
      </div>
    </Card>
  );
}

// ---------------------------------------------------------------------------
// Giờ làm việc của cơ quan
// ---------------------------------------------------------------------------

interface PeriodDraft {
  start: Dayjs | null;
  end: Dayjs | null;
}

const hm = (s: string) => dayjs(s, 'HH:mm');

function OfficeHoursCard({ isAdmin }: { isAdmin: boolean }) {
  const agencies = useAgencies('active');
  const [agencyId, setAgencyId] = useState<string | undefined>();
  const view = useOfficeHours(agencyId);
  const [editing, setEditing] = useState(false);
  const [periods, setPeriods] = useState<PeriodDraft[]>([]);
  const [cutoff, setCutoff] = useState<Dayjs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const notify = useNotify();

  const startEdit = (v: OfficeHoursView) => {
    setPeriods(v.effective.periods.map((p) => ({ start: hm(p.start), end: hm(p.end) })));
    setCutoff(v.effective.cutoff ? hm(v.effective.cutoff) : null);
    setError(null);
    setEditing(true);
  };

  const save = useMutation({
    mutationFn: (officeHours: { periods: { start: string; end: string }[]; cutoff: string | null } | null) =>
      api.put<OfficeHoursView>(`/agencies/${encodeURIComponent(agencyId!)}/office-hours`, { version: view.data!.version, officeHours }),
    onSuccess: (data) => {
      qc.setQueryData(calendarKeys.officeHours(agencyId!), data);
      void qc.invalidateQueries({ queryKey: calendarKeys.all });
      setEditing(false);
      notify.success('Đã lưu giờ làm việc.');
    },
    onError: (e) => {
      if (isApiError(e, 'CONFLICT')) void view.refetch();
      setError(isApiError(e) ? (e.details[0]?.message ?? e.message) : 'Không lưu được giờ làm việc.');
    },
  });

  const submit = () => {
    if (periods.some((p) => !p.start || !p.end)) {
      setError('Hãy nhập đủ giờ bắt đầu và giờ kết thúc của từng buổi.');
      return;
    }
    save.mutate({
      periods: periods.map((p) => ({ start: p.start!.format('HH:mm'), end: p.end!.format('HH:mm') })),
      cutoff: cutoff ? cutoff.format('HH:mm') : null,
    });
  };

  const v = view.data;
  return (
    <Card className="mc-card mc-cal-hours" title={<span><FieldTimeOutlined /> Giờ làm việc của cơ quan</span>}>
      <AgencyTreeSelect
        aria-label="Cơ quan xem giờ làm việc"
        agencies={agencies.data ?? []}
        value={agencyId}
        onChange={(id) => {
          setAgencyId(id ?? undefined);
          setEditing(false);
        }}
        placeholder="Chọn cơ quan, đơn vị"
        loading={agencies.isPending}
        className="mc-cal-wide"
      />
      {!agencyId ? (
        <p className="mc-cal-hours__hint">
          Mặc định: 07:00–11:30 và 13:30–17:00 (8 giờ một ngày làm việc). Mỗi cơ quan có thể đặt giờ riêng; đơn vị trực thuộc dùng giờ của cấp trên gần nhất.
        </p>
      ) : view.isError ? (
        <ErrorState error={view.error} onRetry={() => view.refetch()} />
      ) : !v ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : !editing ? (
        <div className="mc-cal-hours__view">
          <div className="mc-cal-hours__chips">
            {v.effective.periods.map((p) => (
              <span key={p.start} className="mc-cal-chip">
                {p.start}–{p.end}
              </span>
            ))}
            {v.effective.cutoff && <span className="mc-cal-chip mc-cal-chip--cutoff">Giờ chốt {v.effective.cutoff}</span>}
          </div>
          <div className="mc-muted mc-cal-hours__from">
            {v.own ? 'Giờ riêng của cơ quan này.' : v.inheritedFrom ? `Theo cơ quan cấp trên: ${v.inheritedFrom.name}.` : 'Giờ hành chính mặc định.'}
          </div>
          {isAdmin && (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => startEdit(v)} data-testid="hours-edit">
                Đặt giờ riêng
              </Button>
              {v.own && (
                <Popconfirm title="Bỏ giờ riêng, dùng giờ của cơ quan cấp trên?" okText="Đồng ý" cancelText="Hủy" onConfirm={() => save.mutate(null)}>
                  <Button icon={<RollbackOutlined />} loading={save.isPending}>
                    Theo cấp trên
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )}
        </div>
      ) : (
        <div className="mc-cal-hours__form">
          {periods.map((p, i) => (
            <div key={i} className="mc-cal-hours__row">
              <span className="mc-cal-hours__label">Buổi {i + 1}</span>
              <TimePicker
                aria-label={`Buổi ${i + 1}: bắt đầu`}
                format="HH:mm"
                minuteStep={5}
                needConfirm={false}
                value={p.start}
                onChange={(t) => setPeriods(periods.map((x, k) => (k === i ? { ...x, start: t } : x)))}
              />
              <span aria-hidden>–</span>
              <TimePicker
                aria-label={`Buổi ${i + 1}: kết thúc`}
                format="HH:mm"
                minuteStep={5}
                needConfirm={false}
                value={p.end}
                onChange={(t) => setPeriods(periods.map((x, k) => (k === i ? { ...x, end: t } : x)))}
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`Xóa buổi ${i + 1}`}
                disabled={periods.length <= 1}
                onClick={() => setPeriods(periods.filter((_, k) => k !== i))}
              />
            </div>
          ))}
          {periods.length < 4 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => setPeriods([...periods, { start: null, end: null }])} block>
              Thêm buổi
            </Button>
          )}
          <div className="mc-cal-hours__row">
            <span className="mc-cal-hours__label">Giờ chốt</span>
            <TimePicker aria-label="Giờ chốt" format="HH:mm" minuteStep={5} needConfirm={false} value={cutoff} onChange={setCutoff} allowClear placeholder="Không có" />
          </div>
          <p className="mc-cal-hours__hint">Hồ sơ nhận sau giờ chốt được tính từ ngày làm việc tiếp theo.</p>
          {error && <Alert type="error" showIcon title={error} className="mc-cal-gap" />}
          <Space>
            <Button onClick={() => setEditing(false)}>Hủy</Button>
            <Button type="primary" loading={save.isPending} onClick={submit} data-testid="hours-save">
              Lưu giờ làm việc
            </Button>
          </Space>
        </div>
      )}
    </Card>
  );
}

// ---------------------------------------------------------------------------
// Sửa lịch nghỉ của năm
// ---------------------------------------------------------------------------

interface DayDraft {
  key: number;
  date: string | null;
  name: string;
  kind: DayKind;
  part?: 'afternoon';
}

interface SatDraft {
  key: number;
  date: string | null;
}

let draftKey = 0;
const nextKey = () => ++draftKey;

function initialDraft(s: ScheduleView) {
  const own = s.effective.days.filter((d) => d.holidayYear === undefined);
  const block = s.override?.blocks.length === 1 ? s.override.blocks[0] : null;
  return {
    days: own.map((d): DayDraft => ({ key: nextKey(), date: d.date, name: d.name, kind: d.kind, ...(d.part ? { part: d.part } : {}) })),
    sats: s.effective.workingSaturdays.filter((x) => x.startsWith(String(s.year))).map((date): SatDraft => ({ key: nextKey(), date })),
    source: block?.source ?? '',
    verified: block?.verified ?? true,
    note: s.override?.note ?? '',
  };
}

function ScheduleEditor({ year, onClose }: { year: number; onClose: () => void }) {
  const mobile = useIsMobile();
  const schedule = useSchedule(year, true);
  const qc = useQueryClient();
  const notify = useNotify();
  const [draft, setDraft] = useState<ReturnType<typeof initialDraft> | null>(null);
  const [version, setVersion] = useState(0);
  const [problem, setProblem] = useState<{ message: string; paths: string[]; conflict?: boolean } | null>(null);

  useEffect(() => {
    if (schedule.data && draft === null) {
      setDraft(initialDraft(schedule.data));
      setVersion(schedule.data.version);
    }
  }, [schedule.data, draft]);

  const save = useMutation({
    mutationFn: (body: object) => api.put<ScheduleView>(`/calendar/schedules/${year}`, body),
    onSuccess: (data) => {
      qc.setQueryData(calendarKeys.schedule(year), data);
      void qc.invalidateQueries({ queryKey: calendarKeys.all });
      notify.success(`Đã lưu lịch nghỉ năm ${year}.`);
      onClose();
    },
    onError: (e) => {
      if (isApiError(e, 'CONFLICT')) {
        setProblem({ message: e.message, paths: [], conflict: true });
      } else if (isApiError(e)) {
        setProblem({ message: e.details[0]?.message ?? e.message, paths: e.details.map((d) => d.path) });
      } else setProblem({ message: 'Không lưu được lịch nghỉ. Vui lòng thử lại.', paths: [] });
    },
  });

  const reload = async () => {
    const fresh = await schedule.refetch();
    if (fresh.data) {
      setDraft(initialDraft(fresh.data));
      setVersion(fresh.data.version);
      setProblem(null);
    }
  };

  const pickerValue = dayjs(`${year}-01-01`);
  const inYear = (d: Dayjs) => Math.abs(d.year() - year) > 1;
  const hasError = (path: string) => problem?.paths.some((p) => p.startsWith(path)) ?? false;

  const submit = () => {
    if (!draft) return;
    const missing = draft.days.findIndex((d) => !d.date || !d.name.trim());
    if (missing >= 0) {
      setProblem({ message: `Dòng ${missing + 1}: hãy nhập đủ ngày và tên ngày nghỉ.`, paths: [`blocks.0.days.${missing}`] });
      return;
    }
    if (!draft.source.trim()) {
      setProblem({ message: 'Hãy ghi văn bản căn cứ (số, ngày, cơ quan ban hành).', paths: ['blocks.0.source'] });
      return;
    }
    setProblem(null);
    save.mutate({
      expectedVersion: version,
      note: draft.note.trim() || null,
      blocks: [
        {
          replaces: 'all',
          source: draft.source.trim(),
          verified: draft.verified,
          days: draft.days.map((d) => ({ date: d.date!, name: d.name.trim(), kind: d.kind, ...(d.part ? { part: d.part } : {}) })),
          workingSaturdays: draft.sats.filter((s) => s.date).map((s) => s.date!),
        },
      ],
    });
  };

  const s = schedule.data;
  const neighbours = s?.effective.days.filter((d) => d.holidayYear !== undefined) ?? [];
  return (
    <Drawer
      open
      onClose={onClose}
      destroyOnHidden
      size={mobile ? '100%' : 760}
      title={`Sửa lịch nghỉ năm ${year}`}
      footer={
        <div className="mc-drawer-footer">
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" loading={save.isPending} disabled={!draft} onClick={submit} data-testid="schedule-save">
            Lưu lịch năm {year}
          </Button>
        </div>
      }
    >
      {schedule.isError ? (
        <ErrorState error={schedule.error} onRetry={() => schedule.refetch()} />
      ) : !draft || !s ? (
        <Skeleton active />
      ) : (
        <div className="mc-cal-editor">
          <Alert
            type="info"
            showIcon
            title="Lịch đã sửa thay cho toàn bộ ngày nghỉ của năm"
            description={
              <>
                Danh sách dưới đây là lịch đang áp dụng ({YEAR_ORIGIN[s.origin].label.toLowerCase()}). Khi lưu, lịch này được ưu tiên hơn lịch chính thức và quy định. Ngày
                hẹn trả đã in trên giấy tiếp nhận không tự thay đổi; lịch mới áp dụng cho hồ sơ tiếp nhận hoặc tiếp tục xử lý sau khi lưu.
              </>
            }
          />
          {problem && (
            <Alert
              className="mc-cal-gap"
              type="error"
              showIcon
              title={problem.message}
              action={
                problem.conflict ? (
                  <Button size="small" onClick={reload}>
                    Tải lại lịch mới nhất
                  </Button>
                ) : undefined
              }
            />
          )}

          <label className="mc-cal-field">
            <span>Văn bản căn cứ</span>
            <Input.TextArea
              data-testid="schedule-source"
              aria-label="Văn bản căn cứ"
              status={hasError('blocks.0.source') ? 'error' : undefined}
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={2000}
              placeholder="Ví dụ: Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ về lịch nghỉ Tết Âm lịch"
              value={draft.source}
              onChange={(e) => setDraft({ ...draft, source: e.target.value })}
            />
          </label>
          <Checkbox checked={draft.verified} onChange={(e) => setDraft({ ...draft, verified: e.target.checked })}>
            Đã đối chiếu với văn bản gốc
          </Checkbox>

          <div className="mc-cal-editor__section">
            <Typography.Title level={5}>Ngày nghỉ ({draft.days.length})</Typography.Title>
            <div className="mc-cal-editor__rows">
              {draft.days.map((d, i) => (
                <div key={d.key} className={`mc-cal-editor__row${hasError(`blocks.0.days.${i}`) ? ' has-error' : ''}`} data-testid={`schedule-day-${i}`}>
                  <DatePicker
                    aria-label={`Ngày nghỉ ${i + 1}`}
                    format="DD/MM/YYYY"
                    value={d.date ? dayjs(d.date) : null}
                    defaultPickerValue={pickerValue}
                    disabledDate={inYear}
                    onChange={(v) => setDraft({ ...draft, days: draft.days.map((x) => (x.key === d.key ? { ...x, date: v ? v.format('YYYY-MM-DD') : null } : x)) })}
                    className="mc-cal-editor__date"
                  />
                  <Input
                    aria-label={`Tên ngày nghỉ ${i + 1}`}
                    value={d.name}
                    maxLength={200}
                    placeholder="Tên ngày nghỉ"
                    onChange={(e) => setDraft({ ...draft, days: draft.days.map((x) => (x.key === d.key ? { ...x, name: e.target.value } : x)) })}
                    className="mc-cal-editor__name"
                  />
                  <Select<DayKind>
                    aria-label={`Loại ngày nghỉ ${i + 1}`}
                    value={d.kind}
                    onChange={(kind) => setDraft({ ...draft, days: draft.days.map((x) => (x.key === d.key ? { ...x, kind } : x)) })}
                    options={(Object.keys(KIND_LABELS) as DayKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                    className="mc-cal-editor__kind"
                  />
                  <Checkbox
                    className="mc-cal-editor__part"
                    checked={d.part === 'afternoon'}
                    onChange={(e) =>
                      setDraft({
                        ...draft,
                        days: draft.days.map((x) => (x.key === d.key ? { ...x, part: e.target.checked ? ('afternoon' as const) : undefined } : x)),
                      })
                    }
                  >
                    Chỉ buổi chiều
                  </Checkbox>
                  <Button
                    type="text"
                    danger
                    className="mc-cal-editor__del"
                    icon={<DeleteOutlined />}
                    aria-label={`Xóa ngày nghỉ ${i + 1}`}
                    onClick={() => setDraft({ ...draft, days: draft.days.filter((x) => x.key !== d.key) })}
                  />
                </div>
              ))}
            </div>
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              data-testid="schedule-add-day"
              onClick={() => setDraft({ ...draft, days: [...draft.days, { key: nextKey(), date: null, name: '', kind: 'holiday' }] })}
            >
              Thêm ngày nghỉ
            </Button>
          </div>

          <div className="mc-cal-editor__section">
            <Typography.Title level={5}>Ngày làm bù ({draft.sats.filter((x) => x.date).length})</Typography.Title>
            <p className="mc-muted">Thứ Bảy (hoặc Chủ nhật) làm việc để đổi lấy một ngày nghỉ hoán đổi.</p>
            <div className="mc-cal-editor__rows">
              {draft.sats.map((x, i) => (
                <div key={x.key} className={`mc-cal-editor__row${hasError(`blocks.0.workingSaturdays.${i}`) ? ' has-error' : ''}`}>
                  <DatePicker
                    aria-label={`Ngày làm bù ${i + 1}`}
                    format="DD/MM/YYYY"
                    value={x.date ? dayjs(x.date) : null}
                    defaultPickerValue={pickerValue}
                    disabledDate={(d) => inYear(d) || (d.day() !== 6 && d.day() !== 0)}
                    onChange={(v) => setDraft({ ...draft, sats: draft.sats.map((y) => (y.key === x.key ? { ...y, date: v ? v.format('YYYY-MM-DD') : null } : y)) })}
                    className="mc-cal-editor__date"
                  />
                  <span className="mc-muted mc-cal-editor__grow">{x.date ? `${weekdayName(isoWeekdayOf(x.date))}, ${fmtYmd(x.date)}` : 'Chọn thứ Bảy làm bù'}</span>
                  <Button
                    type="text"
                    danger
                    className="mc-cal-editor__del"
                    icon={<DeleteOutlined />}
                    aria-label={`Xóa ngày làm bù ${i + 1}`}
                    onClick={() => setDraft({ ...draft, sats: draft.sats.filter((y) => y.key !== x.key) })}
                  />
                </div>
              ))}
            </div>
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => setDraft({ ...draft, sats: [...draft.sats, { key: nextKey(), date: null }] })}>
              Thêm ngày làm bù
            </Button>
          </div>

          {neighbours.length > 0 && (
            <Alert
              className="mc-cal-gap"
              type="warning"
              showIcon
              title="Ngày thuộc lịch của năm liền kề"
              description={
                <ul className="mc-cal-editor__neighbours">
                  {neighbours.map((d) => (
                    <li key={d.date}>
                      {fmtYmd(d.date)}: {d.name} (sửa trong lịch năm {d.holidayYear})
                    </li>
                  ))}
                </ul>
              }
            />
          )}

          <label className="mc-cal-field">
            <span>Ghi chú</span>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
          </label>
          {s.lastChange && (
            <div className="mc-muted">
              Lần sửa gần nhất: {fmtDateTime(s.lastChange.at)}
              {s.lastChange.by ? ` — ${s.lastChange.by}` : ''}
              {s.lastChange.reverted ? ' (đã khôi phục lịch chính thức)' : ''}
            </div>
          )}
        </div>
      )}
    </Drawer>
  );
}

// ---------------------------------------------------------------------------
// Trang
// ---------------------------------------------------------------------------

export default function CalendarPage() {
  const me = useMe();
  const isAdmin = hasRole(me.data, 'admin');
  const [params, setParams] = useSearchParams();
  const parsed = Number(params.get('nam'));
  const year = Number.isInteger(parsed) && parsed >= MIN_YEAR && parsed <= MAX_YEAR ? parsed : currentYear();
  const setYear = (y: number) => {
    const next = new URLSearchParams(params);
    next.set('nam', String(y));
    setParams(next, { replace: true });
  };
  const days = useYearDays(year);
  const schedule = useSchedule(year, isAdmin);
  const [selected, setSelected] = useState<string | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  const [calc, setCalc] = useState<CalcState>(() => ({ received: vnNow(), amount: 5, unit: 'working_days' }));
  const qc = useQueryClient();
  const notify = useNotify();
  const today = todayYmd();
  const mobile = useIsMobile();
  const startFromDay = (d: CalendarDay) => {
    setCalc({ ...calc, received: dayjs(`${d.date} ${d.periods[0]?.start ?? '08:00'}`, 'YYYY-MM-DD HH:mm') });
    if (mobile) {
      setSelected(null);
      document.querySelector('.mc-cal-calc')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  };

  const revert = useMutation({
    mutationFn: () => api.delete<ScheduleView>(`/calendar/schedules/${year}`, { query: { expectedVersion: schedule.data?.version ?? 0 } }),
    onSuccess: (data) => {
      qc.setQueryData(calendarKeys.schedule(year), data);
      void qc.invalidateQueries({ queryKey: calendarKeys.all });
      notify.success(`Đã khôi phục lịch nghỉ năm ${year}.`);
    },
    onError: (e) => {
      notify.error(e);
      void schedule.refetch();
    },
  });

  const byMonth = useMemo(() => {
    const out: CalendarDay[][] = Array.from({ length: 12 }, () => []);
    for (const d of days.data?.days ?? []) out[Number(d.date.slice(5, 7)) - 1].push(d);
    return out;
  }, [days.data]);
  const selectedDay = selected && days.data?.year === year ? days.data.days.find((d) => d.date === selected) : undefined;
  const data = days.data;
  const offCount = data ? data.days.filter((d) => d.holiday && !d.holiday.part).length : 0;
  const satCount = data ? data.days.filter((d) => d.status === 'working_weekend').length : 0;
  const origin = data ? YEAR_ORIGIN[data.origin] : null;

  return (
    <div className="mc-cal">
      <PageHeader
        title="Lịch làm việc"
        icon={<CalendarOutlined />}
        description="Ngày nghỉ lễ, Tết, nghỉ bù, ngày làm bù và giờ làm việc — căn cứ tính ngày hẹn trả kết quả."
        extra={<YearPicker year={year} onChange={(y) => { setYear(y); setSelected(null); }} />}
      />
      {days.isError && !days.data ? (
        <ErrorState error={days.error} onRetry={() => days.refetch()} />
      ) : (
        <>
          <div className="mc-cal-summary">
            <div className="mc-cal-summary__title">
              <span className="mc-cal-summary__year" data-testid="calendar-title">
                Năm {year}
              </span>
              {data && <span className="mc-cal-summary__lunar">Âm lịch: {data.lunarYearName}</span>}
              {origin && (
                <Tooltip title={origin.hint}>
                  <Tag color={origin.color} className="mc-cal-summary__origin" data-testid="calendar-origin">
                    {origin.label}
                  </Tag>
                </Tooltip>
              )}
            </div>
            <div className="mc-cal-summary__stats">
              <div>
                <strong>{data?.workingDays ?? '—'}</strong>
                <span>ngày làm việc</span>
              </div>
              <div>
                <strong>{data ? offCount : '—'}</strong>
                <span>ngày nghỉ lễ, Tết</span>
              </div>
              <div>
                <strong>{data ? satCount : '—'}</strong>
                <span>ngày làm bù</span>
              </div>
            </div>
            {isAdmin && (
              <div className="mc-cal-summary__actions">
                <Button type="primary" icon={<EditOutlined />} onClick={() => setEditorOpen(true)} data-testid="schedule-edit">
                  Sửa lịch năm {year}
                </Button>
                {schedule.data?.origin === 'override' && (
                  <Popconfirm
                    title={`Khôi phục lịch năm ${year}?`}
                    description="Bỏ lịch đã sửa, trở về lịch chính thức hoặc theo quy định."
                    okText="Khôi phục"
                    cancelText="Hủy"
                    onConfirm={() => revert.mutate()}
                  >
                    <Button icon={<RollbackOutlined />} loading={revert.isPending} data-testid="schedule-revert">
                      Khôi phục
                    </Button>
                  </Popconfirm>
                )}
              </div>
            )}
          </div>

          <div className="mc-cal-layout">
            <div className="mc-cal-layout__main">
              <Card className="mc-card mc-cal-year">
                {data ? <Legend days={data.days} /> : null}
                {!data ? (
                  <Skeleton active paragraph={{ rows: 12 }} />
                ) : (
                  <div className={`mc-cal-months${days.isFetching && days.isPlaceholderData ? ' is-stale' : ''}`} data-testid="calendar-months">
                    {byMonth.map((list, i) => (
                      <MonthGrid key={i} month={i + 1} days={list} today={today} selected={selected} onSelect={setSelected} tooltip={!mobile} />
                    ))}
                  </div>
                )}
              </Card>
              <Card className="mc-card" title={`Ngày nghỉ lễ, Tết và ngày làm bù năm ${year}`}>
                {data ? <DaysOffList days={data.days} year={year} /> : <Skeleton active />}
              </Card>
              <Card className="mc-card" title="Căn cứ pháp lý">
                {data ? <BasisList basis={data.basis} /> : <Skeleton active />}
              </Card>
            </div>
            <aside className="mc-cal-layout__side">
              {selectedDay && !mobile && <DayDetail d={selectedDay} onClose={() => setSelected(null)} onUse={() => startFromDay(selectedDay)} />}
              <DueCalculator state={calc} onChange={setCalc} />
              <OfficeHoursCard isAdmin={isAdmin} />
            </aside>
          </div>
        </>
      )}
      {mobile && (
        <Drawer
          open={!!selectedDay}
          placement="bottom"
          size="auto"
          onClose={() => setSelected(null)}
          title={selectedDay ? `${weekdayName(selectedDay.weekday)}, ${fmtYmd(selectedDay.date)}` : ''}
          className="mc-cal-daydrawer"
        >
          {selectedDay && <DayDetailBody d={selectedDay} onUse={() => startFromDay(selectedDay)} />}
        </Drawer>
      )}
      {editorOpen && <ScheduleEditor year={year} onClose={() => setEditorOpen(false)} />}
    </div>
  );
}
