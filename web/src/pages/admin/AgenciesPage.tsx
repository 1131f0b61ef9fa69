import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  ApartmentOutlined,
  BranchesOutlined,
  EditOutlined,
  MergeCellsOutlined,
  NodeCollapseOutlined,
  NodeExpandOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, isApiError } from '../../api';
import type { Agency, AgencyKind, AgencyLevel } from '../../types';
import { qk, useAgencies } from '../../queries';
import { KIND_LABELS, KIND_OPTIONS, LEVEL_LABELS, LEVEL_OPTIONS } from '../../labels';
import {
  agencyStatus,
  buildTree,
  descendantIds,
  filterTree,
  isActive,
  keysWithChildren,
  type AgencyNode,
  type AgencyStatus,
} from '../../lib/agencies';
import { DATE_FORMAT, fmtDate, fromYmd, today, toYmd } from '../../lib/dates';
import { matches } from '../../lib/text';
import { useIsMobile } from '../../lib/hooks';
import { useNotify } from '../../lib/notify';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/ErrorState';
import { AgencyTreeSelect } from '../../components/AgencyTreeSelect';

type Scope = 'active' | 'all';

/** Mã định danh điện tử: bốn nhóm, ví dụ 000.00.31.H56 (khớp quy tắc phía máy chủ). */
const AGENCY_CODE_RE = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$/;
/** Số chữ số của mã ĐVHC theo cấp (cấp huyện cũ: 3 chữ số). */
const ADMIN_CODE_LENGTH: Record<AgencyLevel, number | null> = { central: null, province: 2, district: 3, commune: 5 };

const STATUS_TAGS: Record<AgencyStatus, { color: string; label: string } | null> = {
  active: null,
  ending: { color: 'orange', label: 'Sắp hết hiệu lực' },
  merged: { color: 'purple', label: 'Đã sáp nhập' },
  dissolved: { color: 'default', label: 'Hết hiệu lực' },
  future: { color: 'blue', label: 'Chưa có hiệu lực' },
};

const KIND_COLORS: Record<AgencyKind, string> = {
  people_committee: 'red',
  department: 'blue',
  service_center: 'gold',
  one_stop: 'volcano',
  division: 'geekblue',
  branch: 'cyan',
  other: 'default',
};

function validity(a: Agency): string {
  return `${fmtDate(a.validFrom)} – ${a.validTo ? fmtDate(a.validTo) : 'nay'}`;
}

/** Tùy chọn cho Select chọn nhiều cơ quan (tiền thân, kế thừa). */
function agencyOptions(list: Agency[], activeIds: Set<string> | undefined) {
  return list.map((a) => {
    const st = agencyStatus(a, activeIds);
    const tag = STATUS_TAGS[st];
    return {
      value: a.id,
      searchText: `${a.name} ${a.shortName ?? ''} ${a.code}`,
      label: (
        <span className="mc-opt">
          <span className="mc-opt__name">{a.name}</span>
          <span className="mc-opt__meta">
            {a.code}
            {tag ? ` · ${tag.label}` : ''}
          </span>
        </span>
      ),
      plain: a.name,
    };
  });
}

const selectSearch = {
  filterOption: (input: string, opt?: { searchText?: string }) => matches(input, opt?.searchText),
};

// ---------------------------------------------------------------------------
// Biểu mẫu thêm / sửa cơ quan
// ---------------------------------------------------------------------------

interface AgencyFormValues {
  name: string;
  shortName?: string;
  code: string;
  adminUnitCode?: string;
  parentId?: string | null;
  level: AgencyLevel;
  kind: AgencyKind;
  validFrom?: Dayjs;
  predecessorIds?: string[];
}

const AGENCY_FIELDS = ['name', 'shortName', 'code', 'adminUnitCode', 'parentId', 'level', 'kind', 'validFrom', 'predecessorIds'];

function toFormValues(a: Agency): AgencyFormValues {
  return {
    name: a.name,
    shortName: a.shortName ?? undefined,
    code: a.code,
    adminUnitCode: a.adminUnitCode ?? undefined,
    parentId: a.parentId ?? undefined,
    level: a.level,
    kind: a.kind,
    validFrom: fromYmd(a.validFrom),
    predecessorIds: a.predecessorIds,
  };
}

function toPayload(v: AgencyFormValues) {
  const opt = (s?: string) => (s && s.trim() ? s.trim() : null);
  return {
    name: v.name.trim(),
    shortName: opt(v.shortName),
    code: v.code.trim(),
    adminUnitCode: opt(v.adminUnitCode),
    parentId: v.parentId ?? null,
    level: v.level,
    kind: v.kind,
    validFrom: toYmd(v.validFrom),
    predecessorIds: v.predecessorIds ?? [],
  };
}

type Editing = { mode: 'create'; parentId?: string } | { mode: 'edit'; agency: Agency };

interface FormDrawerProps {
  editing: Editing;
  agencies: Agency[];
  activeIds?: Set<string>;
  onClose: () => void;
}

function AgencyFormDrawer({ editing, agencies, activeIds, onClose }: FormDrawerProps) {
  const [form] = Form.useForm<AgencyFormValues>();
  const qc = useQueryClient();
  const notify = useNotify();
  const mobile = useIsMobile();
  const [current, setCurrent] = useState<Agency | undefined>(editing.mode === 'edit' ? editing.agency : undefined);
  const [conflict, setConflict] = useState(false);
  const isEdit = editing.mode === 'edit';

  const initialValues = useMemo<Partial<AgencyFormValues>>(() => {
    if (editing.mode === 'edit') return toFormValues(editing.agency);
    const parent = agencies.find((a) => a.id === editing.parentId);
    return {
      parentId: editing.parentId,
      level: parent ? (parent.level === 'central' ? 'province' : parent.level) : undefined,
      kind: parent ? 'division' : undefined,
      validFrom: today(),
      predecessorIds: [],
    };
  }, [editing, agencies]);

  // Cấp trên: chỉ cơ quan đang hoạt động (giữ cấp trên hiện tại nếu đã hết hiệu lực), không chọn chính nó/đơn vị con.
  const parentChoices = useMemo(() => {
    const currentParent = current?.parentId;
    return agencies.filter((a) => isActive(a, activeIds) || a.id === currentParent);
  }, [agencies, activeIds, current]);
  const parentDisabled = useMemo(
    () => (current ? descendantIds(agencies, current.id) : undefined),
    [agencies, current],
  );
  const predecessorOptions = useMemo(
    () =>
      agencyOptions(
        agencies.filter((a) => a.id !== current?.id),
        activeIds,
      ),
    [agencies, activeIds, current],
  );

  const save = useMutation({
    mutationFn: async (v: AgencyFormValues) => {
      const payload = toPayload(v);
      if (!current) return api.post<Agency>('/agencies', payload);
      // Chỉ gửi các trường thay đổi, kèm version để phát hiện sửa đồng thời.
      // Cơ quan tiền thân chỉ khai báo khi thêm mới (sau đó ghi nhận qua "Kết thúc hiệu lực").
      const before = toPayload(toFormValues(current));
      const changed: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(payload)) {
        if (k === 'predecessorIds') continue;
        if (JSON.stringify(val) !== JSON.stringify(before[k as keyof typeof before])) changed[k] = val;
      }
      return api.patch<Agency>(`/agencies/${current.id}`, { ...changed, version: current.version });
    },
    onSuccess: (a) => {
      notify.success(current ? `Đã cập nhật “${a.name}”.` : `Đã thêm “${a.name}”.`);
      void qc.invalidateQueries({ queryKey: qk.agenciesRoot });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e, 'CONFLICT')) setConflict(true);
      notify.error(e, { form, fields: AGENCY_FIELDS, codeFields: { DUPLICATE_CODE: 'code' } });
    },
  });

  const reloadLatest = async () => {
    const res = await qc.fetchQuery({
      queryKey: qk.agencies('all'),
      queryFn: () => api.get<{ items: Agency[] }>('/agencies', { all: true }).then((r) => r.items),
      staleTime: 0,
    });
    void qc.invalidateQueries({ queryKey: qk.agencies('active') });
    const latest = res.find((a) => a.id === current?.id);
    if (latest) {
      setCurrent(latest);
      form.setFieldsValue(toFormValues(latest));
      setConflict(false);
    }
  };

  const onParentChange = (parentId?: string) => {
    const parent = agencies.find((a) => a.id === parentId);
    if (!parent) return;
    if (!form.isFieldTouched('level')) form.setFieldValue('level', parent.level === 'central' ? 'province' : parent.level);
  };

  return (
    <Drawer
      open
      onClose={onClose}
      destroyOnHidden
      size={mobile ? '100%' : 640}
      title={isEdit ? `Sửa thông tin: ${current?.name}` : 'Thêm cơ quan, đơn vị'}
      footer={
        <div className="mc-drawer-footer">
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="form-submit">
            {isEdit ? 'Lưu thay đổi' : 'Thêm cơ quan'}
          </Button>
        </div>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Cơ quan này vừa được người khác cập nhật."
          description="Tải lại dữ liệu mới nhất rồi thực hiện lại thay đổi của bạn."
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={reloadLatest}>
              Tải lại
            </Button>
          }
        />
      )}
      <Form<AgencyFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
        disabled={save.isPending}
        scrollToFirstError
      >
        <Form.Item
          name="name"
          label="Tên cơ quan, đơn vị"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập tên cơ quan.' },
            { min: 2, message: 'Tên cơ quan phải có ít nhất 2 ký tự.' },
          ]}
        >
          <Input placeholder="Ví dụ: Ủy ban nhân dân xã Hòa Bình" maxLength={300} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="shortName" label="Tên viết tắt">
              <Input placeholder="Ví dụ: UBND xã Hòa Bình" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label="Mã định danh điện tử"
              tooltip="Mã định danh điện tử của cơ quan, tổ chức theo quy chuẩn kỹ thuật quốc gia."
              normalize={(v?: string) => v?.toUpperCase().replace(/\s/g, '')}
              rules={[
                { required: true, whitespace: true, message: 'Vui lòng nhập mã định danh.' },
                { pattern: AGENCY_CODE_RE, message: 'Mã định danh có dạng xxx.xx.xx.Hxx, ví dụ 000.00.31.H56.' },
              ]}
            >
              <Input placeholder="Ví dụ: 000.00.31.H56" className="mc-mono" maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="parentId" label="Cơ quan cấp trên" extra="Để trống nếu là cơ quan cấp cao nhất trong hệ thống.">
          <AgencyTreeSelect
            agencies={parentChoices}
            disabledIds={parentDisabled}
            placeholder="Chọn cơ quan cấp trên"
            onChange={(v) => onParentChange(v)}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="level" label="Cấp" rules={[{ required: true, message: 'Vui lòng chọn cấp.' }]}>
              <Select options={LEVEL_OPTIONS} placeholder="Chọn cấp" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label="Loại" rules={[{ required: true, message: 'Vui lòng chọn loại cơ quan.' }]}>
              <Select options={KIND_OPTIONS} placeholder="Chọn loại" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="adminUnitCode"
              label="Mã đơn vị hành chính"
              dependencies={['level']}
              normalize={(v?: string) => v?.replace(/\D/g, '')}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) => {
                    const len = ADMIN_CODE_LENGTH[getFieldValue('level') as AgencyLevel];
                    if (!v || len === undefined) return Promise.resolve();
                    if (len === null) return Promise.reject(new Error('Cơ quan trung ương không có mã đơn vị hành chính.'));
                    return v.length === len
                      ? Promise.resolve()
                      : Promise.reject(new Error(`Mã đơn vị hành chính ở cấp này gồm ${len} chữ số.`));
                  },
                }),
              ]}
              tooltip="Mã ĐVHC theo danh mục đơn vị hành chính Việt Nam (nếu là UBND hoặc đơn vị gắn với ĐVHC)."
            >
              <Input placeholder="Ví dụ: 26734" className="mc-mono" maxLength={5} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="validFrom" label="Hiệu lực từ ngày">
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="dd/mm/yyyy" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="predecessorIds"
          label="Hình thành từ"
          extra={
            isEdit
              ? 'Quan hệ kế thừa được ghi nhận khi kết thúc hiệu lực cơ quan tiền thân (“Sáp nhập vào”).'
              : 'Các cơ quan tiền thân (trường hợp thành lập do sáp nhập, hợp nhất, chia tách).'
          }
        >
          <Select
            mode="multiple"
            allowClear
            disabled={isEdit}
            placeholder={isEdit ? 'Không có' : 'Chọn cơ quan tiền thân'}
            options={predecessorOptions}
            optionLabelProp="plain"
            showSearch={selectSearch}
          />
        </Form.Item>
        {current && (
          <Typography.Text type="secondary" className="mc-form-note">
            Phiên bản dữ liệu: {current.version}
          </Typography.Text>
        )}
      </Form>
    </Drawer>
  );
}

// ---------------------------------------------------------------------------
// Kết thúc hiệu lực (giải thể / sáp nhập)
// ---------------------------------------------------------------------------

interface EndValues {
  mode: 'merge' | 'dissolve';
  validTo: Dayjs;
  successorIds?: string[];
}

function EndAgencyModal({
  agency,
  agencies,
  activeIds,
  onClose,
}: {
  agency: Agency;
  agencies: Agency[];
  activeIds?: Set<string>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<EndValues>();
  const qc = useQueryClient();
  const notify = useNotify();
  const mode = Form.useWatch('mode', form);

  const successorOptions = useMemo(() => {
    const own = descendantIds(agencies, agency.id);
    return agencyOptions(
      agencies.filter((a) => !own.has(a.id) && isActive(a, activeIds)),
      activeIds,
    );
  }, [agencies, agency.id, activeIds]);

  const end = useMutation({
    mutationFn: (v: EndValues) =>
      api.post<Agency>(`/agencies/${agency.id}/end`, {
        validTo: toYmd(v.validTo),
        successorIds: v.mode === 'merge' ? (v.successorIds ?? []) : [],
        version: agency.version,
      }),
    onSuccess: (a, v) => {
      notify.success(
        v.mode === 'merge' ? `Đã ghi nhận “${a.name}” sáp nhập.` : `Đã kết thúc hiệu lực “${a.name}”.`,
      );
      void qc.invalidateQueries({ queryKey: qk.agenciesRoot });
      onClose();
    },
    onError: (e) => notify.error(e, { form, fields: ['validTo', 'successorIds'] }),
  });

  return (
    <Modal
      open
      title={`Kết thúc hiệu lực: ${agency.name}`}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      footer={[
        <Button key="cancel" onClick={onClose}>
          Hủy
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger
          loading={end.isPending}
          onClick={() => form.submit()}
          data-testid="form-submit"
        >
          Xác nhận kết thúc
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        Cơ quan sẽ không còn hiệu lực kể từ sau ngày đã chọn. Lịch sử, đơn vị tiền thân và cơ quan kế thừa vẫn được lưu
        để tra cứu về sau.
      </Typography.Paragraph>
      <Form<EndValues>
        form={form}
        layout="vertical"
        initialValues={{ mode: 'merge', validTo: today(), successorIds: [] }}
        onFinish={(v) => end.mutate(v)}
        disabled={end.isPending}
      >
        <Form.Item name="mode" label="Hình thức">
          <Radio.Group
            options={[
              { value: 'merge', label: 'Sáp nhập vào cơ quan khác' },
              { value: 'dissolve', label: 'Giải thể' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="validTo"
          label="Ngày kết thúc hiệu lực"
          rules={[
            { required: true, message: 'Vui lòng chọn ngày kết thúc hiệu lực.' },
            {
              validator: (_, v?: Dayjs) =>
                !v || toYmd(v)! >= agency.validFrom
                  ? Promise.resolve()
                  : Promise.reject(new Error(`Ngày kết thúc phải từ ${fmtDate(agency.validFrom)} trở về sau.`)),
            },
          ]}
        >
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder="dd/mm/yyyy" />
        </Form.Item>
        {mode !== 'dissolve' && (
          <Form.Item
            name="successorIds"
            label="Sáp nhập vào"
            rules={[{ required: true, type: 'array', min: 1, message: 'Vui lòng chọn cơ quan kế thừa.' }]}
            extra="Nếu cơ quan kế thừa chưa có trong hệ thống, hãy thêm cơ quan mới trước (mục “Hình thành từ”)."
          >
            <Select
              mode="multiple"
              placeholder="Chọn cơ quan kế thừa"
              options={successorOptions}
              optionLabelProp="plain"
              showSearch={selectSearch}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------
// Trang
// ---------------------------------------------------------------------------

export default function AgenciesPage() {
  const all = useAgencies('all');
  const active = useAgencies('active');
  const mobile = useIsMobile();
  const [scope, setScope] = useState<Scope>('active');
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [ending, setEnding] = useState<Agency | null>(null);

  const activeIds = useMemo(() => (active.data ? new Set(active.data.map((a) => a.id)) : undefined), [active.data]);
  const allAgencies = useMemo(() => {
    const m = new Map<string, Agency>();
    for (const a of all.data ?? []) m.set(a.id, a);
    for (const a of active.data ?? []) if (!m.has(a.id)) m.set(a.id, a);
    return [...m.values()];
  }, [all.data, active.data]);
  const byId = useMemo(() => new Map(allAgencies.map((a) => [a.id, a])), [allAgencies]);

  const source = scope === 'active' ? active : all;
  const tree = useMemo(() => buildTree(source.data ?? []), [source.data]);
  const shown = useMemo(() => filterTree(tree, search), [tree, search]);
  const expandedKeys = search.trim() ? keysWithChildren(shown) : (expanded ?? shown.map((n) => n.id));

  const names = (ids: string[]) =>
    ids.map((id) => byId.get(id)).filter((a): a is Agency => !!a);

  const columns: TableColumnsType<AgencyNode> = [
    {
      title: 'Tên cơ quan, đơn vị',
      dataIndex: 'name',
      key: 'name',
      className: 'mc-agency-td',
      minWidth: mobile ? undefined : 280,
      render: (_, a) => {
        const st = STATUS_TAGS[agencyStatus(a, activeIds)];
        const preds = names(a.predecessorIds);
        const succs = names(a.successorIds);
        return (
          <div className="mc-agency">
            <div className="mc-agency__name">
              <span>{a.name}</span>
              {st && (
                <Tag color={st.color} className="mc-agency__status">
                  {st.label}
                </Tag>
              )}
            </div>
            {a.shortName && <div className="mc-agency__short">{a.shortName}</div>}
            {mobile && (
              <div className="mc-agency__meta">
                <span className="mc-mono">{a.code}</span> · {KIND_LABELS[a.kind]} · {validity(a)}
              </div>
            )}
            {preds.length > 0 && (
              <div className="mc-agency__rel">
                <BranchesOutlined /> Hình thành từ: {preds.map((p) => p.shortName ?? p.name).join('; ')}
              </div>
            )}
            {succs.length > 0 && (
              <div className="mc-agency__rel mc-agency__rel--out">
                <MergeCellsOutlined /> Sáp nhập vào: {succs.map((p) => p.shortName ?? p.name).join('; ')}
              </div>
            )}
          </div>
        );
      },
    },
    ...(!mobile
      ? ([
          {
            title: 'Mã định danh',
            dataIndex: 'code',
            key: 'code',
            width: 138,
            render: (v: string) => <span className="mc-mono">{v}</span>,
          },
          {
            title: 'Mã ĐVHC',
            dataIndex: 'adminUnitCode',
            key: 'adminUnitCode',
            width: 88,
            render: (v: string | null) => (v ? <span className="mc-mono">{v}</span> : <span className="mc-muted">—</span>),
          },
          {
            title: 'Cấp',
            dataIndex: 'level',
            key: 'level',
            width: 118,
            render: (v: AgencyLevel) => LEVEL_LABELS[v] ?? v,
          },
          {
            title: 'Loại',
            dataIndex: 'kind',
            key: 'kind',
            width: 140,
            render: (v: AgencyKind) => (
              <Tag color={KIND_COLORS[v]} variant="filled">
                {KIND_LABELS[v] ?? v}
              </Tag>
            ),
          },
          {
            title: 'Hiệu lực',
            key: 'validity',
            width: 132,
            render: (_: unknown, a: AgencyNode) => (
              <div className="mc-validity">
                <span>
                  <span className="mc-validity__k">Từ</span> {fmtDate(a.validFrom)}
                </span>
                {a.validTo && (
                  <span>
                    <span className="mc-validity__k">Đến</span> {fmtDate(a.validTo)}
                  </span>
                )}
              </div>
            ),
          },
        ] as TableColumnsType<AgencyNode>)
      : []),
    {
      title: <span className="mc-sr-only">Thao tác</span>,
      key: 'actions',
      width: mobile ? 92 : 108,
      align: 'right',
      fixed: mobile ? undefined : 'right',
      render: (_, a) => {
        const live = isActive(a, activeIds);
        return (
          <Space size={2} wrap={false}>
            <Tooltip title="Sửa">
              <Button
                type="text"
                size="small"
                icon={<EditOutlined />}
                aria-label={`Sửa ${a.name}`}
                onClick={() => setEditing({ mode: 'edit', agency: byId.get(a.id) ?? a })}
              />
            </Tooltip>
            {live && (
              <Tooltip title="Thêm đơn vị trực thuộc">
                <Button
                  type="text"
                  size="small"
                  icon={<PlusOutlined />}
                  aria-label={`Thêm đơn vị trực thuộc ${a.name}`}
                  onClick={() => setEditing({ mode: 'create', parentId: a.id })}
                />
              </Tooltip>
            )}
            {live && !a.validTo && (
              <Tooltip title="Kết thúc hiệu lực (sáp nhập, giải thể)">
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<StopOutlined />}
                  aria-label={`Kết thúc hiệu lực ${a.name}`}
                  onClick={() => setEnding(byId.get(a.id) ?? a)}
                />
              </Tooltip>
            )}
          </Space>
        );
      },
    },
  ];

  const total = source.data?.length ?? 0;
  const endedCount = (all.data ?? []).filter((a) => !isActive(a, activeIds)).length;

  return (
    <div>
      <PageHeader
        title="Cơ quan, đơn vị"
        icon={<ApartmentOutlined />}
        description="Cây tổ chức theo thời gian hiệu lực: thành lập, sáp nhập, giải thể được lưu lại để tra cứu hồ sơ theo đúng thời điểm."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="agency-add">
            Thêm cơ quan
          </Button>
        }
      />
      <Card className="mc-card mc-table-card">
        <div className="mc-toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Tìm theo tên hoặc mã"
            aria-label="Tìm cơ quan theo tên hoặc mã"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="mc-toolbar__search"
          />
          <Segmented<Scope>
            value={scope}
            onChange={(v) => {
              setScope(v);
              setExpanded(null);
            }}
            options={[
              { value: 'active', label: 'Đang hoạt động' },
              { value: 'all', label: mobile ? 'Tất cả' : 'Tất cả (kể cả đã giải thể/sáp nhập)' },
            ]}
            aria-label="Phạm vi hiển thị"
          />
          <div className="mc-toolbar__spacer" />
          <Space size={4}>
            <Tooltip title="Mở rộng tất cả">
              <Button
                icon={<NodeExpandOutlined />}
                aria-label="Mở rộng tất cả"
                onClick={() => setExpanded(keysWithChildren(tree))}
                disabled={!!search.trim()}
              />
            </Tooltip>
            <Tooltip title="Thu gọn">
              <Button
                icon={<NodeCollapseOutlined />}
                aria-label="Thu gọn"
                onClick={() => setExpanded([])}
                disabled={!!search.trim()}
              />
            </Tooltip>
            <Tooltip title="Tải lại">
              <Button
                icon={<ReloadOutlined />}
                aria-label="Tải lại"
                onClick={() => {
                  void all.refetch();
                  void active.refetch();
                }}
                loading={all.isFetching || active.isFetching}
              />
            </Tooltip>
          </Space>
        </div>
        {source.isError ? (
          <ErrorState error={source.error} onRetry={() => source.refetch()} />
        ) : (
          <Table<AgencyNode>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={shown}
            loading={source.isPending}
            pagination={false}
            expandable={{
              expandedRowKeys: expandedKeys,
              onExpandedRowsChange: (keys) => {
                if (!search.trim()) setExpanded(keys as string[]);
              },
              indentSize: mobile ? 12 : 22,
            }}
            rowClassName={(a) => (isActive(a, activeIds) ? '' : 'mc-row-ended')}
            scroll={mobile ? undefined : { x: 1000 }}
            locale={{
              emptyText: search.trim() ? 'Không có cơ quan nào khớp với từ khóa.' : 'Chưa có cơ quan, đơn vị nào.',
            }}
          />
        )}
        <div className="mc-table-foot">
          {scope === 'active'
            ? `${total} cơ quan, đơn vị đang hoạt động`
            : `${total} cơ quan, đơn vị (trong đó ${endedCount} đã hết hiệu lực)`}
        </div>
      </Card>

      {editing && (
        <AgencyFormDrawer
          key={editing.mode === 'edit' ? editing.agency.id : `new:${editing.parentId ?? ''}`}
          editing={editing}
          agencies={allAgencies}
          activeIds={activeIds}
          onClose={() => setEditing(null)}
        />
      )}
      {ending && (
        <EndAgencyModal agency={ending} agencies={allAgencies} activeIds={activeIds} onClose={() => setEnding(null)} />
      )}
    </div>
  );
}
