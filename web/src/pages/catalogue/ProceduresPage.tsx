import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Breadcrumb, Button, Drawer, Empty, Input, Pagination, Radio, Select, Skeleton, TreeSelect } from 'antd';
import {
  AppstoreOutlined,
  BankOutlined,
  ClockCircleOutlined,
  CloseOutlined,
  FilterOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { ErrorState } from '../../components/ErrorState';
import { PATHS } from '../../paths';
import { useDebounced, useDocumentTitle, useIsMobile, useIsPhone } from '../../lib/hooks';
import { matches } from '../../lib/text';
import {
  filtersFromParams,
  fmtDuration,
  highlightParts,
  LEVEL_LABELS,
  ONLINE_LABELS,
  PAGE_SIZES,
  paramsFromFilters,
  useFields,
  useProcedureList,
  usePublicAgencies,
  type CatalogueFilters,
  type FieldCount,
  type OnlineType,
  type ProcedureLevel,
  type ProcedureSummary,
  type PublicAgency,
} from './model';
import { OnlineBadge } from './OnlineBadge';
import './catalogue.css';

const LEVEL_OPTIONS: { value: ProcedureLevel | ''; label: string }[] = [
  { value: '', label: 'Tất cả các cấp' },
  { value: 'province', label: LEVEL_LABELS.province },
  { value: 'commune', label: LEVEL_LABELS.commune },
  { value: 'central', label: LEVEL_LABELS.central },
];

const ONLINE_OPTIONS: { value: OnlineType | ''; label: string }[] = [
  { value: '', label: 'Tất cả' },
  { value: 'full', label: 'Toàn trình' },
  { value: 'partial', label: 'Một phần' },
  { value: 'none', label: 'Không trực tuyến' },
];

/** Số lĩnh vực hiện thành nút chọn nhanh dưới ô tìm kiếm. */
const QUICK_FIELDS = 8;

interface TreeNode {
  value: string;
  title: string;
  search: string;
  children?: TreeNode[];
}

/** Cây cơ quan cho bộ lọc: giá trị là mã định danh (ổn định, đọc được trên URL). */
function agencyTree(items: PublicAgency[]): TreeNode[] {
  const byId = new Map(items.map((a) => [a.id, { a, node: { value: a.code, title: a.name, search: `${a.name} ${a.shortName ?? ''} ${a.code}` } as TreeNode }]));
  const roots: TreeNode[] = [];
  for (const { a, node } of byId.values()) {
    const parent = a.parentId ? byId.get(a.parentId) : undefined;
    if (parent) (parent.node.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

function agencySummary(p: ProcedureSummary): string {
  const names = p.agencies.map((a) => a.name);
  if (names.length === 0) return 'Chưa xác định cơ quan thực hiện';
  if (names.length <= 2) return names.join('; ');
  return `${names[0]} và ${names.length - 1} cơ quan khác`;
}

function Highlight({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightParts(text, query).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}

function ProcedureItem({ p, query }: { p: ProcedureSummary; query: string }) {
  const first = p.cases[0];
  return (
    <li>
      <Link to={`${PATHS.procedures}/${encodeURIComponent(p.code)}`} className="mc-proc-item" data-testid="procedure-item">
        <div className="mc-proc-item__top">
          <span className="mc-proc-code">{p.code}</span>
          {p.levels.map((l) => (
            <span key={l} className={`mc-level mc-level--${l}`}>
              {LEVEL_LABELS[l]}
            </span>
          ))}
          <span className="mc-proc-item__spacer" />
          <OnlineBadge type={p.onlineType} />
        </div>
        <h3 className="mc-proc-item__name">
          <Highlight text={p.name} query={query} />
        </h3>
        <div className="mc-proc-item__meta">
          <span>
            <AppstoreOutlined /> {p.field.name}
          </span>
          {first && (
            <span>
              <ClockCircleOutlined /> {fmtDuration(first.durationAmount, first.durationUnit)}
              {p.cases.length > 1 && <span className="mc-muted"> (+{p.cases.length - 1} trường hợp)</span>}
            </span>
          )}
          <span className="mc-proc-item__agency">
            <BankOutlined /> {agencySummary(p)}
          </span>
        </div>
      </Link>
    </li>
  );
}

interface FiltersProps {
  filters: CatalogueFilters;
  fields: FieldCount[];
  agencies: PublicAgency[];
  agenciesLoading: boolean;
  onChange: (patch: Partial<CatalogueFilters>) => void;
  onClear: () => void;
  activeCount: number;
  idPrefix: string;
}

function Filters({ filters, fields, agencies, agenciesLoading, onChange, onClear, activeCount, idPrefix }: FiltersProps) {
  const tree = useMemo(() => agencyTree(agencies), [agencies]);
  const id = (s: string) => `${idPrefix}-${s}`;
  return (
    <div className="mc-cat-filters__body">
      <div className="mc-cat-filter">
        <label htmlFor={id('field')} className="mc-cat-filter__label">
          Lĩnh vực
        </label>
        <Select
          id={id('field')}
          value={filters.field ?? undefined}
          placeholder="Tất cả lĩnh vực"
          allowClear
          showSearch={{ filterOption: (input, o) => matches(input, String(o?.title ?? '')) }}
          options={fields.map((f) => ({ value: f.code, title: f.name, label: <FieldOption f={f} /> }))}
          onChange={(v?: string) => onChange({ field: v || undefined })}
          style={{ width: '100%' }}
          popupMatchSelectWidth={false}
          styles={{ popup: { root: { maxWidth: 'min(420px, calc(100vw - 24px))' } } }}
          listHeight={360}
        />
      </div>
      <fieldset className="mc-cat-filter">
        <legend className="mc-cat-filter__label">Cấp thực hiện</legend>
        <Radio.Group
          className="mc-cat-radios"
          value={filters.level ?? ''}
          onChange={(e) => onChange({ level: (e.target.value as ProcedureLevel | '') || undefined })}
          options={LEVEL_OPTIONS}
        />
      </fieldset>
      <div className="mc-cat-filter">
        <label htmlFor={id('agency')} className="mc-cat-filter__label">
          Cơ quan thực hiện
        </label>
        <TreeSelect<string>
          id={id('agency')}
          value={filters.agencyCode ?? undefined}
          placeholder="Tất cả cơ quan"
          allowClear
          loading={agenciesLoading}
          treeData={tree}
          treeDefaultExpandedKeys={tree.map((n) => n.value)}
          showSearch={{ filterTreeNode: (input, node) => matches(input, (node as unknown as TreeNode).search) }}
          onChange={(v?: string) => onChange({ agencyCode: v || undefined })}
          style={{ width: '100%' }}
          popupMatchSelectWidth={false}
          styles={{ popup: { root: { maxWidth: 'min(480px, calc(100vw - 24px))' } } }}
          listHeight={360}
          treeLine
        />
      </div>
      <fieldset className="mc-cat-filter">
        <legend className="mc-cat-filter__label">Dịch vụ công trực tuyến</legend>
        <Radio.Group
          className="mc-cat-radios"
          value={filters.online ?? ''}
          onChange={(e) => onChange({ online: (e.target.value as OnlineType | '') || undefined })}
          options={ONLINE_OPTIONS}
        />
      </fieldset>
      <Button block icon={<CloseOutlined />} disabled={activeCount === 0} onClick={onClear} data-testid="filters-clear">
        Xóa bộ lọc
      </Button>
    </div>
  );
}

function FieldOption({ f }: { f: FieldCount }) {
  return (
    <span className="mc-field-option">
      <span className="mc-field-option__name">{f.name}</span>
      <span className="mc-field-option__count">{f.count}</span>
    </span>
  );
}

function ResultsSkeleton() {
  return (
    <ul className="mc-proc-list" aria-hidden>
      {Array.from({ length: 5 }, (_, i) => (
        <li key={i} className="mc-proc-item mc-proc-item--skeleton">
          <Skeleton active title={{ width: '70%' }} paragraph={{ rows: 2, width: ['40%', '85%'] }} />
        </li>
      ))}
    </ul>
  );
}

export default function ProceduresPage() {
  useDocumentTitle('Danh mục thủ tục hành chính');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const mobile = useIsMobile();
  const phone = useIsPhone();
  const [drawer, setDrawer] = useState(false);
  const resultsRef = useRef<HTMLDivElement>(null);

  const fields = useFields();
  const agencies = usePublicAgencies();

  const update = (patch: Partial<CatalogueFilters>, replace = false) => {
    const next = { ...filtersRef.current, page: 1, ...patch };
    setParams(paramsFromFilters(next), { replace, preventScrollReset: true });
  };

  // Ô tìm kiếm: gõ tới đâu tìm tới đó (trễ 350 ms); URL luôn phản ánh từ khóa đang tìm.
  const [text, setText] = useState(filters.q);
  const debounced = useDebounced(text, 350);
  const pushed = useRef(filters.q);
  useEffect(() => {
    // URL đổi từ bên ngoài (nút Quay lại, chọn nhanh, liên kết): đưa từ khóa về ô tìm kiếm.
    if (filters.q !== pushed.current) {
      pushed.current = filters.q;
      setText(filters.q);
    }
  }, [filters.q]);
  useEffect(() => {
    const q = debounced.trim();
    if (q === filtersRef.current.q.trim()) return;
    pushed.current = q;
    // Bắt đầu một lượt tìm mới: thêm vào lịch sử; gõ tiếp: thay thế, để nút Quay lại không đi qua từng chữ.
    update({ q }, filtersRef.current.q !== '');
  }, [debounced]);
  const submitSearch = () => {
    const q = text.trim();
    pushed.current = q;
    if (q !== filters.q) update({ q });
  };

  // Cơ quan trên URL là mã định danh; API lọc theo id.
  const agencyId = filters.agencyCode ? (agencies.data?.find((a) => a.code === filters.agencyCode)?.id ?? filters.agencyCode) : undefined;
  const waitingForAgency = !!filters.agencyCode && agencies.isPending;
  const list = useProcedureList(
    {
      q: filters.q || undefined,
      field: filters.field,
      level: filters.level,
      agency: agencyId,
      online: filters.online,
      page: filters.page,
      pageSize: filters.pageSize,
    },
    !waitingForAgency,
  );

  const fieldList = useMemo(() => (fields.data ?? []).filter((f) => f.count > 0), [fields.data]);
  const totalAll = useMemo(() => fieldList.reduce((n, f) => n + f.count, 0), [fieldList]);
  const quick = useMemo(() => [...fieldList].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi')).slice(0, QUICK_FIELDS), [fieldList]);
  const fieldName = (code: string) => fieldList.find((f) => f.code === code)?.name ?? code;
  const agencyName = (code: string) => agencies.data?.find((a) => a.code === code)?.name ?? code;

  const chips: { key: string; label: string; clear: Partial<CatalogueFilters> }[] = [];
  if (filters.q) chips.push({ key: 'q', label: `Từ khóa: “${filters.q}”`, clear: { q: '' } });
  if (filters.field) chips.push({ key: 'field', label: `Lĩnh vực: ${fieldName(filters.field)}`, clear: { field: undefined } });
  if (filters.level) chips.push({ key: 'level', label: LEVEL_LABELS[filters.level], clear: { level: undefined } });
  if (filters.agencyCode) chips.push({ key: 'agency', label: `Cơ quan: ${agencyName(filters.agencyCode)}`, clear: { agencyCode: undefined } });
  if (filters.online) {
    chips.push({
      key: 'online',
      label: filters.online === 'none' ? 'Không trực tuyến' : `Trực tuyến ${ONLINE_LABELS[filters.online].toLowerCase()}`,
      clear: { online: undefined },
    });
  }
  const activeCount = chips.filter((c) => c.key !== 'q').length;
  const clearAll = () => setParams(paramsFromFilters({ q: '', page: 1, pageSize: filters.pageSize }), { preventScrollReset: true });
  const clearFilters = () => update({ field: undefined, level: undefined, agencyCode: undefined, online: undefined });

  const filterPanel = (prefix: string) => (
    <Filters
      idPrefix={prefix}
      filters={filters}
      fields={fieldList}
      agencies={agencies.data ?? []}
      agenciesLoading={agencies.isPending}
      onChange={(p) => update(p)}
      onClear={clearFilters}
      activeCount={activeCount}
    />
  );

  const data = list.data;
  const total = data?.total ?? 0;
  const firstLoad = list.isPending || waitingForAgency;

  const changePage = (page: number, pageSize: number) => {
    update({ page: pageSize !== filters.pageSize ? 1 : page, pageSize });
    resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  let body: ReactNode;
  if (list.isError && !data) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (firstLoad) body = <ResultsSkeleton />;
  else if (data && data.items.length === 0) {
    body = (
      <div className="mc-cat-empty" data-testid="catalogue-empty">
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <div className="mc-cat-empty__title">Không tìm thấy thủ tục phù hợp</div>
              <div className="mc-cat-empty__hint">
                {filters.page > 1 && total > 0
                  ? 'Trang này không còn kết quả.'
                  : 'Hãy thử từ khóa ngắn hơn (có dấu hoặc không dấu đều được), hoặc bỏ bớt bộ lọc.'}
              </div>
            </>
          }
        >
          {filters.page > 1 && total > 0 ? (
            <Button type="primary" onClick={() => update({ page: 1 })}>
              Về trang đầu
            </Button>
          ) : (
            chips.length > 0 && (
              <Button type="primary" onClick={clearAll}>
                Xem tất cả thủ tục
              </Button>
            )
          )}
        </Empty>
      </div>
    );
  } else if (data) {
    body = (
      <>
        <ul className={`mc-proc-list${list.isFetching ? ' is-fetching' : ''}`} data-testid="procedure-list">
          {data.items.map((p) => (
            <ProcedureItem key={p.id} p={p} query={filters.q} />
          ))}
        </ul>
        {total > filters.pageSize && (
          <Pagination
            className="mc-cat-pagination"
            current={filters.page}
            pageSize={filters.pageSize}
            total={total}
            onChange={changePage}
            showSizeChanger={!phone}
            pageSizeOptions={PAGE_SIZES}
            simple={phone}
            showTotal={phone ? undefined : (t, [a, b]) => `${a}–${b} trong ${t} thủ tục`}
            align="center"
          />
        )}
      </>
    );
  }

  return (
    <div className="mc-cat">
      <section className="mc-cat-hero">
        <div className="mc-container mc-cat-hero__inner">
          <Breadcrumb
            className="mc-cat-breadcrumb"
            items={[{ title: <Link to={PATHS.home}>Trang chủ</Link> }, { title: 'Thủ tục hành chính' }]}
          />
          <h1 className="mc-cat-hero__title">Danh mục thủ tục hành chính</h1>
          <p className="mc-cat-hero__lead">
            {totalAll > 0 ? `${totalAll.toLocaleString('vi-VN')} thủ tục đang công bố` : 'Các thủ tục đang công bố'}: trình tự, thành
            phần hồ sơ, thời hạn giải quyết, phí, lệ phí và cơ quan thực hiện.
          </p>
          <form
            className="mc-cat-search"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              submitSearch();
            }}
          >
            <label htmlFor="catalogue-q" className="mc-sr-only">
              Tìm thủ tục hành chính
            </label>
            <Input
              id="catalogue-q"
              size="large"
              value={text}
              onChange={(e) => setText(e.target.value)}
              allowClear
              prefix={<SearchOutlined className="mc-cat-search__icon" />}
              placeholder={phone ? 'Tên hoặc mã thủ tục…' : 'Nhập tên hoặc mã thủ tục, ví dụ: cấp giấy phép xây dựng'}
              autoComplete="off"
              enterKeyHint="search"
              data-testid="catalogue-search"
            />
            <Button type="primary" size="large" htmlType="submit" className="mc-cat-search__btn" aria-label="Tìm kiếm">
              {phone ? <SearchOutlined /> : 'Tìm kiếm'}
            </Button>
          </form>
          {quick.length > 0 && (
            <div className="mc-cat-quick" aria-label="Chọn nhanh lĩnh vực">
              <span className="mc-cat-quick__label">Lĩnh vực:</span>
              {quick.map((f) => {
                const on = filters.field === f.code;
                return (
                  <button
                    key={f.code}
                    type="button"
                    className={`mc-cat-quick__chip${on ? ' is-on' : ''}`}
                    aria-pressed={on}
                    onClick={() => update({ field: on ? undefined : f.code })}
                  >
                    {f.name} <span className="mc-cat-quick__count">{f.count}</span>
                  </button>
                );
              })}
            </div>
          )}
        </div>
      </section>

      <div className="mc-container mc-cat-body">
        {!mobile && (
          <aside className="mc-cat-filters" aria-label="Bộ lọc">
            <div className="mc-cat-filters__title">
              <FilterOutlined /> Bộ lọc
            </div>
            {filterPanel('desk')}
          </aside>
        )}
        <section
          className="mc-cat-results"
          ref={resultsRef}
          aria-labelledby="catalogue-results-title"
          aria-busy={list.isFetching || waitingForAgency}
          data-testid="catalogue-results"
          // The filters the shown results answer (for tests and assistive tools); empty while loading.
          data-for={list.isFetching || waitingForAgency ? '' : paramsFromFilters(filters).toString()}
        >
          <div className="mc-cat-results__head">
            <h2 id="catalogue-results-title" className="mc-cat-results__count" aria-live="polite" data-testid="catalogue-total">
              {firstLoad ? (
                'Đang tìm…'
              ) : (
                <>
                  <b>{total.toLocaleString('vi-VN')}</b> thủ tục
                  {filters.q ? ' phù hợp' : ''}
                </>
              )}
            </h2>
            {mobile && (
              <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="filters-open">
                Bộ lọc{activeCount ? ` (${activeCount})` : ''}
              </Button>
            )}
          </div>
          {chips.length > 0 && (
            <div className="mc-cat-active" aria-label="Điều kiện đang áp dụng">
              {chips.map((c) => (
                <button key={c.key} type="button" className="mc-cat-active__chip" onClick={() => update(c.clear)} title="Bỏ điều kiện này">
                  <span>{c.label}</span>
                  <CloseOutlined />
                </button>
              ))}
              {chips.length > 1 && (
                <Button type="link" size="small" onClick={clearAll}>
                  Xóa tất cả
                </Button>
              )}
            </div>
          )}
          {list.isError && data && (
            <div className="mc-cat-stale" role="alert">
              Không cập nhật được kết quả mới nhất. <Button type="link" size="small" onClick={() => void list.refetch()}>Thử lại</Button>
            </div>
          )}
          {body}
        </section>
      </div>

      {mobile && (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="bottom"
          size="auto"
          title="Lọc thủ tục"
          className="mc-cat-drawer"
          footer={
            <Button type="primary" block size="large" onClick={() => setDrawer(false)} data-testid="filters-apply">
              {list.isFetching ? 'Đang tìm…' : `Xem ${total.toLocaleString('vi-VN')} thủ tục`}
            </Button>
          }
        >
          {filterPanel('drawer')}
        </Drawer>
      )}
    </div>
  );
}
