import { Fragment, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Breadcrumb, Button, Result, Skeleton, Table } from 'antd';
import {
  AppstoreOutlined,
  ArrowLeftOutlined,
  BankOutlined,
  ClockCircleOutlined,
  CloudUploadOutlined,
  EnvironmentOutlined,
  FileProtectOutlined,
  HistoryOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { isApiError } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { PATHS } from '../../paths';
import { fmtDate, fmtDateTime, longToday } from '../../lib/dates';
import { useDocumentTitle, useIsMobile, useIsPhone } from '../../lib/hooks';
import { usePublicInfo } from '../../queries';
import {
  catalogueHref,
  fmtDuration,
  fmtVnd,
  LEVEL_LABELS,
  ONLINE_HINT,
  ONLINE_LONG,
  useProcedure,
  useProcedureVersions,
  type DossierComponent,
  type ProcedureDetail,
  type VersionSummary,
} from './model';
import { OnlineBadge } from './OnlineBadge';
import './catalogue.css';

/** Các bộ phận của thủ tục theo Điều 8 Nghị định 63/2010/NĐ-CP, theo thứ tự công bố. */
const SECTIONS = [
  { id: 'trinh-tu', title: 'Trình tự thực hiện' },
  { id: 'cach-thuc', title: 'Cách thức thực hiện' },
  { id: 'ho-so', title: 'Thành phần, số lượng hồ sơ' },
  { id: 'thoi-han', title: 'Thời hạn giải quyết' },
  { id: 'doi-tuong', title: 'Đối tượng thực hiện' },
  { id: 'co-quan', title: 'Cơ quan thực hiện' },
  { id: 'ket-qua', title: 'Kết quả thực hiện' },
  { id: 'phi', title: 'Phí, lệ phí' },
  { id: 'can-cu', title: 'Căn cứ pháp lý' },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

const STATUS_TEXT: Record<VersionSummary['status'], string> = {
  published: 'Đang áp dụng',
  archived: 'Đã thay thế',
  draft: 'Dự thảo',
};

function Missing() {
  return <span className="mc-muted">Chưa công bố nội dung này.</span>;
}

/**
 * Văn bản nhiều dòng giữ nguyên xuống dòng; tiền tố "Bước 1:", "a)", "-" ở đầu dòng được in đậm
 * cho dễ theo dõi.
 */
function Prose({ text }: { text: string | null | undefined }) {
  if (!text?.trim()) return <Missing />;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return (
    <div className="mc-prose">
      {lines.map((line, i) => {
        const m = /^(\s*(?:Bước\s+\d+\s*[:.]|\d+[.)]|[a-zđ][)]))(.*)$/iu.exec(line);
        return (
          <Fragment key={i}>
            {i > 0 && '\n'}
            {m ? (
              <>
                <b>{m[1]}</b>
                {m[2]}
              </>
            ) : (
              line
            )}
          </Fragment>
        );
      })}
    </div>
  );
}

function Section({ id, n, title, children }: { id: SectionId; n: number; title: string; children: ReactNode }) {
  return (
    <section id={id} className="mc-proc-section" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <h2 id={`${id}-title`} className="mc-proc-section__title">
        <span className="mc-proc-section__num">{n}</span>
        {title}
      </h2>
      <div className="mc-proc-section__body">{children}</div>
    </section>
  );
}

/** Thời điểm ISO → ngày dd/MM/yyyy theo giờ Việt Nam. */
const vnDate = (iso: string) => fmtDateTime(iso).slice(0, 10);

const count = (n: number) => (n > 0 ? String(n).padStart(2, '0') : '—');

function Components({ items, phone }: { items: DossierComponent[]; phone: boolean }) {
  if (items.length === 0) return <Missing />;
  if (phone) {
    return (
      <ol className="mc-doc-list">
        {items.map((d, i) => (
          <li key={i} className="mc-doc-list__item">
            <div className="mc-doc-list__name">{d.name}</div>
            <div className="mc-doc-list__meta">
              <span>
                Bản chính: <b>{count(d.originals)}</b>
              </span>
              <span>
                Bản sao: <b>{count(d.copies)}</b>
              </span>
              {d.template && (
                <span>
                  Mẫu: <b>{d.template}</b>
                </span>
              )}
            </div>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <Table<DossierComponent & { key: number }>
      className="mc-doc-table"
      size="middle"
      bordered
      pagination={false}
      dataSource={items.map((d, i) => ({ ...d, key: i }))}
      columns={[
        { title: 'STT', key: 'n', width: 56, align: 'center', render: (_v, _r, i) => i + 1 },
        { title: 'Tên giấy tờ', dataIndex: 'name', render: (v: string) => <span className="mc-prewrap">{v}</span> },
        { title: 'Bản chính', dataIndex: 'originals', width: 96, align: 'center', render: (v: number) => count(v) },
        { title: 'Bản sao', dataIndex: 'copies', width: 86, align: 'center', render: (v: number) => count(v) },
        { title: 'Mẫu đơn, tờ khai', dataIndex: 'template', width: 170, render: (v: string | null) => v || <span className="mc-muted">—</span> },
      ]}
    />
  );
}

function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="mc-proc-info__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function InfoCard({ p, versions }: { p: ProcedureDetail; versions: VersionSummary[] | undefined }) {
  const d = p.decision;
  return (
    <div className="mc-proc-card mc-proc-info" data-testid="procedure-info">
      <div className="mc-proc-card__title">
        <FileProtectOutlined /> Thông tin thủ tục
      </div>
      <dl>
        <InfoRow label="Mã thủ tục">
          <span className="mc-mono">{p.code}</span>
          {p.localCode && <span className="mc-muted"> (mã địa phương {p.localCode})</span>}
        </InfoRow>
        <InfoRow label="Lĩnh vực">
          <Link to={catalogueHref(PATHS.procedures, { field: p.field.code })}>{p.field.name}</Link>
        </InfoRow>
        <InfoRow label="Cấp thực hiện">{p.levels.map((l) => LEVEL_LABELS[l]).join(', ') || '—'}</InfoRow>
        <InfoRow label="Dịch vụ công trực tuyến">{ONLINE_LONG[p.onlineType]}</InfoRow>
        <InfoRow label="Phi địa giới hành chính">
          {p.boundaryFree ? 'Có: nộp hồ sơ tại bất kỳ Bộ phận Một cửa nào trong tỉnh' : 'Không'}
        </InfoRow>
        <InfoRow label="Quyết định công bố">
          {d ? (
            <span data-testid="procedure-decision">
              Số {d.number}
              {d.date && <> ngày {fmtDate(d.date)}</>}
              {d.effectiveDate && (
                <>
                  <br />
                  <span className="mc-muted">Có hiệu lực từ {fmtDate(d.effectiveDate)}</span>
                </>
              )}
            </span>
          ) : (
            <span className="mc-muted">Chưa ghi nhận</span>
          )}
        </InfoRow>
        <InfoRow label="Phiên bản">
          <span data-testid="procedure-version">
            {p.versionNumber}
            {p.publishedAt && <span className="mc-muted"> · công bố ngày {vnDate(p.publishedAt)}</span>}
          </span>
          {versions && versions.length > 1 && (
            <>
              {' '}
              <a href="#phien-ban" className="mc-no-print">
                Xem các phiên bản
              </a>
            </>
          )}
        </InfoRow>
      </dl>
    </div>
  );
}

function VersionsCard({ code, versions, viewing }: { code: string; versions: VersionSummary[]; viewing: number }) {
  return (
    <div className="mc-proc-card mc-proc-versions mc-no-print" id="phien-ban" data-testid="procedure-versions">
      <div className="mc-proc-card__title">
        <HistoryOutlined /> Lịch sử phiên bản
      </div>
      <ol className="mc-versions">
        {versions.map((v) => {
          const current = v.status === 'published';
          const href = current ? `${PATHS.procedures}/${encodeURIComponent(code)}` : `${PATHS.procedures}/${encodeURIComponent(code)}?phien-ban=${v.number}`;
          const on = v.number === viewing;
          return (
            <li key={v.number} className={`mc-versions__item${on ? ' is-on' : ''}`}>
              <Link to={href} aria-current={on ? 'page' : undefined} replace>
                <span className="mc-versions__num">Phiên bản {v.number}</span>
                <span className={`mc-versions__status mc-versions__status--${v.status}`}>{STATUS_TEXT[v.status]}</span>
              </Link>
              <div className="mc-versions__date">
                {v.publishedAt ? `Công bố ngày ${vnDate(v.publishedAt)}` : `Tạo ngày ${vnDate(v.createdAt)}`}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div className="mc-container mc-proc-loading">
      <Skeleton active title={{ width: '60%' }} paragraph={{ rows: 3 }} />
      <Skeleton active paragraph={{ rows: 8 }} />
    </div>
  );
}

export default function ProcedureDetailPage() {
  const { code = '' } = useParams();
  const [sp] = useSearchParams();
  const asked = Number(sp.get('phien-ban'));
  const requested = Number.isInteger(asked) && asked > 0 ? asked : undefined;
  const current = useProcedure(code);
  const old = useProcedure(code, requested);
  const shown = requested ? old : current;
  const p = shown.data;
  const versions = useProcedureVersions(current.data?.id ?? p?.id);
  const info = usePublicInfo();
  const mobile = useIsMobile();
  const phone = useIsPhone();
  useDocumentTitle(p ? p.name : current.isError ? 'Không tìm thấy thủ tục' : 'Thủ tục hành chính');

  const crumbs = (last: string) => [
    { title: <Link to={PATHS.home}>Trang chủ</Link> },
    { title: <Link to={PATHS.procedures}>Thủ tục hành chính</Link> },
    { title: last },
  ];

  if (shown.isPending) return <DetailSkeleton />;
  if (shown.isError || !p) {
    const notFound = isApiError(shown.error) && shown.error.status === 404;
    return (
      <div className="mc-container mc-proc-missing">
        <Breadcrumb className="mc-proc-breadcrumb" items={crumbs(code)} />
        {notFound ? (
          <Result
            status="404"
            title={requested ? 'Không có phiên bản này' : 'Không tìm thấy thủ tục'}
            subTitle={
              requested
                ? `Thủ tục ${code} không có phiên bản ${requested} đã công bố.`
                : `Không có thủ tục đang công bố với mã ${code}. Thủ tục có thể đã bị bãi bỏ hoặc được thay thế.`
            }
            extra={
              <Link to={requested ? `${PATHS.procedures}/${encodeURIComponent(code)}` : PATHS.procedures}>
                <Button type="primary" icon={<ArrowLeftOutlined />}>
                  {requested ? 'Xem phiên bản hiện hành' : 'Về danh mục thủ tục'}
                </Button>
              </Link>
            }
          />
        ) : (
          <ErrorState error={shown.error} onRetry={() => void shown.refetch()} />
        )}
      </div>
    );
  }

  const outdated = requested !== undefined && p.status !== 'published';
  const first = p.cases[0];
  const siteName = info.data?.siteName ?? 'motcua';
  const agenciesText = p.agencies.map((a) => a.name).join('; ');

  const content: Record<SectionId, ReactNode> = {
    'trinh-tu': <Prose text={p.steps} />,
    'cach-thuc': (
      <>
        <Prose text={p.submissionMeans} />
        <div className={`mc-proc-callout mc-proc-callout--${p.onlineType}`}>
          <OnlineBadge type={p.onlineType} />
          <span>{ONLINE_HINT[p.onlineType]}</span>
        </div>
        {p.boundaryFree && (
          <div className="mc-proc-callout mc-proc-callout--boundary">
            <EnvironmentOutlined aria-hidden />
            <span>
              <b>Tiếp nhận không phụ thuộc địa giới hành chính:</b> có thể nộp hồ sơ tại Bộ phận Một cửa bất kỳ trong tỉnh.
            </span>
          </div>
        )}
      </>
    ),
    'ho-so': (
      <>
        <Components items={p.dossierComponents} phone={phone} />
      </>
    ),
    'thoi-han': (
      <>
        {p.timeLimit?.trim() && <Prose text={p.timeLimit} />}
        {p.cases.length > 0 ? (
          <ul className="mc-cases" data-testid="procedure-cases">
            {p.cases.map((c) => (
              <li key={c.code} className="mc-cases__item">
                <span className="mc-cases__name">{c.name}</span>
                <span className="mc-cases__duration">
                  <ClockCircleOutlined aria-hidden /> {fmtDuration(c.durationAmount, c.durationUnit)}
                </span>
                {c.sameDayCutoff && (
                  <span className="mc-cases__cutoff">Hồ sơ nhận trước {c.sameDayCutoff} được trả kết quả trong ngày.</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          !p.timeLimit?.trim() && <Missing />
        )}
      </>
    ),
    'doi-tuong': <Prose text={p.applicants} />,
    'co-quan': (
      <>
        <Prose text={p.competentAgency?.trim() ? p.competentAgency : agenciesText} />
        {p.competentAgency?.trim() && agenciesText && p.competentAgency.trim() !== agenciesText && (
          <p className="mc-proc-note">
            <BankOutlined aria-hidden /> Cơ quan trực tiếp thực hiện: {agenciesText}
          </p>
        )}
      </>
    ),
    'ket-qua': <Prose text={p.result} />,
    phi:
      p.fees.length === 0 ? (
        <p className="mc-proc-plain">Không thu phí, lệ phí.</p>
      ) : (
        <ul className="mc-fees" data-testid="procedure-fees">
          {p.fees.map((f, i) => (
            <li key={i} className="mc-fees__item">
              <span className="mc-fees__name">{f.name}</span>
              <span className="mc-fees__amount">{f.amount === 0 ? 'Miễn phí' : fmtVnd(f.amount)}</span>
              {f.note && <span className="mc-fees__note mc-prewrap">{f.note}</span>}
            </li>
          ))}
        </ul>
      ),
    'can-cu': <Prose text={p.legalBasis} />,
  };

  return (
    <div className="mc-proc-page" data-testid="procedure-detail">
      <header className="mc-proc-head">
        <div className="mc-container">
          <Breadcrumb className="mc-proc-breadcrumb mc-no-print" items={crumbs(p.code)} />
          <div className="mc-print-only mc-print-head">
            {siteName} · Thủ tục hành chính · In ngày {longToday().replace(/^[^,]*, /, '')}
          </div>
          <div className="mc-proc-head__tags">
            <span className="mc-proc-code">{p.code}</span>
            {p.levels.map((l) => (
              <span key={l} className={`mc-level mc-level--${l}`}>
                {LEVEL_LABELS[l]}
              </span>
            ))}
            <OnlineBadge type={p.onlineType} />
            {p.boundaryFree && <span className="mc-tag-soft">Phi địa giới</span>}
          </div>
          <h1 className="mc-proc-head__title">{p.name}</h1>
          <div className="mc-proc-head__meta">
            <span>
              <AppstoreOutlined aria-hidden /> Lĩnh vực:{' '}
              <Link to={catalogueHref(PATHS.procedures, { field: p.field.code })}>{p.field.name}</Link>
            </span>
            {first && (
              <span>
                <ClockCircleOutlined aria-hidden /> Thời hạn: <b>{fmtDuration(first.durationAmount, first.durationUnit)}</b>
              </span>
            )}
            <span>
              <FileProtectOutlined aria-hidden /> Phí, lệ phí:{' '}
              <b>{p.fees.length === 0 ? 'Không' : p.fees.length === 1 ? fmtVnd(p.fees[0].amount) : `${p.fees.length} khoản`}</b>
            </span>
          </div>
          <div className="mc-proc-head__actions mc-no-print">
            {!outdated && p.onlineType !== 'none' && (
              <Link to={`${PATHS.submitOnline}/${encodeURIComponent(p.code)}`} data-testid="submit-online">
                <Button type="primary" icon={<CloudUploadOutlined />}>
                  Nộp hồ sơ trực tuyến
                </Button>
              </Link>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="procedure-print">
              In thủ tục
            </Button>
            <Link to={catalogueHref(PATHS.procedures, { field: p.field.code })}>
              <Button icon={<AppstoreOutlined />}>Thủ tục cùng lĩnh vực</Button>
            </Link>
          </div>
        </div>
      </header>

      <div className="mc-container mc-proc-layout">
        <div className="mc-proc-layout__info">
          <InfoCard p={p} versions={versions.data} />
        </div>
        <article className="mc-proc-main">
          {outdated && (
            <Alert
              className="mc-proc-outdated"
              type="warning"
              showIcon
              title={`Bạn đang xem phiên bản ${p.versionNumber} (đã được thay thế).`}
              description={
                <>
                  Nội dung dưới đây không còn áp dụng.{' '}
                  <Link to={`${PATHS.procedures}/${encodeURIComponent(p.code)}`} replace>
                    Xem phiên bản đang áp dụng
                  </Link>
                </>
              }
            />
          )}
          {SECTIONS.map((s, i) => (
            <Section key={s.id} id={s.id} n={i + 1} title={s.title}>
              {content[s.id]}
            </Section>
          ))}
          <p className="mc-print-only mc-print-foot">
            Thông tin được công khai trên {siteName}. Phiên bản {p.versionNumber}
            {p.decision ? `, công bố kèm Quyết định số ${p.decision.number}` : ''}.
          </p>
        </article>
        <aside className="mc-proc-layout__side mc-no-print">
          {versions.data && versions.data.length > 0 && <VersionsCard code={p.code} versions={versions.data} viewing={p.versionNumber} />}
          {!mobile && (
            <nav className="mc-proc-card mc-proc-toc" aria-label="Mục lục">
              <div className="mc-proc-card__title">Nội dung</div>
              <Anchor
                affix={false}
                replace
                targetOffset={96}
                items={SECTIONS.map((s, i) => ({ key: s.id, href: `#${s.id}`, title: `${i + 1}. ${s.title}` }))}
              />
            </nav>
          )}
        </aside>
      </div>
    </div>
  );
}
