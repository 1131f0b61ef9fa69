// Một hồ sơ của tôi (/ca-nhan/ho-so/:id): tiến trình dạng dòng thời gian, gửi bổ sung đúng những
// giấy tờ được yêu cầu, rút hồ sơ (có xác nhận) và đánh giá mức độ hài lòng khi có kết quả.
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Input, Modal, Result, Skeleton, type ButtonProps } from 'antd';
import {
  ArrowLeftOutlined,
  ExclamationCircleFilled,
  FileDoneOutlined,
  FilePdfOutlined,
  RollbackOutlined,
  SendOutlined,
  StarOutlined,
} from '@ant-design/icons';
import { api, API_BASE, errorMessage, isApiError } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { PATHS } from '../../paths';
import { fmtDate, fmtDateTime } from '../../lib/dates';
import { useDocumentTitle, useIsPhone } from '../../lib/hooks';
import {
  citizenKeys,
  finished,
  fmtVnd,
  NEEDS_ACTION,
  nextStepHere,
  paymentRequest,
  ratable,
  RETURN_METHODS,
  supplementRequest,
  useMyDossier,
  type DossierEvent,
  type MyDossierDetail,
  type Rating,
  type RatingLevel,
} from './model';
import {
  anyUploading,
  doneFiles,
  FileSlot,
  ProgressTimeline,
  RatingPicker,
  RatingThanks,
  RequireCitizen,
  StatusTag,
  type SlotFile,
  type TimelineEntry,
} from './parts';
import './citizen.css';

const TITLE: Record<string, string> = {
  submit: 'Nộp hồ sơ trực tuyến',
  create: 'Nộp hồ sơ tại Bộ phận Một cửa',
  accept: 'Hồ sơ được tiếp nhận',
  refuse: 'Hồ sơ không được tiếp nhận',
  request_supplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  submit_supplement: 'Đã gửi bổ sung hồ sơ',
  assign: 'Phân công cán bộ giải quyết',
  forward: 'Chuyển bước xử lý',
  send_back: 'Xem xét lại hồ sơ',
  request_payment: 'Thông báo nộp phí, lệ phí',
  confirm_payment: 'Đã hoàn thành nghĩa vụ tài chính',
  stop: 'Dừng xử lý hồ sơ',
  withdraw: 'Rút hồ sơ',
  reschedule: 'Cơ quan xin lỗi và hẹn lại ngày trả',
  complete: 'Đã có kết quả giải quyết',
  return: 'Đã trả kết quả',
};

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Điều người nộp cần biết về một bước (lý do, giấy tờ cần bổ sung, kết quả...); việc nội bộ không kèm chi tiết. */
function eventDetails(e: DossierEvent): ReactNode {
  const d = e.data;
  switch (e.action) {
    case 'accept':
      return (
        <>
          {str(d.code) && (
            <div>
              Mã hồ sơ: <b className="mc-mono">{str(d.code)}</b>
            </div>
          )}
          {str(d.dueAt) && <div>Hẹn trả kết quả: {fmtDateTime(str(d.dueAt))}</div>}
        </>
      );
    case 'refuse':
    case 'stop':
    case 'withdraw':
      return str(d.reason) ? <div>Lý do: {str(d.reason)}</div> : null;
    case 'request_supplement': {
      const items = Array.isArray(d.items) ? (d.items as { name: string; reason?: string | null }[]) : [];
      return (
        <>
          {str(d.reason) && <div>{str(d.reason)}</div>}
          <ul className="mc-cz-list">
            {items.map((it, i) => (
              <li key={i}>
                {it.name}
                {it.reason ? ` — ${it.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      );
    }
    case 'submit_supplement':
      return Array.isArray(d.files) && d.files.length ? <div>{d.files.length} tệp đính kèm</div> : null;
    case 'request_payment':
      return (
        <div>
          Số tiền: <b>{fmtVnd(Number(d.amount) || 0)}</b>
          {str(d.description) ? ` — ${str(d.description)}` : ''}
        </div>
      );
    case 'reschedule':
      return (
        <>
          {str(d.newDueAt) && <div>Ngày hẹn trả mới: {fmtDateTime(str(d.newDueAt))}</div>}
          {str(d.reason) && <div>Lý do: {str(d.reason)}</div>}
        </>
      );
    case 'complete': {
      const r = (d.result ?? {}) as { number?: string; signedOn?: string };
      return r.number ? (
        <div>
          Văn bản số {r.number}
          {r.signedOn ? ` ngày ${fmtDate(r.signedOn)}` : ''}
        </div>
      ) : null;
    }
    case 'return': {
      const m = ((d.return ?? {}) as { method?: string }).method;
      return m ? <div>Hình thức nhận: {RETURN_METHODS[m] ?? m}</div> : null;
    }
    default:
      return null;
  }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="mc-cz-review__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const fileUrl = (id: string, sha: string) => `${API_BASE}/dossiers/${encodeURIComponent(id)}/files/${sha}`;

function useAct(d: MyDossierDetail) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<MyDossierDetail>(`/dossiers/${d.id}/actions`, { ...body, expectedVersion: d.version }),
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: citizenKeys.dossier(d.id) });
      await qc.invalidateQueries({ queryKey: citizenKeys.mine });
    },
  });
}

function SupplementPanel({ d }: { d: MyDossierDetail }) {
  const req = supplementRequest(d)!;
  const { modal, message } = App.useApp();
  const [files, setFiles] = useState<Record<number, SlotFile[]>>({});
  const [note, setNote] = useState('');
  const act = useAct(d);
  const items = req.items.length ? req.items : [{ name: 'Giấy tờ bổ sung', reason: null }];
  const updaters = useMemo(
    () => items.map((_, i) => (fn: (prev: SlotFile[]) => SlotFile[]) => setFiles((prev) => ({ ...prev, [i]: fn(prev[i] ?? []) }))),
    [items.length],
  );
  const all = items.flatMap((it, i) =>
    doneFiles(files[i]).map((f) => ({ sha256: f.sha256, name: `${it.name}: ${f.name}`.slice(0, 200) })),
  );
  const uploading = anyUploading(Object.values(files));

  const send = () => {
    const lacking = items.filter((_, i) => doneFiles(files[i]).length === 0).map((it) => it.name);
    const go = () =>
      act.mutate(
        { action: 'submit_supplement', files: all, note: note.trim() || undefined },
        { onSuccess: () => message.success('Đã gửi bổ sung hồ sơ. Bộ phận Một cửa sẽ tiếp tục xử lý.') },
      );
    if (lacking.length) {
      modal.confirm({
        title: 'Còn giấy tờ chưa đính kèm',
        content: (
          <>
            <p>Bạn chưa đính kèm tệp cho:</p>
            <ul className="mc-cz-list">
              {lacking.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
            <p>Vẫn gửi bổ sung với những tệp đã có?</p>
          </>
        ),
        okText: 'Vẫn gửi',
        cancelText: 'Đính kèm thêm',
        onOk: go,
      });
    } else go();
  };

  return (
    <section className="mc-cz-card mc-cz-card--attention" data-testid="supplement-panel">
      <h2 className="mc-cz-card__title">
        <ExclamationCircleFilled aria-hidden /> Cần bổ sung giấy tờ
      </h2>
      <p className="mc-cz-card__hint">
        Yêu cầu ngày {fmtDateTime(req.at)}. {req.reason ? `${req.reason}. ` : ''}Thời hạn giải quyết tạm dừng cho tới khi bạn gửi bổ sung.
      </p>
      <ol className="mc-cz-components">
        {items.map((it, i) => (
          <li key={i} className="mc-cz-component" data-testid={`supplement-item-${i}`}>
            <div className="mc-cz-component__head">
              <span className="mc-cz-component__num">{i + 1}</span>
              <div>
                <div className="mc-cz-component__name">{it.name}</div>
                {it.reason && <div className="mc-cz-component__meta">{it.reason}</div>}
              </div>
            </div>
            <FileSlot files={files[i] ?? []} update={updaters[i]} testId={`supplement-${i}-files`} disabled={act.isPending} />
          </li>
        ))}
      </ol>
      <label className="mc-cz-label" htmlFor="mc-supp-note">
        Ghi chú cho cán bộ (không bắt buộc)
      </label>
      <Input.TextArea id="mc-supp-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} disabled={act.isPending} />
      {act.error ? (
        <div className="mc-cz-error" role="alert">
          {errorMessage(act.error)}
        </div>
      ) : null}
      <Button
        type="primary"
        size="large"
        block
        icon={<SendOutlined />}
        className="mc-cz-gap"
        disabled={all.length === 0 || uploading}
        loading={act.isPending}
        onClick={send}
        data-testid="send-supplement"
      >
        Gửi bổ sung
      </Button>
      {all.length === 0 && <div className="mc-cz-card__hint mc-cz-center">Đính kèm ít nhất một tệp để gửi bổ sung.</div>}
    </section>
  );
}

function WithdrawButton({ d }: { d: MyDossierDetail }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const act = useAct(d);
  const { message } = App.useApp();
  return (
    <>
      <Button danger icon={<RollbackOutlined />} onClick={() => setOpen(true)} data-testid="withdraw">
        Rút hồ sơ
      </Button>
      <Modal
        open={open}
        title="Rút hồ sơ?"
        okText="Rút hồ sơ"
        okButtonProps={{ danger: true, loading: act.isPending, 'data-testid': 'withdraw-confirm' } as ButtonProps}
        cancelText="Không rút"
        onCancel={() => setOpen(false)}
        onOk={() =>
          act.mutate(
            { action: 'withdraw', reason: reason.trim() || undefined },
            {
              onSuccess: () => {
                setOpen(false);
                message.success('Đã rút hồ sơ.');
              },
            },
          )
        }
      >
        <p>Hồ sơ đã rút sẽ không được tiếp tục giải quyết. Nếu muốn làm lại, bạn phải nộp hồ sơ mới.</p>
        <label className="mc-cz-label" htmlFor="mc-withdraw-reason">
          Lý do (không bắt buộc)
        </label>
        <Input.TextArea id="mc-withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        {act.error ? (
          <div className="mc-cz-error" role="alert">
            {errorMessage(act.error)}
          </div>
        ) : null}
      </Modal>
    </>
  );
}

function RatingPanel({ d }: { d: MyDossierDetail }) {
  const qc = useQueryClient();
  const rate = useMutation({
    mutationFn: (b: { level: RatingLevel; comment: string }) => api.post<Rating>(`/dossiers/${d.id}/rating`, { level: b.level, comment: b.comment || null }),
    onSettled: () => qc.invalidateQueries({ queryKey: citizenKeys.dossier(d.id) }),
  });
  const rated = d.rating ?? rate.data;
  return (
    <section className="mc-cz-card" data-testid="rating-panel">
      <h2 className="mc-cz-card__title">
        <StarOutlined aria-hidden /> Đánh giá mức độ hài lòng
      </h2>
      {rated ? (
        <RatingThanks levelName={rated.levelName} at={rated.at} />
      ) : (
        <>
          <p className="mc-cz-card__hint">Bạn hài lòng thế nào với việc giải quyết hồ sơ này? Mỗi hồ sơ được đánh giá một lần.</p>
          <RatingPicker pending={rate.isPending} error={rate.error} onSubmit={(level, comment) => rate.mutate({ level, comment })} />
        </>
      )}
    </section>
  );
}

function Detail({ id }: { id: string }) {
  const q = useMyDossier(id);
  const phone = useIsPhone();
  const d = q.data;
  useDocumentTitle(d ? `Hồ sơ ${d.code ?? d.procedure.name}` : 'Hồ sơ của tôi');

  if (q.isPending) {
    return (
      <div className="mc-container mc-cz-page">
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    );
  }
  if (q.isError || !d) {
    return (
      <div className="mc-container mc-cz-page">
        {isApiError(q.error) && q.error.status === 404 ? (
          <Result
            status="404"
            title="Không tìm thấy hồ sơ"
            subTitle="Hồ sơ không tồn tại hoặc không thuộc tài khoản của bạn."
            extra={
              <Link to={PATHS.myDossiers}>
                <Button type="primary">Về Hồ sơ của tôi</Button>
              </Link>
            }
          />
        ) : (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        )}
      </div>
    );
  }

  const agencies = new Map([d.agency, d.receptionAgency, d.currentAgency].filter((a): a is NonNullable<typeof a> => !!a).map((a) => [a.id, a.name]));
  const entries: TimelineEntry[] = d.events.map((e) => ({
    key: e.seq,
    title: TITLE[e.action] ?? e.actionName,
    at: e.at,
    status: e.toStatus,
    agency: e.agencyId ? agencies.get(e.agencyId) : null,
    details: eventDetails(e),
  }));
  const due = d.rescheduledDueAt ?? d.dueAt;
  const canSupplement = d.allowedActions.includes('submit_supplement') && supplementRequest(d) !== null;
  const payment = paymentRequest(d);
  const resultFiles = d.result?.files ?? [];

  return (
    <div className="mc-cz-page">
      <div className="mc-cz-head">
        <div className="mc-container mc-cz-narrow">
          {!phone && (
            <Breadcrumb
              className="mc-cz-breadcrumb"
              items={[{ title: <Link to={PATHS.home}>Trang chủ</Link> }, { title: <Link to={PATHS.myDossiers}>Hồ sơ của tôi</Link> }, { title: d.code ?? 'Hồ sơ mới nộp' }]}
            />
          )}
          <div className="mc-cz-head__tags">
            <StatusTag status={d.status} name={d.statusName} />
            {d.code ? <span className="mc-cz-dcard__code">{d.code}</span> : <span className="mc-cz-nocode">Chờ cấp mã hồ sơ</span>}
          </div>
          <h1 className="mc-cz-head__title">{d.procedure.name}</h1>
        </div>
      </div>
      <div className="mc-container mc-cz-narrow">
        <div className={`mc-cz-nextbox${NEEDS_ACTION.has(d.status) ? ' is-attention' : ''}`} data-testid="next-step">
          {nextStepHere(d.status, !!d.rating)}
        </div>

        {canSupplement && <SupplementPanel d={d} />}

        {payment && (
          <Alert
            type="warning"
            showIcon
            className="mc-cz-alert"
            title={`Cần nộp ${fmtVnd(payment.amount)}`}
            description={`${payment.description ?? 'Phí, lệ phí giải quyết thủ tục'}. Vui lòng nộp theo hướng dẫn của Bộ phận Một cửa; hồ sơ tiếp tục được giải quyết khi cơ quan xác nhận đã nộp.`}
          />
        )}

        {ratable(d.status) && <RatingPanel d={d} />}

        <section className="mc-cz-card">
          <h2 className="mc-cz-card__title">Thông tin hồ sơ</h2>
          <dl className="mc-cz-review">
            <Fact label="Mã hồ sơ">{d.code ? <span className="mc-mono">{d.code}</span> : 'Được cấp khi hồ sơ được tiếp nhận'}</Fact>
            <Fact label="Trường hợp">{d.procedure.caseName}</Fact>
            <Fact label="Nộp lúc">{fmtDateTime(d.submittedAt)}</Fact>
            {d.receivedAt && <Fact label="Tiếp nhận lúc">{fmtDateTime(d.receivedAt)}</Fact>}
            {due && (
              <Fact label="Hẹn trả kết quả">
                <b className={d.overdue ? 'mc-cz-late' : undefined}>{fmtDateTime(due)}</b>
                {d.rescheduledDueAt && <span className="mc-muted"> (đã hẹn lại)</span>}
                {d.overdue && <span className="mc-cz-late"> · đã quá hạn</span>}
              </Fact>
            )}
            {d.finishedAt && <Fact label="Kết thúc lúc">{fmtDateTime(d.finishedAt)}</Fact>}
            <Fact label="Cơ quan giải quyết">{d.agency?.name ?? '—'}</Fact>
            {!finished(d.status) && d.currentAgency && <Fact label="Hồ sơ đang ở">{d.currentAgency.name}</Fact>}
            <Fact label="Chủ hồ sơ">
              {d.applicant.fullName} · {d.applicant.phone}
            </Fact>
            {d.result && (
              <Fact label="Kết quả">
                {d.result.number ? `Văn bản số ${d.result.number}` : 'Đã có kết quả'}
                {d.result.signedOn ? ` ngày ${fmtDate(d.result.signedOn)}` : ''}
                {resultFiles.map((f) => (
                  <div key={f.sha256}>
                    <a href={fileUrl(d.id, f.sha256)} target="_blank" rel="noreferrer">
                      <FileDoneOutlined /> {f.name}
                    </a>
                  </div>
                ))}
              </Fact>
            )}
            {d.returnInfo?.method && <Fact label="Hình thức nhận kết quả">{RETURN_METHODS[d.returnInfo.method] ?? d.returnInfo.method}</Fact>}
          </dl>
        </section>

        <section className="mc-cz-card">
          <h2 className="mc-cz-card__title">Tiến trình xử lý</h2>
          <ProgressTimeline entries={entries} />
        </section>

        {d.components.length > 0 && (
          <section className="mc-cz-card">
            <h2 className="mc-cz-card__title">Giấy tờ đã nộp</h2>
            <ol className="mc-cz-list mc-cz-list--docs">
              {d.components.map((c, i) => (
                <li key={i}>
                  <div>{c.name}</div>
                  {c.files.length === 0 ? (
                    <span className="mc-muted">Nộp bản giấy</span>
                  ) : (
                    c.files.map((f) => (
                      <div key={f.sha256}>
                        <a href={fileUrl(d.id, f.sha256)} target="_blank" rel="noreferrer">
                          <FilePdfOutlined /> {f.name}
                        </a>
                      </div>
                    ))
                  )}
                </li>
              ))}
            </ol>
          </section>
        )}

        <div className="mc-cz-actions">
          <Link to={PATHS.myDossiers}>
            <Button icon={<ArrowLeftOutlined />}>Hồ sơ của tôi</Button>
          </Link>
          {d.allowedActions.includes('withdraw') && <WithdrawButton d={d} />}
        </div>
      </div>
    </div>
  );
}

export default function MyDossierPage() {
  const { id = '' } = useParams();
  return (
    <RequireCitizen what="xem hồ sơ cá nhân">
      <Detail id={id} />
    </RequireCitizen>
  );
}
