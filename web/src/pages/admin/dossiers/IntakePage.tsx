import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  CalendarOutlined,
  CarOutlined,
  CheckCircleFilled,
  DeleteOutlined,
  FileDoneOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  MailOutlined,
  PhoneOutlined,
  PlusOutlined,
  PrinterOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { ApiError, detailPathToName, errorMessage, newIdempotencyKey, api } from '../../../api';
import { useMe } from '../../../auth';
import { PageHeader } from '../../../components/PageHeader';
import { PATHS } from '../../../paths';
import { useAgencies } from '../../../queries';
import { descendantIds } from '../../../lib/agencies';
import { useDebounced, useIsMobile } from '../../../lib/hooks';
import { useNotify } from '../../../lib/notify';
import { useQueryClient } from '@tanstack/react-query';
import { FileUpload, isUploading, uploadedRefs, type UploadValue } from './FileUpload';
import {
  dossierKeys,
  fmtDueLong,
  fmtLegalDuration,
  slipUrl,
  useProcedure,
  useProcedureSearch,
  type Dossier,
  type ProcedureDetail,
} from './model';
import './dossiers.css';

// Quy tắc kiểm tra khớp với máy chủ (src/modules/dossiers/routes.ts).
const ID_RE = /^[0-9A-Za-z-]{6,20}$/;
const PHONE_RE = /^(\+84|0)[0-9 .-]{8,14}$/;

interface PersonValues {
  fullName?: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

interface ComponentValues {
  received: boolean;
  name: string;
  originals: number;
  copies: number;
  files?: UploadValue;
  /** Thành phần do cán bộ thêm (không có trong danh mục của thủ tục). */
  extra?: boolean;
}

interface IntakeValues {
  procedureCode?: string;
  caseCode?: string;
  agencyId?: string;
  channel: 'counter' | 'postal';
  applicant: PersonValues;
  hasAuthorised: boolean;
  authorised?: PersonValues;
  components: ComponentValues[];
  note?: string;
}

/** Độ dài sau khi bỏ khoảng trắng hai đầu (máy chủ kiểm tra như vậy). */
const trimmedLength = (min: number, max: number, message: string) => ({
  validator: (_: unknown, v?: string) => {
    const n = (v ?? '').trim().length;
    return n === 0 || (n >= min && n <= max) ? Promise.resolve() : Promise.reject(new Error(message));
  },
});

function personRules(prefix: string) {
  return {
    fullName: [
      { required: true, whitespace: true, message: `Vui lòng nhập họ và tên ${prefix}.` },
      trimmedLength(2, 200, 'Họ và tên từ 2 đến 200 ký tự.'),
    ],
    idNumber: [
      { required: true, whitespace: true, message: 'Vui lòng nhập số định danh cá nhân hoặc số giấy tờ.' },
      {
        validator: (_: unknown, v?: string) =>
          !v || ID_RE.test(v.trim())
            ? Promise.resolve()
            : Promise.reject(new Error('Số định danh cá nhân (12 chữ số), số hộ chiếu hoặc mã số doanh nghiệp: 6–20 chữ cái, chữ số.')),
      },
    ],
    phone: [
      { required: true, whitespace: true, message: 'Vui lòng nhập số điện thoại.' },
      {
        validator: (_: unknown, v?: string) => {
          if (!v) return Promise.resolve();
          const t = v.trim();
          const digits = t.replace(/\D/g, '').length;
          return PHONE_RE.test(t) && digits >= 9 && digits <= 12
            ? Promise.resolve()
            : Promise.reject(new Error('Số điện thoại Việt Nam, ví dụ 0912 345 678.'));
        },
      },
    ],
    email: [
      { type: 'email' as const, message: 'Địa chỉ thư điện tử không hợp lệ.' },
      { max: 200, message: 'Tối đa 200 ký tự.' },
    ],
    address: [
      { required: true, whitespace: true, message: 'Vui lòng nhập địa chỉ.' },
      trimmedLength(2, 500, 'Địa chỉ từ 2 đến 500 ký tự.'),
    ],
  };
}

function PersonFields({ name, who }: { name: 'applicant' | 'authorised'; who: string }) {
  const rules = personRules(who);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'fullName']} label="Họ và tên" rules={rules.fullName}>
          <Input maxLength={200} placeholder="vd: Lê Thị Hồng" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={[name, 'idNumber']}
          label="Số định danh cá nhân / số giấy tờ"
          rules={rules.idNumber}
          normalize={(v?: string) => v?.replace(/\s/g, '')}
        >
          <Input className="mc-mono" maxLength={20} placeholder="12 chữ số trên căn cước" inputMode="text" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'phone']} label="Số điện thoại" rules={rules.phone}>
          <Input prefix={<PhoneOutlined />} maxLength={20} placeholder="vd: 0912 345 678" inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[name, 'email']} label="Thư điện tử" rules={rules.email}>
          <Input prefix={<MailOutlined />} maxLength={200} placeholder="Không bắt buộc" inputMode="email" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name={[name, 'address']} label="Địa chỉ" rules={rules.address}>
          <Input maxLength={500} placeholder="Số nhà, đường, thôn/tổ dân phố, xã/phường, tỉnh" autoComplete="off" />
        </Form.Item>
      </Col>
    </Row>
  );
}

function ProcedurePicker({ value, onChange, id }: { value?: string; onChange?: (v?: string) => void; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const res = useProcedureSearch(q);
  const [selectedName, setSelectedName] = useState<string | null>(null);
  const options = (res.data?.items ?? []).map((p) => ({
    value: p.code,
    name: p.name,
    label: (
      <div className="mc-procopt" data-testid="procedure-option">
        <div className="mc-procopt__name">{p.name}</div>
        <div className="mc-procopt__meta">
          <span className="mc-mono">{p.code}</span>
          <span>{p.field.name}</span>
          {p.cases[0] && <span>{fmtLegalDuration(p.cases[0].durationAmount, p.cases[0].durationUnit)}</span>}
        </div>
      </div>
    ),
  }));
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined, opt) => {
        const o = Array.isArray(opt) ? undefined : (opt as { name?: string } | undefined);
        setSelectedName(o?.name ?? null);
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      size="large"
      placeholder="Gõ tên hoặc mã thủ tục, có dấu hoặc không dấu (vd: giay phep xay dung)"
      options={options}
      loading={res.isFetching}
      labelRender={({ value: v }) => (
        <span>
          <span className="mc-mono mc-procsel__code">{String(v)}</span> {selectedName ?? ''}
        </span>
      )}
      notFoundContent={res.isFetching ? <Skeleton active paragraph={{ rows: 2 }} title={false} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Không tìm thấy thủ tục" />}
      popupMatchSelectWidth
      listHeight={360}
    />
  );
}

function ProcedureInfo({ proc }: { proc: ProcedureDetail }) {
  return (
    <Card className="mc-card mc-intake-info" title="Thông tin thủ tục" size="small">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'code', label: 'Mã thủ tục', children: <span className="mc-mono">{proc.code}</span> },
          { key: 'field', label: 'Lĩnh vực', children: proc.field.name },
          {
            key: 'agency',
            label: 'Cơ quan giải quyết',
            children: proc.agencies.length ? proc.agencies.map((a) => a.name).join('; ') : '—',
          },
          ...(proc.timeLimit ? [{ key: 'time', label: 'Thời hạn', children: <span className="mc-prewrap">{proc.timeLimit}</span> }] : []),
          ...(proc.fees.length
            ? [
                {
                  key: 'fees',
                  label: 'Phí, lệ phí',
                  children: (
                    <ul className="mc-intake-fees">
                      {proc.fees.map((f, i) => (
                        <li key={i}>
                          {f.name}: <b>{f.amount.toLocaleString('vi-VN')} đồng</b>
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function SuccessPanel({ d, onAnother }: { d: Dossier; onAnother: () => void }) {
  const navigate = useNavigate();
  return (
    <Card className="mc-card mc-intake-done" data-testid="intake-success">
      <Result
        icon={<CheckCircleFilled className="mc-intake-done__icon" />}
        title="Đã tiếp nhận hồ sơ"
        subTitle={`${d.procedure.name} · ${d.applicant.fullName}`}
      />
      <div className="mc-intake-done__grid">
        <div className="mc-intake-done__box">
          <div className="mc-intake-done__k">Mã hồ sơ</div>
          <Typography.Text className="mc-intake-done__code mc-mono" copyable={{ tooltips: ['Sao chép mã', 'Đã sao chép'] }} data-testid="created-code">
            {d.code}
          </Typography.Text>
        </div>
        <div className="mc-intake-done__box mc-intake-done__box--due">
          <div className="mc-intake-done__k">
            <CalendarOutlined /> Hẹn trả kết quả
          </div>
          <div className="mc-intake-done__due" data-testid="created-due">
            {fmtDueLong(d.dueAt)}
          </div>
          <div className="mc-intake-done__sub">
            Thời hạn giải quyết: {fmtLegalDuration(d.procedure.durationAmount, d.procedure.durationUnit)}
          </div>
        </div>
      </div>
      <div className="mc-intake-done__actions">
        <Button
          type="primary"
          size="large"
          icon={<PrinterOutlined />}
          href={slipUrl(d.id, 'receipt')}
          target="_blank"
          rel="noopener"
          data-testid="print-receipt"
        >
          In giấy tiếp nhận và hẹn trả
        </Button>
        <Button size="large" icon={<FolderOpenOutlined />} onClick={() => navigate(`${PATHS.dossiers}/${d.id}`)} data-testid="open-dossier">
          Mở hồ sơ
        </Button>
        <Button size="large" icon={<PlusOutlined />} onClick={onAnother} data-testid="intake-another">
          Tiếp nhận hồ sơ khác
        </Button>
      </div>
    </Card>
  );
}

const INITIAL: IntakeValues = {
  channel: 'counter',
  applicant: {},
  hasAuthorised: false,
  components: [],
};

export default function IntakePage() {
  const [form] = Form.useForm<IntakeValues>();
  const navigate = useNavigate();
  const { data: user } = useMe();
  const notify = useNotify();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const agencies = useAgencies('active');
  const [created, setCreated] = useState<Dossier | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string[] | null>(null);
  const keyRef = useRef<string | null>(null);

  const procedureCode = Form.useWatch('procedureCode', form);
  const caseCode = Form.useWatch('caseCode', form);
  const hasAuthorised = Form.useWatch('hasAuthorised', form);
  // preserve: thành phần từ danh mục không có ô nhập tên, vẫn cần đọc tên từ kho giá trị của biểu mẫu.
  const components = Form.useWatch('components', { form, preserve: true }) as ComponentValues[] | undefined;
  const proc = useProcedure(procedureCode);
  const detail = proc.data && proc.data.code === procedureCode ? proc.data : undefined;

  // Cơ quan giải quyết mặc định: cơ quan có bộ phận tiếp nhận của cán bộ nằm trong cây đơn vị của nó.
  const myUnits = useMemo(
    () => (user?.grants ?? []).filter((g) => g.role === 'reception' && g.agencyId).map((g) => g.agencyId!),
    [user],
  );
  const defaultAgency = useMemo(() => {
    if (!detail || detail.agencies.length === 0) return undefined;
    if (detail.agencies.length === 1) return detail.agencies[0].id;
    const all = agencies.data ?? [];
    return detail.agencies.find((a) => {
      const sub = descendantIds(all, a.id);
      return myUnits.some((u) => sub.has(u));
    })?.id;
  }, [detail, agencies.data, myUnits]);

  // Chọn thủ tục → điền trường hợp, cơ quan và danh mục thành phần hồ sơ.
  const loadedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!detail || loadedFor.current === detail.code) return;
    loadedFor.current = detail.code;
    form.setFieldsValue({
      caseCode: detail.cases[0]?.code,
      agencyId: defaultAgency,
      components: detail.dossierComponents.map((c) => ({ received: true, name: c.name, originals: c.originals, copies: c.copies, files: [] })),
    });
  }, [detail, defaultAgency, form]);
  useEffect(() => {
    if (detail && defaultAgency && !form.getFieldValue('agencyId')) form.setFieldValue('agencyId', defaultAgency);
  }, [detail, defaultAgency, form]);

  const selectedCase = detail?.cases.find((c) => c.code === caseCode) ?? detail?.cases[0];
  const receivedCount = (components ?? []).filter((c) => c?.received).length;

  const reset = () => {
    form.resetFields();
    loadedFor.current = null;
    keyRef.current = null;
    setCreated(null);
    setFormError(null);
    window.scrollTo({ top: 0 });
  };

  const submit = async () => {
    // Mọi giá trị trong kho của biểu mẫu (kể cả tên thành phần không có ô nhập).
    const v = form.getFieldsValue(true) as IntakeValues;
    setFormError(null);
    const comps = (v.components ?? []).map((c, formIndex) => ({ c, formIndex })).filter(({ c }) => c.received);
    if (comps.some(({ c }) => isUploading(c.files))) {
      notify.message.warning('Đang tải tệp lên, vui lòng chờ trong giây lát rồi bấm lại.');
      return;
    }
    const person = (p?: PersonValues) =>
      p && {
        fullName: (p.fullName ?? '').trim(),
        idNumber: (p.idNumber ?? '').trim(),
        phone: (p.phone ?? '').trim(),
        email: p.email?.trim() ? p.email.trim() : null,
        address: (p.address ?? '').trim(),
      };
    const body = {
      procedureCode: v.procedureCode,
      caseCode: v.caseCode,
      channel: v.channel,
      agencyId: v.agencyId || undefined,
      applicant: person(v.applicant),
      authorised: v.hasAuthorised ? person(v.authorised) : null,
      components: comps.map(({ c }) => ({
        name: (c.name ?? '').trim(),
        originals: c.originals ?? 0,
        copies: c.copies ?? 0,
        files: uploadedRefs(c.files),
      })),
      note: v.note?.trim() || undefined,
    };
    keyRef.current ??= newIdempotencyKey();
    setSubmitting(true);
    try {
      const d = await api.post<Dossier>('/dossiers', body, { idempotencyKey: keyRef.current });
      keyRef.current = null;
      setCreated(d);
      void qc.invalidateQueries({ queryKey: dossierKeys.root });
      window.scrollTo({ top: 0 });
    } catch (e) {
      // Lỗi mạng: giữ khóa để lần bấm lại không tạo hồ sơ thứ hai.
      if (!(e instanceof ApiError && e.status === 0)) keyRef.current = null;
      const unmatched: string[] = [];
      if (e instanceof ApiError && e.details.length) {
        const fields: { name: (string | number)[]; errors: string[] }[] = [];
        for (const d of e.details) {
          let name = detailPathToName(d.path);
          if (name[0] === 'components' && typeof name[1] === 'number') {
            const formIndex = comps[name[1]]?.formIndex;
            name = formIndex === undefined ? [] : ['components', formIndex, name[2] === 'files' ? 'files' : (name[2] ?? 'name')];
          }
          if (name.length && ['procedureCode', 'caseCode', 'agencyId', 'channel', 'applicant', 'authorised', 'components', 'note'].includes(String(name[0]))) {
            fields.push({ name, errors: [d.message] });
          } else unmatched.push(d.message);
        }
        if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      }
      setFormError([errorMessage(e), ...unmatched]);
      notify.message.error(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  if (created) {
    return (
      <div className="mc-intake">
        <PageHeader title="Tiếp nhận hồ sơ" icon={<InboxOutlined />} />
        <SuccessPanel d={created} onAnother={reset} />
      </div>
    );
  }

  return (
    <div className="mc-intake">
      <PageHeader
        title="Tiếp nhận hồ sơ"
        icon={<InboxOutlined />}
        description="Tiếp nhận hồ sơ nộp trực tiếp tại quầy hoặc qua bưu chính: hồ sơ được cấp mã và ngày hẹn trả ngay khi lưu."
        extra={
          <Button icon={<FolderOpenOutlined />} onClick={() => navigate(PATHS.dossiers)}>
            Hàng đợi công việc
          </Button>
        }
      />
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        initialValues={INITIAL}
        onFinish={submit}
        onFinishFailed={() => notify.message.error('Vui lòng kiểm tra lại các trường được đánh dấu đỏ.')}
        scrollToFirstError={{ block: 'center' }}
        disabled={submitting}
        requiredMark
        autoComplete="off"
        data-testid="intake-form"
      >
        <Row gutter={[20, 20]}>
          <Col xs={24} xl={16}>
            <Card className="mc-card mc-intake-card" title={<span><span className="mc-intake-num">1</span> Thủ tục hành chính</span>}>
              <Form.Item name="procedureCode" label="Thủ tục" rules={[{ required: true, message: 'Vui lòng chọn thủ tục hành chính.' }]}>
                <ProcedurePicker />
              </Form.Item>
              {procedureCode && !detail && proc.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
              {proc.isError && <Alert type="error" showIcon title={errorMessage(proc.error)} />}
              {detail && (
                <Row gutter={16}>
                  <Col xs={24} md={detail.cases.length > 1 ? 24 : 12}>
                    <Form.Item name="caseCode" label="Trường hợp" rules={[{ required: true, message: 'Vui lòng chọn trường hợp.' }]}>
                      {detail.cases.length > 1 ? (
                        <Radio.Group className="mc-intake-cases">
                          {detail.cases.map((c) => (
                            <Radio key={c.code} value={c.code}>
                              {c.name} <Tag color="blue">{fmtLegalDuration(c.durationAmount, c.durationUnit)}</Tag>
                            </Radio>
                          ))}
                        </Radio.Group>
                      ) : (
                        <Select options={detail.cases.map((c) => ({ value: c.code, label: c.name }))} />
                      )}
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label="Thời hạn giải quyết">
                      <div className="mc-intake-duration" data-testid="legal-duration">
                        <CalendarOutlined /> {selectedCase ? fmtLegalDuration(selectedCase.durationAmount, selectedCase.durationUnit) : '—'}
                        {selectedCase?.sameDayCutoff && <span className="mc-muted"> · nhận trước {selectedCase.sameDayCutoff} trả trong ngày</span>}
                      </div>
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="agencyId"
                      label="Cơ quan giải quyết"
                      rules={[{ required: detail.agencies.length > 1, message: 'Vui lòng chọn cơ quan giải quyết hồ sơ.' }]}
                    >
                      {detail.agencies.length > 1 ? (
                        <Select
                          options={detail.agencies.map((a) => ({ value: a.id, label: a.name }))}
                          placeholder="Chọn cơ quan giải quyết"
                          showSearch={{ optionFilterProp: 'label' }}
                        />
                      ) : (
                        <div className="mc-intake-agency">{detail.agencies[0]?.name ?? '—'}</div>
                      )}
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="channel" label="Hình thức nộp">
                      <Radio.Group optionType="button" buttonStyle="solid" className="mc-intake-channel">
                        <Radio value="counter">
                          <ShopOutlined /> Trực tiếp tại quầy
                        </Radio>
                        <Radio value="postal">
                          <CarOutlined /> Qua bưu chính
                        </Radio>
                      </Radio.Group>
                    </Form.Item>
                  </Col>
                </Row>
              )}
            </Card>

            <Card className="mc-card mc-intake-card" title={<span><span className="mc-intake-num">2</span> Người nộp hồ sơ</span>}>
              <div className="mc-form-section">Chủ hồ sơ</div>
              <PersonFields name="applicant" who="chủ hồ sơ" />
              <div className="mc-intake-switch">
                <Form.Item name="hasAuthorised" valuePropName="checked" noStyle>
                  <Switch id="hasAuthorised" />
                </Form.Item>
                <label htmlFor="hasAuthorised">Người nộp là người được ủy quyền</label>
              </div>
              {hasAuthorised && (
                <>
                  <div className="mc-form-section">Người được ủy quyền</div>
                  <PersonFields name="authorised" who="người được ủy quyền" />
                </>
              )}
            </Card>

            <Card
              className="mc-card mc-intake-card"
              title={<span><span className="mc-intake-num">3</span> Thành phần hồ sơ</span>}
              extra={
                components && components.length > 0 ? (
                  <span className={`mc-intake-count${receivedCount === components.length ? ' is-full' : ''}`} data-testid="received-count">
                    Đã nhận {receivedCount}/{components.length}
                  </span>
                ) : undefined
              }
            >
              {!detail ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chọn thủ tục để hiện danh mục giấy tờ cần kiểm tra." />
              ) : (
                <Form.List name="components">
                  {(fields, { add, remove }) => (
                    <div className="mc-checklist">
                      {fields.length === 0 && (
                        <Alert type="info" showIcon title="Thủ tục chưa công bố danh mục thành phần hồ sơ. Thêm các giấy tờ đã nhận bên dưới." />
                      )}
                      {fields.map((field, i) => {
                        const c = components?.[field.name];
                        return (
                          <div key={field.key} className={`mc-checkitem${c?.received ? ' is-received' : ''}`} data-testid="component-row">
                            <div className="mc-checkitem__head">
                              <Form.Item name={[field.name, 'received']} valuePropName="checked" noStyle>
                                <Checkbox aria-label={`Đã nhận: ${c?.name ?? `giấy tờ ${i + 1}`}`} />
                              </Form.Item>
                              <div className="mc-checkitem__name">
                                {c?.extra ? (
                                  <Form.Item
                                    name={[field.name, 'name']}
                                    rules={[{ required: true, whitespace: true, message: 'Nhập tên giấy tờ.' }, { max: 1000, message: 'Tối đa 1000 ký tự.' }]}
                                    className="mc-checkitem__name-input"
                                  >
                                    <Input placeholder="Tên giấy tờ" />
                                  </Form.Item>
                                ) : (
                                  <span>
                                    <span className="mc-checkitem__idx">{i + 1}.</span> {c?.name}
                                  </span>
                                )}
                              </div>
                              {c?.extra && (
                                <Tooltip title="Bỏ giấy tờ này">
                                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="Bỏ giấy tờ này" />
                                </Tooltip>
                              )}
                            </div>
                            <div className="mc-checkitem__body">
                              <Form.Item name={[field.name, 'originals']} label="Bản chính" className="mc-checkitem__num">
                                <InputNumber min={0} max={100} precision={0} disabled={!c?.received} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'copies']} label="Bản sao" className="mc-checkitem__num">
                                <InputNumber min={0} max={100} precision={0} disabled={!c?.received} />
                              </Form.Item>
                              <Form.Item
                                name={[field.name, 'files']}
                                valuePropName="value"
                                className="mc-checkitem__files"
                                label="Bản quét (không bắt buộc)"
                              >
                                <FileUpload size="small" label="Tải bản quét" maxCount={20} disabled={!c?.received} />
                              </Form.Item>
                            </div>
                          </div>
                        );
                      })}
                      <Space wrap>
                        <Button
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() => add({ received: true, name: '', originals: 1, copies: 0, files: [], extra: true })}
                        >
                          Thêm giấy tờ khác
                        </Button>
                        {fields.length > 0 && (
                          <Button
                            type="link"
                            onClick={() =>
                              form.setFieldValue(
                                'components',
                                (form.getFieldValue('components') as ComponentValues[]).map((x) => ({ ...x, received: receivedCount !== fields.length })),
                              )
                            }
                          >
                            {receivedCount === fields.length ? 'Bỏ đánh dấu tất cả' : 'Đánh dấu đã nhận tất cả'}
                          </Button>
                        )}
                      </Space>
                      {receivedCount < fields.length && (
                        <Alert
                          className="mc-checklist__warn"
                          type="warning"
                          showIcon
                          title="Hồ sơ chưa đủ thành phần theo quy định"
                          description="Nếu thiếu giấy tờ, hãy hướng dẫn công dân bổ sung trước khi tiếp nhận; chỉ các giấy tờ được đánh dấu mới ghi vào hồ sơ."
                        />
                      )}
                    </div>
                  )}
                </Form.List>
              )}
            </Card>

            <Card className="mc-card mc-intake-card" title={<span><span className="mc-intake-num">4</span> Ghi chú</span>}>
              <Form.Item name="note" rules={[{ max: 4000, message: 'Tối đa 4000 ký tự.' }]} className="mc-intake-note">
                <Input.TextArea rows={3} maxLength={4000} showCount placeholder="Ghi chú của cán bộ tiếp nhận (không bắt buộc)" aria-label="Ghi chú của cán bộ tiếp nhận" />
              </Form.Item>
            </Card>
          </Col>

          <Col xs={24} xl={8}>
            <div className="mc-intake-side">
              {detail ? (
                <ProcedureInfo proc={detail} />
              ) : (
                <Card className="mc-card mc-intake-info" size="small" title="Hướng dẫn">
                  <ol className="mc-intake-help">
                    <li>Tìm và chọn thủ tục công dân đề nghị giải quyết.</li>
                    <li>Nhập thông tin chủ hồ sơ theo giấy tờ tùy thân.</li>
                    <li>Kiểm tra từng thành phần hồ sơ, đánh dấu giấy tờ đã nhận.</li>
                    <li>Bấm "Tiếp nhận hồ sơ" để cấp mã và in giấy hẹn trả.</li>
                  </ol>
                </Card>
              )}
              {formError && (
                <Alert
                  type="error"
                  showIcon
                  className="mc-intake-error"
                  title={formError[0]}
                  description={
                    formError.length > 1 ? (
                      <ul className="mc-intake-errlist">
                        {formError.slice(1).map((m, i) => (
                          <li key={i}>{m}</li>
                        ))}
                      </ul>
                    ) : undefined
                  }
                  data-testid="intake-error"
                />
              )}
              <div className={`mc-intake-submit${mobile ? ' is-mobile' : ''}`}>
                <Button
                  type="primary"
                  size="large"
                  block
                  htmlType="submit"
                  icon={<FileDoneOutlined />}
                  loading={submitting}
                  data-testid="intake-submit"
                >
                  Tiếp nhận hồ sơ
                </Button>
                <div className="mc-intake-submit__hint">Hồ sơ được cấp mã và ngày hẹn trả ngay khi lưu.</div>
              </div>
            </div>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
