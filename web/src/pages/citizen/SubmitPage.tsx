// Nộp hồ sơ trực tuyến (/nop-ho-so/:mã-thủ-tục): chọn trường hợp và cơ quan giải quyết, khai người nộp,
// đính kèm từng thành phần hồ sơ, xem lại và nộp; trang kết quả nói rõ việc tiếp theo.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Checkbox, Col, Form, Input, Radio, Result, Row, Select, Skeleton } from 'antd';
import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  FileDoneOutlined,
  MailOutlined,
  PhoneOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { api, ApiError, applyFormErrors, errorMessage, isApiError, newIdempotencyKey } from '../../api';
import { ErrorState } from '../../components/ErrorState';
import { PATHS } from '../../paths';
import { fmtDateTime } from '../../lib/dates';
import { useDocumentTitle, useIsPhone } from '../../lib/hooks';
import { citizenKeys, fmtVnd, useProfile, type MyDossier, type Person } from './model';
import { anyUploading, doneFiles, FileSlot, RequireCitizen, type SlotFile, type SlotUpdater } from './parts';
import './citizen.css';

// ---------------------------------------------------------------- Thủ tục (phần cần cho việc nộp)

interface ProcedureForSubmit {
  id: string;
  code: string;
  name: string;
  onlineType: 'full' | 'partial' | 'none';
  agencies: { id: string; name: string }[];
  cases: { code: string; name: string; durationAmount: number; durationUnit: 'working_days' | 'working_hours' | 'calendar_days' }[];
  dossierComponents: { name: string; originals: number; copies: number; template?: string | null }[];
  fees: { name: string; amount: number; note?: string | null }[];
}

const UNIT = { working_days: 'ngày làm việc', working_hours: 'giờ làm việc', calendar_days: 'ngày' } as const;
const duration = (c: ProcedureForSubmit['cases'][number]) => (c.durationAmount === 0 ? 'Trong ngày' : `${c.durationAmount} ${UNIT[c.durationUnit]}`);

function useProcedureForSubmit(code: string) {
  return useQuery({
    queryKey: ['catalogue', 'detail', code, 'current'],
    queryFn: ({ signal }) => api.get<ProcedureForSubmit>(`/procedures/${encodeURIComponent(code)}`, undefined, { signal }),
    enabled: !!code,
  });
}

// ---------------------------------------------------------------- Biểu mẫu

interface PersonValues {
  fullName?: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

interface Values {
  caseCode?: string;
  agencyId?: string;
  applicant: PersonValues;
  hasAuthorised?: boolean;
  authorised?: PersonValues;
  note?: string;
  pledge?: boolean;
}

const ID_RE = /^[0-9A-Za-z-]{6,20}$/;
const PHONE_RE = /^(\+84|0)[0-9 .-]{8,14}$/;

function personRules(who: string) {
  return {
    fullName: [
      { required: true, whitespace: true, message: `Vui lòng nhập họ và tên ${who}.` },
      { min: 2, max: 200, message: 'Họ và tên từ 2 đến 200 ký tự.' },
    ],
    idNumber: [
      { required: true, whitespace: true, message: 'Vui lòng nhập số định danh cá nhân.' },
      {
        validator: (_: unknown, v?: string) =>
          !v || ID_RE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error('Số định danh cá nhân gồm 12 chữ số (hoặc số hộ chiếu, mã số doanh nghiệp).')),
      },
    ],
    phone: [
      { required: true, whitespace: true, message: 'Vui lòng nhập số điện thoại.' },
      {
        validator: (_: unknown, v?: string) => {
          if (!v) return Promise.resolve();
          const n = v.replace(/\D/g, '').length;
          return PHONE_RE.test(v.trim()) && n >= 9 && n <= 12 ? Promise.resolve() : Promise.reject(new Error('Số điện thoại Việt Nam, ví dụ 0912 345 678.'));
        },
      },
    ],
    email: [{ type: 'email' as const, message: 'Địa chỉ thư điện tử không hợp lệ.' }],
    address: [
      { required: true, whitespace: true, message: 'Vui lòng nhập địa chỉ.' },
      { min: 2, max: 500, message: 'Địa chỉ từ 2 đến 500 ký tự.' },
    ],
  };
}

function PersonFields({ name, who }: { name: 'applicant' | 'authorised'; who: string }) {
  const r = personRules(who);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'fullName']} label="Họ và tên" rules={r.fullName}>
          <Input maxLength={200} autoComplete="name" data-testid={`${name}-fullName`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'idNumber']} label="Số định danh cá nhân (CCCD)" rules={r.idNumber} normalize={(v?: string) => v?.replace(/\s/g, '')}>
          <Input className="mc-mono" maxLength={20} inputMode="numeric" placeholder="12 chữ số" data-testid={`${name}-idNumber`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'phone']} label="Số điện thoại" rules={r.phone}>
          <Input prefix={<PhoneOutlined />} maxLength={20} inputMode="tel" autoComplete="tel" data-testid={`${name}-phone`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'email']} label="Thư điện tử (không bắt buộc)" rules={r.email}>
          <Input prefix={<MailOutlined />} maxLength={200} inputMode="email" autoComplete="email" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name={[name, 'address']} label="Địa chỉ liên hệ" rules={r.address} extra="Số nhà, đường/thôn, xã/phường, tỉnh/thành phố.">
          <Input maxLength={500} autoComplete="street-address" data-testid={`${name}-address`} />
        </Form.Item>
      </Col>
    </Row>
  );
}

const STEPS = ['Thủ tục', 'Người nộp', 'Giấy tờ', 'Xem lại'];

function Stepper({ current }: { current: number }) {
  return (
    <ol className="mc-cz-stepper" aria-label="Các bước nộp hồ sơ">
      {STEPS.map((s, i) => (
        <li key={s} className={`mc-cz-stepper__item${i < current ? ' is-done' : ''}${i === current ? ' is-current' : ''}`} aria-current={i === current ? 'step' : undefined}>
          <span className="mc-cz-stepper__num">{i < current ? <CheckCircleFilled /> : i + 1}</span>
          <span className="mc-cz-stepper__label">{s}</span>
        </li>
      ))}
    </ol>
  );
}

function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <section className="mc-cz-card">
      <h2 className="mc-cz-card__title">{title}</h2>
      {hint && <p className="mc-cz-card__hint">{hint}</p>}
      {children}
    </section>
  );
}

function ReviewRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="mc-cz-review__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const clean = (p: PersonValues | undefined): Person | null =>
  p
    ? {
        fullName: (p.fullName ?? '').trim(),
        idNumber: (p.idNumber ?? '').trim(),
        phone: (p.phone ?? '').trim(),
        email: p.email?.trim() || null,
        address: (p.address ?? '').trim(),
      }
    : null;

function SubmitForm({ code }: { code: string }) {
  const proc = useProcedureForSubmit(code);
  const profile = useProfile();
  const qc = useQueryClient();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [files, setFiles] = useState<Record<number, SlotFile[]>>({});
  const [missing, setMissing] = useState<number[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const [done, setDone] = useState<MyDossier | null>(null);
  const key = useRef(newIdempotencyKey());
  const top = useRef<HTMLDivElement>(null);
  const p = proc.data;
  useDocumentTitle(done ? 'Đã nộp hồ sơ' : p ? `Nộp hồ sơ: ${p.name}` : 'Nộp hồ sơ trực tuyến');

  // Điền sẵn người nộp từ tài khoản; chọn sẵn trường hợp, cơ quan khi chỉ có một.
  useEffect(() => {
    if (!profile.data) return;
    const cur = form.getFieldValue('applicant') as PersonValues | undefined;
    if (cur?.fullName) return;
    form.setFieldsValue({
      applicant: {
        fullName: profile.data.fullName,
        idNumber: profile.data.idNumber ?? undefined,
        phone: profile.data.phone ?? undefined,
        email: profile.data.email ?? undefined,
      },
    });
  }, [profile.data, form]);
  useEffect(() => {
    if (!p) return;
    if (p.cases.length >= 1 && !form.getFieldValue('caseCode')) form.setFieldValue('caseCode', p.cases[0].code);
    if (p.agencies.length === 1) form.setFieldValue('agencyId', p.agencies[0].id);
  }, [p, form]);

  const updaters = useMemo(() => {
    const m: Record<number, SlotUpdater> = {};
    for (let i = 0; i < (p?.dossierComponents.length ?? 0); i++) {
      m[i] = (fn) => {
        setFiles((prev) => ({ ...prev, [i]: fn(prev[i] ?? []) }));
        setMissing((prev) => prev.filter((x) => x !== i));
      };
    }
    return m;
  }, [p?.dossierComponents.length]);

  const crumbs = [
    { title: <Link to={PATHS.home}>Trang chủ</Link> },
    { title: <Link to={PATHS.procedures}>Thủ tục hành chính</Link> },
    { title: <Link to={`${PATHS.procedures}/${encodeURIComponent(code)}`}>{code}</Link> },
    { title: 'Nộp hồ sơ trực tuyến' },
  ];

  if (proc.isPending) {
    return (
      <div className="mc-container mc-cz-page">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  }
  if (proc.isError || !p) {
    const notFound = isApiError(proc.error) && proc.error.status === 404;
    return (
      <div className="mc-container mc-cz-page">
        {notFound ? (
          <Result
            status="404"
            title="Không tìm thấy thủ tục"
            subTitle={`Không có thủ tục đang công bố với mã ${code}.`}
            extra={
              <Link to={PATHS.procedures}>
                <Button type="primary">Về danh mục thủ tục</Button>
              </Link>
            }
          />
        ) : (
          <ErrorState error={proc.error} onRetry={() => void proc.refetch()} />
        )}
      </div>
    );
  }
  if (p.onlineType === 'none') {
    return (
      <div className="mc-container mc-cz-page">
        <Breadcrumb className="mc-cz-breadcrumb" items={crumbs} />
        <Result
          status="info"
          title="Thủ tục này chưa nhận hồ sơ trực tuyến"
          subTitle={`"${p.name}" được nộp trực tiếp tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích.`}
          extra={
            <Link to={`${PATHS.procedures}/${encodeURIComponent(p.code)}`}>
              <Button type="primary" icon={<ArrowLeftOutlined />}>
                Xem hướng dẫn thủ tục
              </Button>
            </Link>
          }
        />
      </div>
    );
  }

  if (done) return <Success dossier={done} proc={p} />;

  const scrollTop = () => top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });

  const next = async () => {
    setError(null);
    if (step === 0 || step === 1) {
      try {
        await form.validateFields(step === 0 ? ['caseCode', 'agencyId'] : undefined, { recursive: true });
      } catch {
        return;
      }
    }
    if (step === 2) {
      const lacking = p.dossierComponents.map((_, i) => i).filter((i) => doneFiles(files[i]).length === 0);
      if (anyUploading(Object.values(files))) {
        setError(['Vui lòng chờ tải xong các tệp.']);
        return;
      }
      if (lacking.length) {
        setMissing(lacking);
        setError(['Mỗi thành phần hồ sơ cần ít nhất một tệp đính kèm.']);
        return;
      }
    }
    setStep((s) => Math.min(s + 1, 3));
    scrollTop();
  };
  const back = () => {
    setError(null);
    setStep((s) => Math.max(s - 1, 0));
    scrollTop();
  };

  const submit = async () => {
    setError(null);
    try {
      await form.validateFields(['pledge']);
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as Values;
    const body = {
      procedureCode: p.code,
      caseCode: v.caseCode,
      channel: 'online',
      agencyId: v.agencyId,
      applicant: clean(v.applicant),
      authorised: v.hasAuthorised ? clean(v.authorised) : null,
      components: p.dossierComponents.map((c, i) => ({ name: c.name, originals: c.originals, copies: c.copies, files: doneFiles(files[i]) })),
      note: v.note?.trim() || undefined,
    };
    setSending(true);
    try {
      const d = await api.post<MyDossier>('/dossiers', body, { idempotencyKey: key.current });
      await qc.invalidateQueries({ queryKey: citizenKeys.mine });
      setDone(d);
      scrollTop();
    } catch (e) {
      const details = e instanceof ApiError ? e.details : [];
      const paths = details.map((d) => d.path);
      const at = paths.some((x) => /^(applicant|authorised)/.test(x)) ? 1 : paths.some((x) => /^(caseCode|agencyId)/.test(x)) ? 0 : paths.some((x) => /^components/.test(x)) ? 2 : 3;
      setError([errorMessage(e), ...details.map((d) => d.message).filter(Boolean)]);
      setStep(at);
      // Mark the fields once the step holding them is shown again.
      setTimeout(() => applyFormErrors(form, e, ['applicant', 'authorised', 'caseCode', 'agencyId', 'note']), 0);
      // A refused request (4xx) created nothing: the corrected one gets a new key. After a network
      // failure the key stays, so that a retry cannot file the dossier twice.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) key.current = newIdempotencyKey();
    } finally {
      setSending(false);
    }
  };

  const values = form.getFieldsValue(true) as Values;
  const chosenCase = p.cases.find((c) => c.code === values.caseCode) ?? p.cases[0];
  const chosenAgency = p.agencies.find((a) => a.id === values.agencyId);

  return (
    <div className="mc-cz-page mc-cz-submit" ref={top}>
      <div className="mc-cz-head">
        <div className="mc-container mc-cz-narrow">
          {!phone && <Breadcrumb className="mc-cz-breadcrumb" items={crumbs} />}
          <div className="mc-cz-head__eyebrow">Nộp hồ sơ trực tuyến · Mã thủ tục {p.code}</div>
          <h1 className="mc-cz-head__title">{p.name}</h1>
          <Stepper current={step} />
        </div>
      </div>
      <div className="mc-container mc-cz-narrow">
        {error && (
          <Alert
            type="error"
            showIcon
            className="mc-cz-alert"
            title={error[0]}
            description={error.length > 1 ? <ul className="mc-cz-list">{error.slice(1).map((m, i) => <li key={i}>{m}</li>)}</ul> : undefined}
            role="alert"
            data-testid="submit-error"
          />
        )}
        <Form<Values> form={form} layout="vertical" requiredMark={false} size="large" disabled={sending} initialValues={{ hasAuthorised: false }}>
          {step === 0 && (
            <>
              <Section title="Trường hợp giải quyết" hint={p.cases.length > 1 ? 'Chọn trường hợp đúng với hồ sơ của bạn; thời hạn giải quyết tùy trường hợp.' : undefined}>
                {p.cases.length > 1 ? (
                  <Form.Item name="caseCode" rules={[{ required: true, message: 'Vui lòng chọn trường hợp.' }]}>
                    <Radio.Group className="mc-cz-choices">
                      {p.cases.map((c) => (
                        <Radio key={c.code} value={c.code} className="mc-cz-choice">
                          <span className="mc-cz-choice__name">{c.name}</span>
                          <span className="mc-cz-choice__meta">
                            <ClockCircleOutlined /> {duration(c)}
                          </span>
                        </Radio>
                      ))}
                    </Radio.Group>
                  </Form.Item>
                ) : (
                  <Form.Item name="caseCode" hidden>
                    <Input />
                  </Form.Item>
                )}
                {p.cases.length <= 1 && chosenCase && (
                  <div className="mc-cz-fact">
                    <span>{chosenCase.name}</span>
                    <span className="mc-cz-fact__meta">
                      <ClockCircleOutlined /> Thời hạn giải quyết: <b>{duration(chosenCase)}</b> kể từ khi hồ sơ được tiếp nhận
                    </span>
                  </div>
                )}
              </Section>
              <Section title="Cơ quan giải quyết">
                {p.agencies.length > 1 ? (
                  <Form.Item name="agencyId" label="Chọn cơ quan nơi bạn nộp hồ sơ" rules={[{ required: true, message: 'Vui lòng chọn cơ quan giải quyết.' }]}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="Chọn cơ quan"
                      options={p.agencies.map((a) => ({ value: a.id, label: a.name }))}
                      data-testid="agency-select"
                    />
                  </Form.Item>
                ) : (
                  <>
                    <Form.Item name="agencyId" hidden>
                      <Input />
                    </Form.Item>
                    <div className="mc-cz-fact">{p.agencies[0]?.name ?? 'Theo quy định của thủ tục'}</div>
                  </>
                )}
              </Section>
              <Section title="Phí, lệ phí">
                {p.fees.length === 0 ? (
                  <div className="mc-cz-fact">Không thu phí, lệ phí.</div>
                ) : (
                  <ul className="mc-cz-list">
                    {p.fees.map((f, i) => (
                      <li key={i}>
                        {f.name}: <b>{f.amount === 0 ? 'miễn phí' : fmtVnd(f.amount)}</b>
                      </li>
                    ))}
                  </ul>
                )}
                <p className="mc-cz-card__hint">Bạn nộp phí, lệ phí khi cơ quan giải quyết thông báo; không cần nộp trước.</p>
                {p.onlineType === 'partial' && (
                  <Alert
                    type="info"
                    showIcon
                    title="Dịch vụ công trực tuyến một phần"
                    description="Bạn nộp hồ sơ trực tuyến; việc nộp phí hoặc nhận kết quả có thể phải thực hiện trực tiếp tại Bộ phận Một cửa."
                  />
                )}
              </Section>
            </>
          )}

          {step === 1 && (
            <>
              <Section title="Chủ hồ sơ" hint="Thông tin đã điền sẵn theo tài khoản của bạn; sửa lại nếu bạn nộp cho người khác.">
                <PersonFields name="applicant" who="chủ hồ sơ" />
              </Section>
              <Section title="Người được ủy quyền">
                <Form.Item name="hasAuthorised" valuePropName="checked" className="mc-cz-tight">
                  <Checkbox data-testid="has-authorised">Hồ sơ do người khác nộp thay theo ủy quyền</Checkbox>
                </Form.Item>
                <Form.Item noStyle shouldUpdate={(a, b) => a.hasAuthorised !== b.hasAuthorised}>
                  {({ getFieldValue }) => (getFieldValue('hasAuthorised') ? <PersonFields name="authorised" who="người được ủy quyền" /> : null)}
                </Form.Item>
              </Section>
            </>
          )}

          {step === 2 && (
            <Section
              title="Thành phần hồ sơ"
              hint="Đính kèm bản chụp hoặc bản quét rõ nét của từng giấy tờ (PDF, JPEG hoặc PNG). Giấy tờ nhiều trang có thể gộp thành một tệp PDF hoặc chọn nhiều ảnh."
            >
              <ol className="mc-cz-components">
                {p.dossierComponents.map((c, i) => (
                  <li key={i} className={`mc-cz-component${missing.includes(i) ? ' is-missing' : ''}`} data-testid={`component-${i}`}>
                    <div className="mc-cz-component__head">
                      <span className="mc-cz-component__num">{i + 1}</span>
                      <div>
                        <div className="mc-cz-component__name">{c.name}</div>
                        <div className="mc-cz-component__meta">
                          {c.originals > 0 && <span>Bản chính: {c.originals}</span>}
                          {c.copies > 0 && <span>Bản sao: {c.copies}</span>}
                          {c.template && <span>Mẫu: {c.template}</span>}
                        </div>
                      </div>
                    </div>
                    <FileSlot files={files[i] ?? []} update={updaters[i]} invalid={missing.includes(i)} testId={`component-${i}-files`} disabled={sending} />
                    {missing.includes(i) && <div className="mc-cz-error">Chưa có tệp cho giấy tờ này.</div>}
                  </li>
                ))}
              </ol>
            </Section>
          )}

          {step === 3 && (
            <>
              <Section title="Xem lại hồ sơ">
                <dl className="mc-cz-review">
                  <ReviewRow label="Thủ tục">{p.name}</ReviewRow>
                  {chosenCase && (
                    <ReviewRow label="Trường hợp">
                      {chosenCase.name} · {duration(chosenCase)}
                    </ReviewRow>
                  )}
                  <ReviewRow label="Cơ quan giải quyết">{chosenAgency?.name ?? p.agencies[0]?.name ?? '—'}</ReviewRow>
                  <ReviewRow label="Chủ hồ sơ">
                    <PersonSummary p={values.applicant} />
                  </ReviewRow>
                  {values.hasAuthorised && (
                    <ReviewRow label="Người được ủy quyền">
                      <PersonSummary p={values.authorised} />
                    </ReviewRow>
                  )}
                  <ReviewRow label="Giấy tờ đính kèm">
                    <ul className="mc-cz-list">
                      {p.dossierComponents.map((c, i) => (
                        <li key={i}>
                          {c.name}: <b>{doneFiles(files[i]).length} tệp</b>
                        </li>
                      ))}
                    </ul>
                  </ReviewRow>
                </dl>
                <div className="mc-cz-edit-links">
                  <Button type="link" onClick={() => setStep(0)}>
                    Sửa thủ tục
                  </Button>
                  <Button type="link" onClick={() => setStep(1)}>
                    Sửa người nộp
                  </Button>
                  <Button type="link" onClick={() => setStep(2)}>
                    Sửa giấy tờ
                  </Button>
                </div>
              </Section>
              <Section title="Ghi chú và cam đoan">
                <Form.Item name="note" label="Ghi chú gửi Bộ phận Một cửa (không bắt buộc)">
                  <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
                </Form.Item>
                <Form.Item
                  name="pledge"
                  valuePropName="checked"
                  rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('Vui lòng xác nhận lời cam đoan để nộp hồ sơ.'))) }]}
                >
                  <Checkbox data-testid="pledge">
                    Tôi xin cam đoan các thông tin khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật về nội dung đã khai.
                  </Checkbox>
                </Form.Item>
              </Section>
            </>
          )}
        </Form>

        <div className="mc-cz-actions">
          {step > 0 ? (
            <Button size="large" icon={<ArrowLeftOutlined />} onClick={back} disabled={sending}>
              Quay lại
            </Button>
          ) : (
            <Link to={`${PATHS.procedures}/${encodeURIComponent(p.code)}`}>
              <Button size="large" icon={<ArrowLeftOutlined />}>
                Hướng dẫn
              </Button>
            </Link>
          )}
          {step < 3 ? (
            <Button type="primary" size="large" onClick={() => void next()} data-testid="step-next">
              Tiếp tục <ArrowRightOutlined />
            </Button>
          ) : (
            <Button type="primary" size="large" icon={<SendOutlined />} loading={sending} onClick={() => void submit()} data-testid="submit-dossier">
              Nộp hồ sơ
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}

function PersonSummary({ p }: { p: PersonValues | undefined }) {
  if (!p) return <>—</>;
  return (
    <div className="mc-cz-person">
      <b>{p.fullName}</b>
      <span>CCCD: {p.idNumber}</span>
      <span>Điện thoại: {p.phone}</span>
      {p.email && <span>Thư điện tử: {p.email}</span>}
      <span>{p.address}</span>
    </div>
  );
}

function Success({ dossier, proc }: { dossier: MyDossier; proc: ProcedureForSubmit }) {
  const c = proc.cases.find((x) => x.name === dossier.procedure.caseName) ?? proc.cases[0];
  return (
    <div className="mc-container mc-cz-page mc-cz-narrow" data-testid="submit-success">
      <div className="mc-cz-success">
        <CheckCircleFilled className="mc-cz-success__icon" aria-hidden />
        <h1>Đã gửi hồ sơ thành công</h1>
        <p>
          Hồ sơ <b>{dossier.procedure.name}</b> đã được gửi lúc {fmtDateTime(dossier.submittedAt)} tới{' '}
          {dossier.receptionAgency?.name ?? 'Bộ phận Một cửa'}.
        </p>
      </div>
      <section className="mc-cz-card">
        <h2 className="mc-cz-card__title">Điều gì xảy ra tiếp theo?</h2>
        <ol className="mc-cz-next">
          <li>
            <b>Bộ phận Một cửa kiểm tra hồ sơ.</b> Nếu hồ sơ đầy đủ, hợp lệ, hồ sơ được tiếp nhận và bạn nhận được <b>mã hồ sơ</b> cùng{' '}
            <b>ngày hẹn trả kết quả</b>.
          </li>
          <li>
            <b>Nếu cần bổ sung,</b> bạn sẽ thấy danh sách giấy tờ cần bổ sung trong mục “Hồ sơ của tôi” và gửi bổ sung ngay trên trang đó.
          </li>
          <li>
            <b>Cơ quan giải quyết</b> xử lý hồ sơ{c ? ` trong ${duration(c)} kể từ khi tiếp nhận` : ''}. Bạn theo dõi tiến độ tại “Hồ sơ của tôi”
            hoặc tra cứu bằng mã hồ sơ và 4 số cuối số định danh (hoặc số điện thoại) của chủ hồ sơ.
          </li>
          <li>
            <b>Khi có kết quả,</b> bạn nhận kết quả theo hình thức đã đăng ký và có thể đánh giá mức độ hài lòng.
          </li>
        </ol>
      </section>
      <div className="mc-cz-actions mc-cz-actions--center">
        <Link to={`${PATHS.myDossiers}/${dossier.id}`}>
          <Button type="primary" size="large" icon={<FileDoneOutlined />} data-testid="open-dossier">
            Xem hồ sơ vừa nộp
          </Button>
        </Link>
        <Link to={PATHS.myDossiers}>
          <Button size="large">Hồ sơ của tôi</Button>
        </Link>
      </div>
    </div>
  );
}

export default function SubmitPage() {
  const { procedureCode = '' } = useParams();
  return (
    <RequireCitizen what="nộp hồ sơ trực tuyến">
      <SubmitForm code={procedureCode} />
    </RequireCitizen>
  );
}
