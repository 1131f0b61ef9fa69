// Tra cứu hồ sơ (/tra-cuu-ho-so): mã hồ sơ + 4 số cuối số định danh hoặc số điện thoại của chủ hồ sơ.
// Đọc ?ma= từ mã QR trên giấy tiếp nhận để điền sẵn mã; hiện trạng thái, hạn trả, nơi đang xử lý,
// lịch sử; khi hồ sơ đã có kết quả mà chưa được đánh giá thì mời đánh giá ngay tại đây.
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { FileTextOutlined, KeyOutlined, QrcodeOutlined, SearchOutlined, StarOutlined } from '@ant-design/icons';
import { api, ApiError, errorMessage } from '../../api';
import { PATHS } from '../../paths';
import { fmtDateTime } from '../../lib/dates';
import { useDocumentTitle, useIsMobile } from '../../lib/hooks';
import { finished, ratable, type PublicDossier, type Rating, type RatingLevel } from './model';
import { ProgressTimeline, RatingPicker, RatingThanks, StatusTag } from './parts';
import './citizen.css';

interface Asked {
  code: string;
  verify: string;
}

const lookupKey = (a: Asked) => ['public-lookup', a.code, a.verify] as const;

function useLookup(a: Asked | null) {
  return useQuery({
    queryKey: a ? lookupKey(a) : ['public-lookup', 'none'],
    queryFn: ({ signal }) => api.get<PublicDossier>(`/public/dossiers/${encodeURIComponent(a!.code)}`, { verify: a!.verify }, { signal }),
    enabled: !!a,
    retry: false,
    staleTime: 0,
    gcTime: 60_000,
  });
}

function PublicRating({ asked, dossier }: { asked: Asked; dossier: PublicDossier }) {
  const qc = useQueryClient();
  const key = ['public-rating', asked.code, asked.verify] as const;
  const state = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.get<{ rating: Pick<Rating, 'level' | 'levelName' | 'at'> | null }>(`/public/dossiers/${encodeURIComponent(asked.code)}/rating`, { verify: asked.verify }, { signal }),
    retry: false,
  });
  const rate = useMutation({
    mutationFn: (b: { level: RatingLevel; comment: string }) =>
      api.post<Rating>(`/public/dossiers/${encodeURIComponent(asked.code)}/rating`, { level: b.level, comment: b.comment || null }, { query: { verify: asked.verify } }),
    onSuccess: (r) => qc.setQueryData(key, { rating: r }),
  });
  if (state.isPending || state.isError) return null;
  const rated = state.data.rating;
  return (
    <section className="mc-cz-card" data-testid="rating-panel">
      <h2 className="mc-cz-card__title">
        <StarOutlined aria-hidden /> Đánh giá mức độ hài lòng
      </h2>
      {rated ? (
        <RatingThanks levelName={rated.levelName} at={rated.at} />
      ) : (
        <>
          <p className="mc-cz-card__hint">
            Hồ sơ {dossier.status === 10 ? 'đã được trả kết quả' : 'đã có kết quả'}. Bạn hài lòng thế nào với việc giải quyết hồ sơ này? Mỗi hồ sơ được đánh giá một lần.
          </p>
          <RatingPicker pending={rate.isPending} error={rate.error} onSubmit={(level, comment) => rate.mutate({ level, comment })} />
        </>
      )}
    </section>
  );
}

function Outcome({ asked, d }: { asked: Asked; d: PublicDossier }) {
  const due = d.rescheduledDueAt ?? d.dueAt;
  const done = finished(d.status);
  return (
    <div className="mc-cz-lookup__result" data-testid="lookup-result">
      <section className="mc-cz-card">
        <div className="mc-cz-head__tags">
          <StatusTag status={d.status} name={d.statusName} />
          <span className="mc-cz-dcard__code">{d.code}</span>
        </div>
        <h2 className="mc-cz-lookup__name">{d.procedureName}</h2>
        <dl className="mc-cz-review">
          {d.receivedAt && (
            <div className="mc-cz-review__row">
              <dt>Tiếp nhận lúc</dt>
              <dd>{fmtDateTime(d.receivedAt)}</dd>
            </div>
          )}
          {due && (
            <div className="mc-cz-review__row">
              <dt>Hẹn trả kết quả</dt>
              <dd>
                <b>{fmtDateTime(due)}</b>
                {d.rescheduledDueAt && <span className="mc-muted"> (đã hẹn lại; hẹn ban đầu {fmtDateTime(d.dueAt)})</span>}
              </dd>
            </div>
          )}
          {d.finishedAt && (
            <div className="mc-cz-review__row">
              <dt>{d.status === 9 || d.status === 10 ? 'Có kết quả lúc' : 'Kết thúc lúc'}</dt>
              <dd>{fmtDateTime(d.finishedAt)}</dd>
            </div>
          )}
          <div className="mc-cz-review__row">
            <dt>{done ? 'Nơi trả kết quả' : 'Hồ sơ đang ở'}</dt>
            <dd>{d.currentAgency.name}</dd>
          </div>
        </dl>
      </section>
      {ratable(d.status) && <PublicRating asked={asked} dossier={d} />}
      <section className="mc-cz-card">
        <h2 className="mc-cz-card__title">Lịch sử xử lý</h2>
        <ProgressTimeline entries={d.history.map((h, i) => ({ key: i, title: h.actionName, at: h.at, status: h.status, agency: h.agencyName }))} />
      </section>
    </div>
  );
}

export default function LookupPage() {
  useDocumentTitle('Tra cứu hồ sơ');
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Asked>();
  const [asked, setAsked] = useState<Asked | null>(null);
  const q = useLookup(asked);
  const verifyRef = useRef<{ focus: () => void } | null>(null);
  const initialCode = params.get('ma') ?? '';
  const mainRef = useRef<HTMLDivElement>(null);
  const mobile = useIsMobile();

  // On a phone the answer is below the form: bring it into view.
  useEffect(() => {
    if (mobile && (q.data || q.error)) mainRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [mobile, q.data, q.error]);

  // Từ mã QR: mã đã điền sẵn, chỉ cần nhập 4 số cuối.
  useEffect(() => {
    if (initialCode) verifyRef.current?.focus();
  }, [initialCode]);

  const onFinish = (v: Asked) => {
    const a = { code: v.code.trim(), verify: v.verify.trim() };
    if (asked && asked.code === a.code && asked.verify === a.verify) void q.refetch();
    else setAsked(a);
    setParams({ ma: a.code }, { replace: true });
  };

  const err = q.error;
  const notFound = err instanceof ApiError && err.status === 404;
  const limited = err instanceof ApiError && err.status === 429;

  return (
    <div className="mc-cz-page">
      <div className="mc-cz-head">
        <div className="mc-container">
          <div className="mc-cz-head__eyebrow">Dịch vụ công</div>
          <h1 className="mc-cz-head__title">Tra cứu hồ sơ</h1>
          <p className="mc-cz-head__lead">Theo dõi tiến độ giải quyết hồ sơ bằng mã hồ sơ trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</p>
        </div>
      </div>
      <div className="mc-container mc-cz-lookup">
        <div className="mc-cz-lookup__form">
          <section className="mc-cz-card">
            <Form<Asked>
              form={form}
              layout="vertical"
              requiredMark={false}
              size="large"
              initialValues={{ code: initialCode, verify: '' }}
              onFinish={onFinish}
              autoComplete="off"
            >
              <Form.Item
                name="code"
                label="Mã hồ sơ"
                rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập mã hồ sơ ghi trên giấy tiếp nhận.' }]}
              >
                <Input prefix={<FileTextOutlined />} placeholder="Ví dụ: 000.00.01.H56-260302-0001" className="mc-mono" spellCheck={false} allowClear data-testid="lookup-code" />
              </Form.Item>
              <Form.Item
                name="verify"
                label="4 số cuối số định danh cá nhân hoặc số điện thoại của chủ hồ sơ"
                rules={[
                  { required: true, message: 'Vui lòng nhập 4 chữ số.' },
                  { pattern: /^\d{4}$/, message: 'Nhập đúng 4 chữ số.' },
                ]}
                normalize={(v?: string) => v?.replace(/\D/g, '').slice(0, 4)}
              >
                <Input
                  ref={(el) => {
                    verifyRef.current = el;
                  }}
                  prefix={<KeyOutlined />}
                  inputMode="numeric"
                  maxLength={4}
                  placeholder="••••"
                  className="mc-mono mc-cz-pin"
                  data-testid="lookup-verify"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block icon={<SearchOutlined />} loading={q.isFetching} data-testid="lookup-submit">
                Tra cứu
              </Button>
            </Form>
          </section>
          <div className="mc-cz-lookup__help">
            <QrcodeOutlined aria-hidden />
            <span>
              Quét mã QR trên giấy tiếp nhận để mở trang này với mã hồ sơ điền sẵn. Để bảo vệ thông tin cá nhân, kết quả tra cứu không hiển thị họ tên, giấy tờ
              hay địa chỉ. Nộp hồ sơ trực tuyến? Xem tại <Link to={PATHS.myDossiers}>Hồ sơ của tôi</Link>.
            </span>
          </div>
        </div>
        <div className="mc-cz-lookup__main" aria-live="polite" ref={mainRef}>
          {err && (
            <Alert
              type={limited ? 'warning' : 'error'}
              showIcon
              className="mc-cz-alert"
              title={notFound ? 'Không tìm thấy hồ sơ' : limited ? 'Tạm ngừng tra cứu' : 'Không tra cứu được'}
              description={errorMessage(err)}
              role="alert"
              data-testid="lookup-error"
            />
          )}
          {q.data && asked && <Outcome asked={asked} d={q.data} />}
          {!q.data && !err && (
            <div className="mc-cz-card mc-cz-lookup__placeholder">
              <SearchOutlined aria-hidden />
              <p>Nhập mã hồ sơ và 4 chữ số để xem trạng thái, ngày hẹn trả và lịch sử xử lý hồ sơ.</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
