import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useBlocker, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Tooltip,
} from 'antd';
import type { FormInstance } from 'antd';
import {
  CloudUploadOutlined,
  DeleteOutlined,
  FileProtectOutlined,
  HistoryOutlined,
  PlusOutlined,
  SaveOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, ApiError, isApiError } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { PageLoading } from '../../../components/PageLoading';
import { ErrorState } from '../../../components/ErrorState';
import { AgencyTreeSelect } from '../../../components/AgencyTreeSelect';
import { useAgencies, useRoles } from '../../../queries';
import { roleLabel } from '../../../labels';
import { DATE_FORMAT, fmtDateTime, fromYmd, toYmd } from '../../../lib/dates';
import { isActive } from '../../../lib/agencies';
import { useIsPhone } from '../../../lib/hooks';
import { useNotify } from '../../../lib/notify';
import { DURATION_UNIT_LABELS, DURATION_UNITS, type DurationUnit, type Workflow } from '../../../lib/workflow';
import {
  foldSearch,
  LEVELS,
  NON_PROCESSING_ROLES,
  ONLINE_TYPES,
  pk,
  procedurePaths,
  useFields,
  useProcedureVersion,
  useProcedureVersions,
  type DossierComponent,
  type Fee,
  type OnlineType,
  type ProcedureDetail,
  type ProcedureLevel,
  type VersionSummary,
} from './model';
import { WorkflowEditor, type Problem } from './WorkflowEditor';
import { FieldFormModal } from './FieldsModal';
import './procedures.css';

// ---------------------------------------------------------------------------
// Giá trị biểu mẫu
// ---------------------------------------------------------------------------

interface CaseValue {
  code?: string;
  name?: string;
  durationAmount?: number | null;
  durationUnit?: DurationUnit;
  sameDayCutoff?: string | null;
  workflow?: Workflow | null;
}

interface FormValues {
  code?: string;
  localCode?: string;
  name?: string;
  fieldCode?: string;
  levels: ProcedureLevel[];
  agencyIds: string[];
  steps?: string;
  submissionMeans?: string;
  dossierComponents: Partial<DossierComponent>[];
  timeLimit?: string;
  applicants?: string;
  competentAgency?: string;
  result?: string;
  fees: Partial<Fee>[];
  legalBasis?: string;
  onlineType: OnlineType;
  boundaryFree: boolean;
  decision?: { number?: string; date?: Dayjs | null; effectiveDate?: Dayjs | null };
  cases: CaseValue[];
}

const FORM_FIELDS = [
  'code',
  'localCode',
  'name',
  'fieldCode',
  'levels',
  'agencyIds',
  'steps',
  'submissionMeans',
  'dossierComponents',
  'timeLimit',
  'applicants',
  'competentAgency',
  'result',
  'fees',
  'legalBasis',
  'onlineType',
  'boundaryFree',
  'decision',
  'cases',
];

/** Nhãn tiếng Việt của các mục, để liệt kê vấn đề khi công bố. */
const FIELD_LABELS: Record<string, string> = {
  code: 'Mã thủ tục',
  localCode: 'Mã địa phương',
  name: 'Tên thủ tục',
  fieldCode: 'Lĩnh vực',
  levels: 'Cấp thực hiện',
  agencyIds: 'Cơ quan thực hiện',
  steps: 'Trình tự thực hiện',
  submissionMeans: 'Cách thức thực hiện',
  dossierComponents: 'Thành phần, số lượng hồ sơ',
  timeLimit: 'Thời hạn giải quyết',
  applicants: 'Đối tượng thực hiện',
  competentAgency: 'Cơ quan có thẩm quyền',
  result: 'Kết quả thực hiện',
  fees: 'Phí, lệ phí',
  legalBasis: 'Căn cứ pháp lý',
  onlineType: 'Dịch vụ công trực tuyến',
  decision: 'Quyết định công bố',
  cases: 'Trường hợp giải quyết',
};

const blankCase = (n: number): CaseValue => ({
  code: n === 0 ? 'MD' : `TH${n + 1}`,
  name: n === 0 ? 'Thông thường' : '',
  durationAmount: null,
  durationUnit: 'working_days',
  sameDayCutoff: null,
  workflow: null,
});

function toForm(d: ProcedureDetail | null): FormValues {
  if (!d) {
    return {
      levels: [],
      agencyIds: [],
      dossierComponents: [],
      fees: [],
      onlineType: 'partial',
      boundaryFree: false,
      cases: [blankCase(0)],
    };
  }
  return {
    code: d.code,
    localCode: d.localCode ?? undefined,
    name: d.name,
    fieldCode: d.field.code,
    levels: d.levels,
    agencyIds: d.agencies.map((a) => a.id),
    steps: d.steps ?? undefined,
    submissionMeans: d.submissionMeans ?? undefined,
    dossierComponents: d.dossierComponents,
    timeLimit: d.timeLimit ?? undefined,
    applicants: d.applicants ?? undefined,
    competentAgency: d.competentAgency ?? undefined,
    result: d.result ?? undefined,
    fees: d.fees,
    legalBasis: d.legalBasis ?? undefined,
    onlineType: d.onlineType,
    boundaryFree: d.boundaryFree,
    decision: d.decision
      ? { number: d.decision.number, date: fromYmd(d.decision.date) ?? null, effectiveDate: fromYmd(d.decision.effectiveDate) ?? null }
      : undefined,
    cases: d.cases.map((c) => ({ ...c })),
  };
}

const opt = (s?: string | null) => (s && s.trim() ? s.trim() : null);

function toContent(v: FormValues) {
  const decisionNumber = opt(v.decision?.number);
  return {
    name: (v.name ?? '').trim(),
    fieldCode: v.fieldCode ?? '',
    levels: v.levels ?? [],
    agencyIds: v.agencyIds ?? [],
    steps: opt(v.steps),
    submissionMeans: opt(v.submissionMeans),
    dossierComponents: (v.dossierComponents ?? [])
      .filter((c) => c && (c.name ?? '').trim())
      .map((c) => ({ name: c.name!.trim(), originals: c.originals ?? 0, copies: c.copies ?? 0, template: opt(c.template) })),
    timeLimit: opt(v.timeLimit),
    applicants: opt(v.applicants),
    competentAgency: opt(v.competentAgency),
    result: opt(v.result),
    fees: (v.fees ?? [])
      .filter((f) => f && (f.name ?? '').trim())
      .map((f) => ({ name: f.name!.trim(), amount: f.amount ?? 0, note: opt(f.note) })),
    legalBasis: opt(v.legalBasis),
    onlineType: v.onlineType,
    boundaryFree: !!v.boundaryFree,
    decision: decisionNumber && v.decision?.date ? { number: decisionNumber, date: toYmd(v.decision.date)!, effectiveDate: toYmd(v.decision.effectiveDate) ?? null } : null,
    cases: (v.cases ?? []).map((c) => ({
      code: (c.code ?? '').trim(),
      name: (c.name ?? '').trim(),
      durationAmount: c.durationAmount ?? 0,
      durationUnit: c.durationUnit ?? 'working_days',
      sameDayCutoff: opt(c.sameDayCutoff),
      workflow:
        c.workflow && c.workflow.steps.length
          ? {
              ...c.workflow,
              steps: c.workflow.steps.map((s) => ({
                id: s.id,
                name: s.name.trim(),
                role: s.role,
                ...(s.agencyId ? { agencyId: s.agencyId } : {}),
                quotaHours: s.quotaHours ?? 0,
              })),
            }
          : null,
    })),
  };
}

/** 'cases.0.workflow.steps.1.name' → 'cases[0].workflow.steps[1].name'. */
function normalizePath(p: string): string {
  return p.replace(/^body\./, '').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

function problemLabel(path: string): string {
  const m = /^cases\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (m) {
    const rest = m[2] ?? '';
    const step = /steps\[(\d+)\]/.exec(rest);
    const tr = /transitions\[(\d+)\]/.exec(rest);
    if (rest.startsWith('workflow')) {
      return `Trường hợp ${Number(m[1]) + 1}, quy trình${step ? `, bước ${Number(step[1]) + 1}` : tr ? `, chuyển bước ${Number(tr[1]) + 1}` : ''}`;
    }
    return `Trường hợp ${Number(m[1]) + 1}`;
  }
  const top = path.split(/[.[]/)[0];
  return FIELD_LABELS[top] ?? path;
}

// ---------------------------------------------------------------------------
// Một trường hợp
// ---------------------------------------------------------------------------

function CaseBlock({
  form,
  name,
  index,
  count,
  onRemove,
  agencies,
  roles,
  roleName,
  problems,
}: {
  form: FormInstance<FormValues>;
  name: number;
  index: number;
  count: number;
  onRemove: () => void;
  agencies: ReturnType<typeof useAgencies>['data'];
  roles: { value: string; label: string }[];
  roleName: (r: string) => string;
  problems: Problem[];
}) {
  const amount = Form.useWatch(['cases', name, 'durationAmount'], form) as number | null | undefined;
  const unit = Form.useWatch(['cases', name, 'durationUnit'], form) as DurationUnit | undefined;
  const caseName = (Form.useWatch(['cases', name, 'name'], form) as string | undefined) || `Trường hợp ${index + 1}`;
  return (
    <section className="mc-proc-case" id={`case-${index}`} data-testid="case-block">
      <div className="mc-proc-case__head">
        <span className="mc-proc-case__badge">Trường hợp {index + 1}</span>
        <span className="mc-proc-case__title">{caseName}</span>
        {count > 1 && (
          <Popconfirm title="Xóa trường hợp này cùng quy trình của nó?" okText="Xóa" cancelText="Không" okButtonProps={{ danger: true }} onConfirm={onRemove}>
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={`Xóa trường hợp ${index + 1}`}>
              Xóa
            </Button>
          </Popconfirm>
        )}
      </div>
      <Row gutter={12}>
        <Col xs={8} sm={8} lg={3}>
          <Form.Item name={[name, 'code']} label="Mã" rules={[{ required: true, whitespace: true, message: 'Nhập mã trường hợp.' }]}>
            <Input maxLength={40} placeholder="MD" aria-label={`Mã trường hợp ${index + 1}`} />
          </Form.Item>
        </Col>
        <Col xs={16} sm={16} lg={8}>
          <Form.Item name={[name, 'name']} label="Tên trường hợp" rules={[{ required: true, whitespace: true, message: 'Nhập tên trường hợp.' }]}>
            <Input maxLength={500} placeholder="Ví dụ: Thông thường" aria-label={`Tên trường hợp ${index + 1}`} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Form.Item name={[name, 'durationAmount']} label="Thời hạn" rules={[{ required: true, message: 'Nhập thời hạn.' }]}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} aria-label={`Thời hạn trường hợp ${index + 1}`} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} lg={5}>
          <Form.Item name={[name, 'durationUnit']} label="Đơn vị thời hạn">
            <Select
              options={DURATION_UNITS.map((u) => ({ value: u, label: DURATION_UNIT_LABELS[u][0].toUpperCase() + DURATION_UNIT_LABELS[u].slice(1) }))}
              aria-label={`Đơn vị thời hạn trường hợp ${index + 1}`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8} lg={4}>
          <Form.Item
            name={[name, 'sameDayCutoff']}
            label="Giờ chốt"
            tooltip="Thủ tục trả kết quả trong ngày: hồ sơ nhận sau giờ chốt được trả vào ngày làm việc tiếp theo."
            rules={[{ pattern: /^([01][0-9]|2[0-3]):[0-5][0-9]$/, message: 'Dạng HH:MM, ví dụ 15:00.' }]}
            normalize={(v: string) => v || null}
          >
            <Input placeholder="Không áp dụng" maxLength={5} inputMode="numeric" aria-label={`Giờ chốt trường hợp ${index + 1}`} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[name, 'workflow']} className="mc-proc-case__wf">
        <WorkflowEditor
          durationAmount={amount}
          durationUnit={unit}
          agencies={agencies ?? []}
          roles={roles}
          roleName={roleName}
          extraProblems={problems}
          caseName={caseName}
        />
      </Form.Item>
    </section>
  );
}

// ---------------------------------------------------------------------------
// Trình soạn thảo
// ---------------------------------------------------------------------------

interface Meta {
  id: string | null;
  code: string | null;
  rowVersion: number | null;
  /** Phiên bản nội dung đang soạn (dự thảo) hoặc đang xem (đang công bố). */
  versionNumber: number | null;
  publishedVersion: number | null;
  draftVersion: number | null;
  maxVersion: number;
  savedAt: string | null;
}

function metaOf(d: ProcedureDetail | null, versions: VersionSummary[]): Meta {
  return {
    id: d?.id ?? null,
    code: d?.code ?? null,
    rowVersion: d?.rowVersion ?? null,
    versionNumber: d?.versionNumber ?? null,
    publishedVersion: versions.find((v) => v.status === 'published')?.number ?? null,
    draftVersion: versions.find((v) => v.status === 'draft')?.number ?? null,
    maxVersion: Math.max(0, ...versions.map((v) => v.number)),
    savedAt: null,
  };
}

function Editor({
  initial,
  versions,
  onReload,
  onCreated,
}: {
  initial: ProcedureDetail | null;
  versions: VersionSummary[];
  onReload: () => void;
  onCreated: (id: string) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notify = useNotify();
  const { modal } = App.useApp();
  const phone = useIsPhone();
  const fields = useFields();
  const roles = useRoles();
  const allAgencies = useAgencies('all');
  const activeAgencies = useAgencies('active');
  const [meta, setMeta] = useState<Meta>(() => metaOf(initial, versions));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'publish' | 'discard' | null>(null);
  const [problems, setProblems] = useState<{ code: string; message: string; details: Problem[] } | null>(null);
  const [conflict, setConflict] = useState(false);
  const [addingField, setAddingField] = useState(false);
  const isNew = meta.id === null;
  const initialValues = useMemo(() => toForm(initial), [initial]);
  const name = Form.useWatch('name', form) as string | undefined;

  const roleOptions = useMemo(
    () =>
      (roles.data ?? Object.keys({ reception: 1, specialist: 1, head: 1, leader: 1, clerk: 1 }).map((id) => ({ id, name: roleLabel(id) })))
        .filter((r) => !NON_PROCESSING_ROLES.has(r.id))
        .map((r) => ({ value: r.id, label: r.name })),
    [roles.data],
  );
  const roleName = useCallback((r: string) => roles.data?.find((x) => x.id === r)?.name ?? roleLabel(r), [roles.data]);
  const selectableAgencies = useMemo(() => {
    const activeIds = activeAgencies.data ? new Set(activeAgencies.data.map((a) => a.id)) : undefined;
    const keep = new Set([...(initial?.agencies.map((a) => a.id) ?? []), ...(initial?.cases.flatMap((c) => c.workflow?.steps.map((s) => s.agencyId ?? '') ?? []) ?? [])]);
    return (allAgencies.data ?? activeAgencies.data ?? []).filter((a) => isActive(a, activeIds) || keep.has(a.id));
  }, [allAgencies.data, activeAgencies.data, initial]);

  // Theo dữ liệu mới nhất của máy chủ (sau khi lưu, công bố hay người khác thay đổi).
  useEffect(() => {
    if (versions.length === 0) return;
    setMeta((m) => ({
      ...m,
      publishedVersion: versions.find((v) => v.status === 'published')?.number ?? null,
      draftVersion: versions.find((v) => v.status === 'draft')?.number ?? null,
      maxVersion: Math.max(m.maxVersion, ...versions.map((v) => v.number)),
    }));
  }, [versions]);

  // Rời trang khi còn thay đổi chưa lưu.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && busy === null && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: 'Rời trang khi chưa lưu?',
      content: 'Các thay đổi chưa lưu của bản dự thảo sẽ mất.',
      okText: 'Rời trang',
      cancelText: 'Ở lại',
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!dirty) return;
    const h = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, [dirty]);

  const invalidate = (id: string) => {
    void qc.invalidateQueries({ queryKey: pk.adminRoot });
    void qc.invalidateQueries({ queryKey: pk.versions(id) });
    void qc.invalidateQueries({ queryKey: ['procedure-version', id] });
    void qc.invalidateQueries({ queryKey: pk.fields });
  };

  const showProblems = (e: ApiError) => {
    const details = e.details.map((d) => ({ path: normalizePath(d.path), message: d.message }));
    const formDetails = details.filter((d) => !/^cases\[\d+\]\.workflow\./.test(d.path));
    form.setFields(
      formDetails
        .map((d) => ({ name: d.path.replace(/\[(\d+)\]/g, '.$1').split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), errors: [d.message] }))
        .filter((f) => FORM_FIELDS.includes(String(f.name[0]))) as Parameters<typeof form.setFields>[0],
    );
    setProblems({ code: e.code, message: e.message, details });
  };

  const handleError = (e: unknown) => {
    if (isApiError(e, 'CONFLICT')) {
      setConflict(true);
      modal.confirm({
        title: 'Thủ tục vừa được người khác cập nhật',
        content:
          'Bản bạn đang sửa đã cũ: một người khác (hoặc bạn ở cửa sổ khác) vừa lưu hoặc công bố thủ tục này. Tải lại bản mới nhất sẽ bỏ các thay đổi chưa lưu ở đây.',
        okText: 'Tải lại bản mới nhất',
        cancelText: 'Ở lại trang này',
        onOk: () => {
          setDirty(false);
          onReload();
        },
      });
      return;
    }
    if (e instanceof ApiError && e.status === 400 && e.details.length) {
      showProblems(e);
      notify.error(e);
      return;
    }
    notify.error(e, { form, fields: FORM_FIELDS, codeFields: { DUPLICATE_CODE: 'code' } });
  };

  /** Lưu bản dự thảo; trả về chi tiết đã lưu hoặc null khi không lưu được. */
  const save = async (): Promise<ProcedureDetail | null> => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      notify.message.error('Vui lòng kiểm tra các ô được đánh dấu đỏ.');
      return null;
    }
    setProblems(null);
    const body = toContent({ ...form.getFieldsValue(true), ...values });
    let d: ProcedureDetail;
    if (isNew) {
      d = await api.post<ProcedureDetail>('/procedures', { code: (values.code ?? '').trim(), localCode: opt(values.localCode), ...body });
    } else {
      d = await api.put<ProcedureDetail>(`/procedures/${meta.id}/draft`, { ...body, version: meta.rowVersion ?? undefined });
    }
    qc.setQueryData(pk.version(d.id, d.versionNumber), d);
    setMeta((m) => ({
      ...m,
      id: d.id,
      code: d.code,
      rowVersion: d.rowVersion,
      versionNumber: d.versionNumber,
      draftVersion: d.versionNumber,
      maxVersion: Math.max(m.maxVersion, d.versionNumber),
      savedAt: new Date().toISOString(),
    }));
    setDirty(false);
    setConflict(false);
    invalidate(d.id);
    if (isNew) {
      // The page keeps this editor (and its messages) while the address becomes the procedure's own.
      onCreated(d.id);
      navigate(procedurePaths.edit(d.id), { replace: true });
    }
    return d;
  };

  const onSave = async () => {
    setBusy('save');
    try {
      const d = await save();
      if (d) notify.success(`Đã lưu bản dự thảo phiên bản ${d.versionNumber}.`);
    } catch (e) {
      handleError(e);
    } finally {
      setBusy(null);
    }
  };

  const onPublish = async () => {
    setBusy('publish');
    try {
      let rowVersion = meta.rowVersion;
      let id = meta.id;
      if (dirty || isNew || meta.draftVersion === null) {
        const d = await save();
        if (!d) return;
        rowVersion = d.rowVersion;
        id = d.id;
      }
      const d = await api.post<ProcedureDetail>(`/procedures/${id}/publish`, { version: rowVersion ?? undefined });
      qc.setQueryData(pk.version(d.id, d.versionNumber), d);
      setMeta((m) => ({ ...m, rowVersion: d.rowVersion, versionNumber: d.versionNumber, publishedVersion: d.versionNumber, draftVersion: null }));
      setProblems(null);
      invalidate(d.id);
      notify.success(`Đã công bố phiên bản ${d.versionNumber}. Người dân thấy ngay nội dung mới.`);
    } catch (e) {
      handleError(e);
    } finally {
      setBusy(null);
    }
  };

  const onDiscard = async () => {
    if (!meta.id) return;
    setBusy('discard');
    try {
      const res = await api.delete<{ procedureDeleted: boolean; procedure: ProcedureDetail | null }>(`/procedures/${meta.id}/draft`, {
        query: { version: meta.rowVersion ?? undefined },
      });
      invalidate(meta.id);
      setDirty(false);
      if (res.procedureDeleted) {
        notify.success('Đã hủy bản dự thảo và xóa thủ tục chưa công bố khỏi danh mục.');
        navigate(procedurePaths.list, { replace: true });
      } else {
        notify.success('Đã hủy bản dự thảo; thủ tục giữ nguyên phiên bản đang công bố.');
        onReload();
      }
    } catch (e) {
      handleError(e);
    } finally {
      setBusy(null);
    }
  };

  // Vấn đề của quy trình từng trường hợp (đường dẫn tương đối 'workflow.…').
  const caseProblems = useCallback(
    (i: number): Problem[] =>
      (problems?.details ?? [])
        .filter((d) => d.path.startsWith(`cases[${i}].workflow.`))
        .map((d) => ({ path: d.path.slice(`cases[${i}].`.length), message: d.message })),
    [problems],
  );

  const goTo = (path: string) => {
    const m = /^cases\[(\d+)\]/.exec(path);
    if (m) {
      document.getElementById(`case-${m[1]}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    const top = path.split(/[.[]/)[0];
    if (top === 'decision') form.scrollToField(['decision', 'number'], { behavior: 'smooth', block: 'center' });
    else form.scrollToField(top, { behavior: 'smooth', block: 'center' });
  };

  const status = (
    <Space size={[6, 6]} wrap data-testid="procedure-status">
      {meta.code && <Tag className="mc-mono">{meta.code}</Tag>}
      {meta.publishedVersion !== null ? (
        <Tag color="green">Đang công bố: phiên bản {meta.publishedVersion}</Tag>
      ) : (
        <Tag>Chưa công bố</Tag>
      )}
      {meta.draftVersion !== null && <Tag color="gold">Bản dự thảo: phiên bản {meta.draftVersion}</Tag>}
      {dirty && (
        <Tag color="orange" icon={<WarningOutlined />}>
          Có thay đổi chưa lưu
        </Tag>
      )}
    </Space>
  );

  const canPublish = isNew || dirty || meta.draftVersion !== null;
  const nextVersion = meta.maxVersion + 1;

  return (
    <div className="mc-proc-editor">
      <PageHeader
        title={isNew ? 'Thêm thủ tục hành chính' : name?.trim() || 'Thủ tục hành chính'}
        icon={<FileProtectOutlined />}
        description={isNew ? 'Nhập đủ 7 bộ phận cấu thành theo Điều 8 Nghị định 63/2010/NĐ-CP, các trường hợp và quy trình nội bộ rồi công bố.' : status}
        extra={
          !isNew && meta.id ? (
            <Link to={procedurePaths.versions(meta.id)}>
              <Button icon={<HistoryOutlined />} data-testid="procedure-versions-link">
                Lịch sử phiên bản
              </Button>
            </Link>
          ) : undefined
        }
      />

      {!isNew && meta.draftVersion === null && (
        <Alert
          className="mc-proc-banner"
          type="info"
          showIcon
          title={`Bạn đang xem phiên bản ${meta.publishedVersion ?? meta.versionNumber} đang công bố.`}
          description={`Khi lưu thay đổi, hệ thống tạo bản dự thảo phiên bản ${nextVersion}. Người dân vẫn thấy phiên bản ${meta.publishedVersion ?? meta.versionNumber} cho đến khi bạn công bố bản mới.`}
        />
      )}
      {conflict && (
        <Alert
          className="mc-proc-banner"
          type="warning"
          showIcon
          title="Thủ tục đã được người khác cập nhật sau khi bạn mở trang."
          description="Hãy tải lại bản mới nhất rồi sửa tiếp; các thay đổi chưa lưu ở đây sẽ không được ghi đè lên bản của người khác."
          action={
            <Button size="small" onClick={() => { setDirty(false); onReload(); }}>
              Tải lại
            </Button>
          }
        />
      )}
      {problems && (
        <Alert
          className="mc-proc-banner"
          type="error"
          showIcon
          data-testid="publish-problems"
          title={problems.message}
          description={
            <ul className="mc-proc-problems">
              {problems.details.map((d, i) => (
                <li key={i}>
                  <button type="button" onClick={() => goTo(d.path)}>
                    {problemLabel(d.path)}
                  </button>
                  : {d.message}
                </li>
              ))}
            </ul>
          }
          closable={{ onClose: () => setProblems(null) }}
        />
      )}

      <div className="mc-proc-anchor">
        <Anchor
          direction="horizontal"
          targetOffset={140}
          items={[
            { key: 'g', href: '#sec-general', title: 'Thông tin chung' },
            { key: 'c', href: '#sec-components', title: 'Bộ phận cấu thành' },
            { key: 'f', href: '#sec-fees', title: 'Phí, căn cứ pháp lý' },
            { key: 'd', href: '#sec-decision', title: 'Quyết định công bố' },
            { key: 'k', href: '#sec-cases', title: 'Trường hợp và quy trình' },
          ]}
        />
      </div>

      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed: Partial<FormValues>) => {
          setDirty(true);
          // A problem reported at publishing goes away once its part is edited; workflows are checked live meanwhile.
          const keys = Object.keys(changed);
          setProblems((p) => {
            if (!p) return p;
            const details = p.details.filter((d) => !keys.includes(d.path.split(/[.[]/)[0]));
            return details.length === p.details.length ? p : details.length ? { ...p, details } : null;
          });
        }}
        scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
        className="mc-proc-form"
      >
        <Card className="mc-card mc-proc-section" id="sec-general" title="Thông tin chung">
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item
                name="code"
                label="Mã thủ tục"
                tooltip="Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.001193"
                rules={isNew ? [{ required: true, whitespace: true, message: 'Nhập mã thủ tục.' }] : []}
                extra={isNew ? undefined : 'Không đổi được sau khi tạo.'}
              >
                <Input maxLength={40} disabled={!isNew} placeholder="1.001193" className="mc-mono" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="localCode" label="Mã địa phương" tooltip="Để phân biệt các bản địa phương hóa của cùng một thủ tục (không bắt buộc).">
                <Input maxLength={40} disabled={!isNew} placeholder="Không có" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="fieldCode" label="Lĩnh vực" rules={[{ required: true, message: 'Chọn lĩnh vực.' }]}>
                <Select
                  showSearch={foldSearch}
                  placeholder="Chọn lĩnh vực"
                  loading={fields.isPending}
                  options={(fields.data ?? []).map((f) => ({ value: f.code, label: f.name }))}
                  popupRender={(menu) => (
                    <>
                      {menu}
                      <div className="mc-proc-select-foot">
                        <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setAddingField(true)}>
                          Thêm lĩnh vực mới
                        </Button>
                      </div>
                    </>
                  )}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="name" label="Tên thủ tục hành chính" rules={[{ required: true, whitespace: true, min: 2, message: 'Nhập tên thủ tục.' }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder="Ví dụ: Cấp giấy phép xây dựng nhà ở riêng lẻ" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="levels" label="Cấp thực hiện">
                <Checkbox.Group options={LEVELS} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={16}>
              <Form.Item name="agencyIds" label="Cơ quan thực hiện (tiếp nhận, giải quyết)">
                <AgencyTreeSelect agencies={selectableAgencies} multiple treeCheckable={false} placeholder="Chọn một hoặc nhiều cơ quan" maxTagCount="responsive" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={16}>
              <Form.Item name="onlineType" label="Dịch vụ công trực tuyến">
                <Radio.Group optionType="button" buttonStyle="solid" options={ONLINE_TYPES.map((o) => ({ value: o.value, label: o.label, title: o.hint }))} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="boundaryFree" label="Tiếp nhận không phụ thuộc địa giới hành chính" valuePropName="checked">
                <Switch checkedChildren="Có" unCheckedChildren="Không" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card
          className="mc-card mc-proc-section"
          id="sec-components"
          title="Bộ phận cấu thành"
          extra={<span className="mc-muted mc-proc-legal">Điều 8 Nghị định 63/2010/NĐ-CP</span>}
        >
          <Form.Item name="steps" label="1. Trình tự thực hiện">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} placeholder="Bước 1: … Bước 2: …" />
          </Form.Item>
          <Form.Item name="submissionMeans" label="2. Cách thức thực hiện">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} placeholder="Trực tiếp tại Bộ phận Một cửa; trực tuyến; qua dịch vụ bưu chính công ích" />
          </Form.Item>
          <Form.List name="dossierComponents">
            {(items, { add, remove }, { errors }) => (
              <div className="mc-proc-list" id="dossierComponents">
                <div className="mc-proc-list__label">3. Thành phần, số lượng hồ sơ</div>
                {items.length > 0 && (
                  <div className="mc-proc-docs mc-proc-docs--head" aria-hidden>
                    <span>Tên giấy tờ</span>
                    <span>Bản chính</span>
                    <span>Bản sao</span>
                    <span>Mẫu đơn, tờ khai</span>
                    <span />
                  </div>
                )}
                {items.map((it, i) => (
                  <div className="mc-proc-docs" key={it.key}>
                    <Form.Item name={[it.name, 'name']} rules={[{ required: true, whitespace: true, message: 'Nhập tên giấy tờ.' }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="Tên giấy tờ" aria-label={`Tên giấy tờ ${i + 1}`} maxLength={1000} />
                    </Form.Item>
                    <Form.Item name={[it.name, 'originals']} initialValue={1}>
                      <InputNumber min={0} max={100} precision={0} aria-label={`Số bản chính giấy tờ ${i + 1}`} prefix={phone ? 'Chính' : undefined} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[it.name, 'copies']} initialValue={0}>
                      <InputNumber min={0} max={100} precision={0} aria-label={`Số bản sao giấy tờ ${i + 1}`} prefix={phone ? 'Sao' : undefined} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[it.name, 'template']}>
                      <Input placeholder="Ví dụ: Mẫu số 01" aria-label={`Mẫu đơn giấy tờ ${i + 1}`} maxLength={300} />
                    </Form.Item>
                    <Tooltip title="Xóa giấy tờ">
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(it.name)} aria-label={`Xóa giấy tờ ${i + 1}`} />
                    </Tooltip>
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', originals: 1, copies: 0, template: null })} block>
                  Thêm giấy tờ
                </Button>
                <Form.ErrorList errors={errors} />
              </div>
            )}
          </Form.List>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="timeLimit" label="4. Thời hạn giải quyết" tooltip="Như ghi trong quyết định công bố; thời hạn dùng để tính hạn xử lý nhập ở từng trường hợp bên dưới.">
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder="05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="applicants" label="5. Đối tượng thực hiện">
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} placeholder="Cá nhân, tổ chức" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="competentAgency" label="6. Cơ quan thực hiện">
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} placeholder="Cơ quan có thẩm quyền quyết định, cơ quan trực tiếp thực hiện, cơ quan phối hợp" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="result" label="7. Kết quả thực hiện">
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} placeholder="Giấy phép, giấy chứng nhận, văn bản chấp thuận…" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card className="mc-card mc-proc-section" id="sec-fees" title="Phí, lệ phí và căn cứ pháp lý">
          <Form.List name="fees">
            {(items, { add, remove }) => (
              <div className="mc-proc-list" id="fees">
                <div className="mc-proc-list__label">Phí, lệ phí {items.length === 0 && <span className="mc-muted">(không có: để trống)</span>}</div>
                {items.length > 0 && (
                  <div className="mc-proc-fees mc-proc-fees--head" aria-hidden>
                    <span>Tên phí, lệ phí</span>
                    <span>Mức thu</span>
                    <span>Ghi chú</span>
                    <span />
                  </div>
                )}
                {items.map((it, i) => (
                  <div className="mc-proc-fees" key={it.key}>
                    <Form.Item name={[it.name, 'name']} rules={[{ required: true, whitespace: true, message: 'Nhập tên khoản thu.' }]}>
                      <Input placeholder="Lệ phí cấp giấy phép" aria-label={`Tên khoản phí ${i + 1}`} maxLength={500} />
                    </Form.Item>
                    <Form.Item name={[it.name, 'amount']} initialValue={0}>
                      <InputNumber
                        min={0}
                        max={1e12}
                        style={{ width: '100%' }}
                        suffix="đồng"
                        formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}
                        parser={(v) => Number((v ?? '').replace(/\./g, '').replace(/[^\d]/g, '')) as unknown as 0}
                        aria-label={`Mức thu khoản phí ${i + 1}`}
                      />
                    </Form.Item>
                    <Form.Item name={[it.name, 'note']}>
                      <Input placeholder="Ví dụ: miễn cho hộ nghèo" aria-label={`Ghi chú khoản phí ${i + 1}`} maxLength={1000} />
                    </Form.Item>
                    <Tooltip title="Xóa khoản thu">
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(it.name)} aria-label={`Xóa khoản phí ${i + 1}`} />
                    </Tooltip>
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', amount: 0, note: null })} block>
                  Thêm phí, lệ phí
                </Button>
              </div>
            )}
          </Form.List>
          <Form.Item name="legalBasis" label="Căn cứ pháp lý">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={20000} placeholder="Luật …; Nghị định …; Thông tư …" />
          </Form.Item>
        </Card>

        <Card className="mc-card mc-proc-section" id="sec-decision" title="Quyết định công bố thủ tục">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                name={['decision', 'number']}
                label="Số quyết định"
                dependencies={[['decision', 'date']]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      !v && getFieldValue(['decision', 'date']) ? Promise.reject(new Error('Nhập số quyết định.')) : Promise.resolve(),
                  }),
                ]}
              >
                <Input maxLength={100} placeholder="Ví dụ: 1234/QĐ-UBND" />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item
                name={['decision', 'date']}
                label="Ngày ban hành"
                dependencies={[['decision', 'number']]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      !v && (getFieldValue(['decision', 'number']) ?? '').trim() ? Promise.reject(new Error('Chọn ngày ban hành.')) : Promise.resolve(),
                  }),
                ]}
              >
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="dd/mm/yyyy" />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item name={['decision', 'effectiveDate']} label="Ngày có hiệu lực">
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="dd/mm/yyyy" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card
          className="mc-card mc-proc-section"
          id="sec-cases"
          title="Trường hợp giải quyết và quy trình nội bộ"
          extra={<span className="mc-muted mc-proc-legal">Mỗi trường hợp có thời hạn riêng và một quy trình</span>}
        >
          <Form.List name="cases">
            {(items, { add, remove }, { errors }) => (
              <div id="cases">
                {items.map((it, i) => (
                  <CaseBlock
                    key={it.key}
                    form={form}
                    name={it.name}
                    index={i}
                    count={items.length}
                    onRemove={() => remove(it.name)}
                    agencies={selectableAgencies}
                    roles={roleOptions}
                    roleName={roleName}
                    problems={caseProblems(i)}
                  />
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add(blankCase(items.length))} className="mc-proc-addcase">
                  Thêm trường hợp
                </Button>
              </div>
            )}
          </Form.List>
        </Card>
      </Form>

      <div className="mc-proc-actions" role="region" aria-label="Lưu và công bố">
        <div className="mc-proc-actions__state">
          {busy === 'save'
            ? 'Đang lưu…'
            : busy === 'publish'
              ? 'Đang công bố…'
              : dirty
                ? 'Có thay đổi chưa lưu'
                : meta.savedAt
                  ? `Đã lưu lúc ${fmtDateTime(meta.savedAt).slice(11)}`
                  : meta.draftVersion !== null
                    ? `Bản dự thảo phiên bản ${meta.draftVersion}`
                    : meta.publishedVersion !== null
                      ? `Đang công bố phiên bản ${meta.publishedVersion}`
                      : 'Thủ tục mới'}
        </div>
        <div className="mc-proc-actions__buttons">
          {!isNew && meta.draftVersion !== null && (
            <Popconfirm
              title={`Hủy bản dự thảo phiên bản ${meta.draftVersion}?`}
              description={
                meta.publishedVersion !== null
                  ? `Mọi thay đổi chưa công bố sẽ mất; phiên bản ${meta.publishedVersion} vẫn được công bố như cũ.`
                  : 'Thủ tục chưa từng công bố nên sẽ bị xóa khỏi danh mục.'
              }
              okText="Hủy bản dự thảo"
              cancelText="Không"
              okButtonProps={{ danger: true }}
              onConfirm={onDiscard}
            >
              <Button danger icon={<DeleteOutlined />} loading={busy === 'discard'} disabled={busy !== null && busy !== 'discard'} data-testid="procedure-discard">
                {phone ? 'Hủy' : 'Hủy dự thảo'}
              </Button>
            </Popconfirm>
          )}
          <Button icon={<SaveOutlined />} onClick={onSave} loading={busy === 'save'} disabled={(busy !== null && busy !== 'save') || (!dirty && !isNew)} data-testid="procedure-save">
            {phone ? 'Lưu' : 'Lưu dự thảo'}
          </Button>
          <Tooltip title={canPublish ? undefined : 'Chưa có bản dự thảo hay thay đổi nào để công bố.'}>
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={onPublish} loading={busy === 'publish'} disabled={!canPublish || (busy !== null && busy !== 'publish')} data-testid="procedure-publish">
              Công bố
            </Button>
          </Tooltip>
        </div>
      </div>

      <FieldFormModal
        open={addingField}
        onClose={() => setAddingField(false)}
        onSaved={(f) => {
          setAddingField(false);
          form.setFieldValue('fieldCode', f.code);
          setDirty(true);
        }}
      />
    </div>
  );
}

// ---------------------------------------------------------------------------
// Trang
// ---------------------------------------------------------------------------

export default function ProcedureEditorPage() {
  const { id } = useParams();
  const isNew = !id || id === 'moi';
  const [reloads, setReloads] = useState(0);
  // A procedure created on this page stays in the same editor when the address changes to its id.
  const [createdId, setCreatedId] = useState<string | null>(null);
  const qc = useQueryClient();
  const versions = useProcedureVersions(isNew ? undefined : id);
  const working = versions.data?.find((v) => v.status === 'draft') ?? versions.data?.find((v) => v.status === 'published') ?? versions.data?.[0];
  const detail = useProcedureVersion(isNew ? undefined : id, working?.number);

  const reload = useCallback(() => {
    if (!id) return;
    void Promise.all([
      qc.invalidateQueries({ queryKey: pk.versions(id) }),
      qc.invalidateQueries({ queryKey: ['procedure-version', id] }),
    ]).then(() => setReloads((n) => n + 1));
  }, [id, qc]);

  if (isNew || (createdId === id && reloads === 0)) {
    return <Editor key="new" initial={null} versions={isNew ? [] : (versions.data ?? [])} onReload={reload} onCreated={setCreatedId} />;
  }
  if (versions.isError) {
    if (isApiError(versions.error) && versions.error.status === 404) {
      return <ErrorState error={new Error('Không tìm thấy thủ tục hành chính này; có thể bản dự thảo đã bị hủy.')} />;
    }
    return <ErrorState error={versions.error} onRetry={() => versions.refetch()} />;
  }
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data || !versions.data) return <PageLoading />;
  return <Editor key={`${id}:${reloads}`} initial={detail.data} versions={versions.data} onReload={reload} onCreated={setCreatedId} />;
}
