// Hộp thoại cho từng thao tác trên hồ sơ. Mỗi lần mở hộp thoại có một Idempotency-Key riêng:
// bấm hai lần hoặc gửi lại sau lỗi mạng không bao giờ thực hiện thao tác hai lần.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { AutoComplete, Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Tooltip } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError, detailPathToName, errorMessage, newIdempotencyKey } from '../../../api';
import { roleLabel } from '../../../labels';
import { dayjs, fmtDateTime, today, toYmd, TZ } from '../../../lib/dates';
import { useIsPhone } from '../../../lib/hooks';
import { FileUpload, isUploading, uploadedRefs, type UploadValue } from './FileUpload';
import {
  ACTION_LABELS,
  fmtDueLong,
  RETURN_METHODS,
  toVnIso,
  useOfficers,
  useProcedure,
  type ActionRequest,
  type DossierAction,
  type DossierDetail,
  type Officer,
} from './model';

/** Kết quả gửi thao tác: thành công, hay lỗi đã được xử lý ở trang (xung đột phiên bản, không còn hợp lệ). */
export type SubmitOutcome = 'ok' | 'handled';

interface Props {
  action: DossierAction;
  /** Hồ sơ lúc mở hộp thoại (phiên bản dùng làm expectedVersion). */
  dossier: DossierDetail;
  agencyName: (id: string | null | undefined) => string | undefined;
  onSubmit: (body: ActionRequest, key: string) => Promise<SubmitOutcome>;
  onClose: () => void;
}

const DESCRIPTIONS: Partial<Record<DossierAction, string>> = {
  accept: 'Hồ sơ được cấp mã và ngày hẹn trả; thời hạn giải quyết bắt đầu tính.',
  refuse: 'Hồ sơ không được tiếp nhận; công dân nhận Phiếu từ chối tiếp nhận (Mẫu 03) nêu rõ lý do.',
  request_supplement: 'Công dân nhận Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02); thời hạn giải quyết tạm dừng đến khi nhận đủ.',
  submit_supplement: 'Ghi nhận giấy tờ công dân đã bổ sung; thời hạn giải quyết tiếp tục tính.',
  assign: 'Chọn cán bộ thụ lý hồ sơ ở bước hiện tại.',
  forward: 'Kết thúc bước hiện tại và chuyển hồ sơ sang bước tiếp theo của quy trình.',
  send_back: 'Trả hồ sơ về bước trước để xử lý lại; nêu rõ lý do.',
  request_payment: 'Thời hạn giải quyết tạm dừng đến khi công dân hoàn thành nghĩa vụ tài chính.',
  confirm_payment: 'Thời hạn giải quyết tiếp tục tính.',
  stop: 'Hồ sơ dừng giải quyết; công dân nhận Phiếu đề nghị dừng giải quyết (Mẫu 05).',
  withdraw: 'Công dân rút hồ sơ; việc giải quyết kết thúc.',
  reschedule: 'Gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04). Mỗi hồ sơ chỉ được hẹn lại một lần.',
  complete: 'Ghi nhận văn bản kết quả giải quyết; hồ sơ chuyển sang chờ trả kết quả.',
  return: 'Xác nhận đã trả kết quả cho công dân.',
};

const OK_TEXT: Partial<Record<DossierAction, string>> = {
  accept: 'Tiếp nhận hồ sơ',
  refuse: 'Từ chối tiếp nhận',
  request_supplement: 'Gửi yêu cầu bổ sung',
  submit_supplement: 'Xác nhận đã nhận bổ sung',
  assign: 'Phân công',
  forward: 'Chuyển xử lý',
  send_back: 'Trả lại',
  request_payment: 'Gửi yêu cầu',
  confirm_payment: 'Xác nhận',
  stop: 'Dừng xử lý',
  withdraw: 'Xác nhận rút hồ sơ',
  reschedule: 'Xin lỗi và hẹn lại',
  complete: 'Ghi nhận kết quả',
  return: 'Xác nhận đã trả',
};

export const DANGER_ACTIONS: DossierAction[] = ['refuse', 'stop', 'withdraw'];

/** Trường cấp cao nhất của biểu mẫu nhận lỗi từ máy chủ (details[].path). */
const FIELDS = [
  'reason', 'items', 'result', 'newDueAt', 'method', 'receivedBy', 'trackingNumber', 'amount', 'description',
  'receiptNumber', 'toStep', 'assigneeId', 'toAgencyId', 'files', 'note',
];

function applyErrors(form: FormInstance, e: unknown): string[] {
  if (!(e instanceof ApiError)) return [];
  const unmatched: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const d of e.details) {
    let name = detailPathToName(d.path);
    if (name[0] === 'files') name = ['files'];
    if (name.length && FIELDS.includes(String(name[0]))) fields.push({ name, errors: [d.message] });
    else if (d.message) unmatched.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  if (fields.length) form.setFields(fields);
  return unmatched;
}

const noteItem = (
  <Form.Item name="note" label="Ghi chú (không bắt buộc)" rules={[{ max: 4000, message: 'Tối đa 4000 ký tự.' }]}>
    <Input.TextArea rows={2} maxLength={4000} placeholder="Ghi vào nhật ký xử lý hồ sơ" />
  </Form.Item>
);

const reasonItem = (min: number, label = 'Lý do', placeholder?: string) => (
  <Form.Item
    name="reason"
    label={label}
    rules={[
      { required: true, whitespace: true, message: 'Vui lòng nêu lý do.' },
      {
        validator: (_: unknown, v?: string) =>
          !v || v.trim().length === 0 || v.trim().length >= min ? Promise.resolve() : Promise.reject(new Error(`Lý do ít nhất ${min} ký tự.`)),
      },
      { max: 2000, message: 'Tối đa 2000 ký tự.' },
    ]}
  >
    <Input.TextArea rows={3} maxLength={2000} showCount placeholder={placeholder} />
  </Form.Item>
);

function OfficerSelect({
  officers,
  loading,
  preferRole,
  value,
  onChange,
  id,
  allowClear,
  placeholder,
}: {
  officers: Officer[];
  loading: boolean;
  preferRole?: string;
  value?: string;
  onChange?: (v?: string) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const options = useMemo(() => {
    // Mỗi cán bộ một lần; nhóm theo vai trò, vai trò của bước đứng đầu.
    const seen = new Map<string, Officer[]>();
    for (const o of officers) seen.set(o.id, [...(seen.get(o.id) ?? []), o]);
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const [uid, list] of seen) {
      const role = list.find((o) => o.role === preferRole)?.role ?? list[0].role;
      groups.set(role, [...(groups.get(role) ?? []), { value: uid, label: list[0].fullName }]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => (a === preferRole ? -1 : b === preferRole ? 1 : a.localeCompare(b)))
      .map(([role, opts]) => ({ label: roleLabel(role), title: roleLabel(role), options: opts }));
  }, [officers, preferRole]);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? 'Chọn cán bộ'}
      notFoundContent={loading ? 'Đang tải…' : 'Không có cán bộ phù hợp'}
      data-testid="assignee-select"
    />
  );
}

function StepChoice({ options, dossier, agencyName }: { options: { to: string; kind: string }[]; dossier: DossierDetail; agencyName: Props['agencyName'] }) {
  const steps = dossier.workflow?.steps ?? [];
  const describe = (id: string) => {
    const s = steps.find((x) => x.id === id);
    if (!s) return id;
    const agency = agencyName(s.agencyId);
    return (
      <span className="mc-stepopt">
        <b>{s.name}</b>
        <span className="mc-stepopt__meta">
          {roleLabel(s.role)}
          {agency ? ` · ${agency}` : ''}
        </span>
      </span>
    );
  };
  if (options.length === 1) {
    return (
      <div className="mc-stepone" data-testid="next-step">
        {describe(options[0].to)}
      </div>
    );
  }
  return (
    <Form.Item name="toStep" noStyle>
      <Radio.Group className="mc-stepradio">
        {options.map((o) => (
          <Radio key={`${o.to}-${o.kind}`} value={o.to}>
            {describe(o.to)}
            {o.kind === 'handoff' && <span className="mc-stepopt__kind"> (liên thông)</span>}
          </Radio>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}

export function ActionDialog({ action, dossier, agencyName, onSubmit, onClose }: Props) {
  const [form] = Form.useForm();
  const phone = useIsPhone();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[] | null>(null);
  // Khóa chống lặp của lần thao tác này; đổi khóa khi máy chủ đã trả lời lỗi (yêu cầu không được thực hiện).
  const keyRef = useRef(newIdempotencyKey());
  const wf = dossier.workflow;
  const step = dossier.currentStep;
  const forwardOptions = useMemo(
    () => (wf && step ? wf.transitions.filter((t) => t.from === step.id && (t.kind === 'forward' || t.kind === 'handoff')) : []),
    [wf, step],
  );
  const backOptions = useMemo(
    () => (wf && step ? wf.transitions.filter((t) => t.from === step.id && t.kind === 'send_back') : []),
    [wf, step],
  );
  const needsOfficers = action === 'assign' || action === 'forward';
  const officers = useOfficers(dossier.id, needsOfficers);
  const toStep = Form.useWatch('toStep', form) as string | undefined;
  const method = Form.useWatch('method', form) as string | undefined;
  const targetStepId = forwardOptions.length === 1 ? forwardOptions[0].to : toStep;
  const targetStep = wf?.steps.find((s) => s.id === targetStepId);
  const forwardOfficers = (officers.data ?? []).filter((o) => targetStep && o.role === targetStep.role);
  // Chuyển phi địa giới: sang cơ quan khác cùng thực hiện thủ tục (ở địa bàn khác).
  const procedure = useProcedure(action === 'forward' ? dossier.procedure.code : undefined);
  const transferTargets = useMemo(
    () => (procedure.data && procedure.data.agencies.length > 1 ? procedure.data.agencies.filter((a) => a.id !== dossier.agency?.id) : []),
    [procedure.data, dossier.agency?.id],
  );
  const mode = (Form.useWatch('mode', form) as 'step' | 'transfer' | undefined) ?? 'step';
  const transfer = action === 'forward' && mode === 'transfer' && transferTargets.length > 0;

  const initialValues = useMemo(() => {
    switch (action) {
      case 'request_supplement':
        return { items: [{ name: '', reason: '' }] };
      case 'complete':
        return { result: { signedOn: today() } };
      case 'return':
        return { method: 'counter', receivedBy: dossier.authorised?.fullName ?? dossier.applicant.fullName };
      case 'send_back':
        return { toStep: backOptions[0]?.to };
      case 'forward':
        return { mode: 'step' };
      default:
        return {};
    }
  }, [action, dossier, backOptions]);

  const build = (v: Record<string, any>): ActionRequest | null => {
    const body: ActionRequest = { action, expectedVersion: dossier.version };
    const note = typeof v.note === 'string' ? v.note.trim() : '';
    if (note) body.note = note;
    const trim = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim() : undefined);
    switch (action) {
      case 'refuse':
      case 'stop':
      case 'withdraw':
        body.reason = trim(v.reason);
        break;
      case 'request_supplement':
        body.items = (v.items as { name?: string; reason?: string }[]).map((it) => ({ name: (it.name ?? '').trim(), reason: trim(it.reason) }));
        body.reason = trim(v.reason);
        break;
      case 'submit_supplement':
      case 'complete': {
        const files = v.files as UploadValue | undefined;
        if (isUploading(files)) return null;
        body.files = uploadedRefs(files);
        if (action === 'complete') {
          const r = v.result as { number: string; signer: string; signedOn: Dayjs; summary?: string };
          body.result = { number: r.number.trim(), signer: r.signer.trim(), signedOn: toYmd(r.signedOn), summary: trim(r.summary) };
        }
        break;
      }
      case 'assign':
        body.assigneeId = v.assigneeId;
        break;
      case 'forward':
        if (transfer) {
          body.toAgencyId = v.toAgencyId;
          break;
        }
        if (forwardOptions.length > 1) body.toStep = v.toStep;
        else if (forwardOptions.length === 1) body.toStep = forwardOptions[0].to;
        if (v.assigneeId) body.assigneeId = v.assigneeId;
        break;
      case 'send_back':
        body.toStep = v.toStep ?? backOptions[0]?.to;
        body.reason = trim(v.reason);
        break;
      case 'request_payment':
        body.amount = v.amount;
        body.description = trim(v.description);
        break;
      case 'confirm_payment':
        body.receiptNumber = trim(v.receiptNumber);
        break;
      case 'reschedule':
        body.newDueAt = toVnIso(v.newDueAt as Dayjs);
        body.reason = trim(v.reason);
        break;
      case 'return':
        body.method = v.method;
        body.receivedBy = trim(v.receivedBy);
        body.trackingNumber = trim(v.trackingNumber);
        break;
      default:
        break;
    }
    return body;
  };

  const finish = async (v: Record<string, any>) => {
    const body = build(v);
    if (!body) {
      setProblems(['Đang tải tệp lên, vui lòng chờ trong giây lát rồi bấm lại.']);
      return;
    }
    setBusy(true);
    setProblems(null);
    try {
      const outcome = await onSubmit(body, keyRef.current);
      if (outcome === 'ok' || outcome === 'handled') onClose();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 0)) keyRef.current = newIdempotencyKey();
      const unmatched = applyErrors(form, e);
      setProblems([errorMessage(e), ...unmatched]);
    } finally {
      setBusy(false);
    }
  };

  const dueNow = dossier.dueAt ? dayjs(dossier.dueAt) : null;
  const transferChoice =
    action === 'forward' && transferTargets.length > 0 ? (
      <Form.Item name="mode" label="Hình thức chuyển">
        <Radio.Group className="mc-stepradio" data-testid="forward-mode">
          <Radio value="step">Chuyển bước tiếp theo của quy trình</Radio>
          <Radio value="transfer">Chuyển cơ quan giải quyết khác (phi địa giới)</Radio>
        </Radio.Group>
      </Form.Item>
    ) : null;
  let fields: ReactNode = null;
  switch (action) {
    case 'accept':
      fields = noteItem;
      break;
    case 'refuse':
      fields = (
        <>
          {reasonItem(5, 'Lý do từ chối tiếp nhận', 'vd: Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan')}
          {noteItem}
        </>
      );
      break;
    case 'stop':
      fields = (
        <>
          {reasonItem(5, 'Lý do dừng giải quyết')}
          {noteItem}
        </>
      );
      break;
    case 'withdraw':
      fields = (
        <>
          <Form.Item name="reason" label="Lý do rút hồ sơ (không bắt buộc)" rules={[{ max: 2000, message: 'Tối đa 2000 ký tự.' }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {noteItem}
        </>
      );
      break;
    case 'request_supplement': {
      const names = dossier.components.map((c) => ({ value: c.name }));
      fields = (
        <>
          <div className="mc-form-section">Giấy tờ cần bổ sung, hoàn thiện</div>
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_, items?: unknown[]) => {
                  if (!items || items.length === 0) throw new Error('Hãy nêu ít nhất một giấy tờ cần bổ sung, hoàn thiện.');
                },
              },
            ]}
          >
            {(list, { add, remove }, { errors }) => (
              <div className="mc-supp-items">
                {list.map((f, i) => (
                  <div key={f.key} className="mc-supp-item" data-testid="supplement-item">
                    <div className="mc-supp-item__idx">{i + 1}</div>
                    <div className="mc-supp-item__fields">
                      <Form.Item
                        name={[f.name, 'name']}
                        rules={[
                          { required: true, whitespace: true, message: 'Nhập tên giấy tờ.' },
                          { max: 500, message: 'Tối đa 500 ký tự.' },
                        ]}
                      >
                        <AutoComplete
                          options={names}
                          placeholder="Tên giấy tờ (chọn trong danh mục hoặc gõ)"
                          showSearch={{ filterOption: (input, o) => (o?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
                          aria-label={`Giấy tờ ${i + 1}`}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'reason']} rules={[{ max: 1000, message: 'Tối đa 1000 ký tự.' }]}>
                        <Input placeholder="Nội dung cần bổ sung, hoàn thiện (vd: thiếu bản vẽ mặt bằng)" aria-label={`Nội dung cần bổ sung ${i + 1}`} />
                      </Form.Item>
                    </div>
                    {list.length > 1 && (
                      <Tooltip title="Bỏ dòng này">
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`Bỏ giấy tờ ${i + 1}`} />
                      </Tooltip>
                    )}
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '', reason: '' })} disabled={list.length >= 50}>
                  Thêm giấy tờ
                </Button>
                <Form.ErrorList errors={errors} />
              </div>
            )}
          </Form.List>
          <Form.Item name="reason" label="Lý do chung (không bắt buộc)" rules={[{ max: 2000, message: 'Tối đa 2000 ký tự.' }]} style={{ marginTop: 16 }}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {noteItem}
        </>
      );
      break;
    }
    case 'submit_supplement':
      fields = (
        <>
          <Form.Item name="files" label="Bản quét giấy tờ đã bổ sung (không bắt buộc)">
            <FileUpload label="Tải tệp lên" maxCount={50} />
          </Form.Item>
          {noteItem}
        </>
      );
      break;
    case 'assign':
      fields = (
        <>
          <Form.Item name="assigneeId" label="Cán bộ thụ lý" rules={[{ required: true, message: 'Vui lòng chọn cán bộ.' }]}>
            <OfficerSelect officers={officers.data ?? []} loading={officers.isPending} preferRole={step?.role === 'head' || step?.role === 'leader' ? step.role : 'specialist'} />
          </Form.Item>
          {noteItem}
        </>
      );
      break;
    case 'forward':
      fields = transfer ? (
        <>
          {transferChoice}
          <Alert
            type="info"
            showIcon
            className="mc-dialog-alert"
            title={`Cơ quan giải quyết của hồ sơ đổi sang cơ quan được chọn; hồ sơ giữ nguyên bước "${step?.name ?? 'hiện tại'}", cán bộ thụ lý hiện tại (nếu có) được bỏ.`}
          />
          <Form.Item
            name="toAgencyId"
            label="Cơ quan giải quyết mới"
            rules={[{ required: true, message: 'Vui lòng chọn cơ quan tiếp nhận hồ sơ chuyển đến.' }]}
            extra={dossier.agency ? `Cơ quan giải quyết hiện tại: ${dossier.agency.name}` : undefined}
          >
            <Select
              options={transferTargets.map((a) => ({ value: a.id, label: a.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="Chọn cơ quan cùng thực hiện thủ tục"
              data-testid="transfer-agency"
            />
          </Form.Item>
          <Form.Item
            name="note"
            label="Lý do chuyển"
            rules={[
              { required: true, whitespace: true, message: 'Vui lòng nêu lý do chuyển hồ sơ.' },
              { max: 4000, message: 'Tối đa 4000 ký tự.' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={4000} showCount placeholder="vd: Công trình thuộc địa bàn huyện khác, chuyển cơ quan có thẩm quyền" />
          </Form.Item>
        </>
      ) : (
        <>
          {transferChoice}
          <Form.Item
            label={forwardOptions.length > 1 ? 'Chọn bước tiếp theo' : 'Bước tiếp theo'}
            required={forwardOptions.length > 1}
            name={forwardOptions.length > 1 ? 'toStep' : undefined}
            rules={forwardOptions.length > 1 ? [{ required: true, message: 'Vui lòng chọn bước tiếp theo.' }] : undefined}
          >
            {forwardOptions.length === 0 ? (
              <Alert type="warning" showIcon title="Bước hiện tại không có bước chuyển tiếp trong quy trình." />
            ) : (
              <StepChoice options={forwardOptions} dossier={dossier} agencyName={agencyName} />
            )}
          </Form.Item>
          {targetStep && (
            <Form.Item
              name="assigneeId"
              label="Giao cho cán bộ (không bắt buộc)"
              extra={
                !officers.isPending && forwardOfficers.length === 0
                  ? `Hồ sơ sẽ vào hàng đợi "Cần xử lý" của ${roleLabel(targetStep.role).toLowerCase()} tại ${agencyName(targetStep.agencyId) ?? 'cơ quan xử lý'}.`
                  : 'Để trống: hồ sơ vào hàng đợi chung của bước, lãnh đạo sẽ phân công.'
              }
            >
              <OfficerSelect
                officers={forwardOfficers}
                loading={officers.isPending}
                preferRole={targetStep.role}
                allowClear
                placeholder={forwardOfficers.length ? 'Chọn cán bộ' : 'Không có cán bộ để chọn trước'}
              />
            </Form.Item>
          )}
          {noteItem}
        </>
      );
      break;
    case 'send_back':
      fields = (
        <>
          <Form.Item label="Trả về bước" required>
            {backOptions.length > 0 ? (
              <StepChoice options={backOptions} dossier={dossier} agencyName={agencyName} />
            ) : (
              <Alert type="warning" showIcon title="Bước hiện tại không có bước để trả lại." />
            )}
          </Form.Item>
          {reasonItem(3, 'Lý do trả lại', 'vd: Bổ sung ý kiến thẩm định về chỉ giới xây dựng')}
          {noteItem}
        </>
      );
      break;
    case 'request_payment':
      fields = (
        <>
          <Form.Item
            name="amount"
            label="Số tiền (đồng)"
            rules={[
              { required: true, message: 'Vui lòng nhập số tiền.' },
              { type: 'number', min: 1, message: 'Số tiền phải lớn hơn 0.' },
            ]}
          >
            <InputNumber<number>
              min={1}
              max={1e13}
              precision={0}
              style={{ width: '100%' }}
              formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : Number(v).toLocaleString('vi-VN'))}
              parser={(s) => Number((s ?? '').replace(/\D/g, '')) || 0}
              suffix="đồng"
            />
          </Form.Item>
          <Form.Item
            name="description"
            label="Nội dung nghĩa vụ tài chính"
            rules={[
              { required: true, whitespace: true, message: 'Vui lòng nhập nội dung.' },
              { max: 1000, message: 'Tối đa 1000 ký tự.' },
            ]}
          >
            <Input.TextArea rows={2} maxLength={1000} placeholder="vd: Lệ phí cấp giấy phép xây dựng" />
          </Form.Item>
          {noteItem}
        </>
      );
      break;
    case 'confirm_payment':
      fields = (
        <>
          <Form.Item name="receiptNumber" label="Số biên lai, chứng từ (không bắt buộc)" rules={[{ max: 100, message: 'Tối đa 100 ký tự.' }]}>
            <Input maxLength={100} />
          </Form.Item>
          {noteItem}
        </>
      );
      break;
    case 'reschedule':
      fields = (
        <>
          <Alert
            type="info"
            showIcon
            className="mc-dialog-alert"
            title={`Hạn hiện tại: ${dossier.dueAt ? fmtDueLong(dossier.dueAt) : 'chưa có'}`}
          />
          <Form.Item
            name="newDueAt"
            label="Ngày giờ hẹn trả mới"
            rules={[
              { required: true, message: 'Vui lòng chọn ngày giờ hẹn trả mới.' },
              {
                validator: (_, v?: Dayjs) => {
                  if (!v) return Promise.resolve();
                  const at = dayjs.tz(v.format('YYYY-MM-DDTHH:mm'), TZ);
                  if (!at.isAfter(dayjs())) return Promise.reject(new Error('Ngày hẹn lại phải sau thời điểm hiện tại.'));
                  if (dueNow && !at.isAfter(dueNow)) return Promise.reject(new Error(`Ngày hẹn lại phải sau hạn hiện tại (${fmtDateTime(dossier.dueAt)}).`));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 15 }}
              format="DD/MM/YYYY HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(today(), 'day') || (!!dueNow && d.isBefore(dueNow.tz(TZ).startOf('day'), 'day'))}
              placeholder="Chọn ngày và giờ"
            />
          </Form.Item>
          {reasonItem(5, 'Lý do chậm trễ', 'vd: Cần xác minh thực địa vị trí công trình')}
          {noteItem}
        </>
      );
      break;
    case 'complete':
      fields = (
        <>
          <Form.Item
            name={['result', 'number']}
            label="Số, ký hiệu văn bản kết quả"
            rules={[
              { required: true, whitespace: true, message: 'Vui lòng nhập số, ký hiệu.' },
              { max: 100, message: 'Tối đa 100 ký tự.' },
            ]}
          >
            <Input placeholder="vd: 125/GPXD" maxLength={100} />
          </Form.Item>
          <Form.Item
            name={['result', 'signer']}
            label="Người ký"
            rules={[
              { required: true, whitespace: true, message: 'Vui lòng nhập người ký.' },
              { max: 200, message: 'Tối đa 200 ký tự.' },
            ]}
          >
            <Input maxLength={200} placeholder="vd: Đỗ Quang Vinh" />
          </Form.Item>
          <Form.Item name={['result', 'signedOn']} label="Ngày ký" rules={[{ required: true, message: 'Vui lòng chọn ngày ký.' }]}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
          </Form.Item>
          <Form.Item name={['result', 'summary']} label="Trích yếu (không bắt buộc)" rules={[{ max: 2000, message: 'Tối đa 2000 ký tự.' }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="files" label="Tệp văn bản kết quả (không bắt buộc)">
            <FileUpload label="Tải tệp kết quả" maxCount={50} />
          </Form.Item>
          {noteItem}
        </>
      );
      break;
    case 'return':
      fields = (
        <>
          <Form.Item name="method" label="Hình thức trả kết quả" rules={[{ required: true, message: 'Vui lòng chọn hình thức trả.' }]}>
            <Radio.Group className="mc-stepradio">
              {(Object.keys(RETURN_METHODS) as (keyof typeof RETURN_METHODS)[]).map((k) => (
                <Radio key={k} value={k}>
                  {RETURN_METHODS[k]}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="receivedBy"
            label={method === 'counter' ? 'Người nhận kết quả' : 'Người nhận (không bắt buộc)'}
            rules={[
              { required: method === 'counter', whitespace: true, message: 'Vui lòng nhập họ tên người nhận kết quả.' },
              { max: 200, message: 'Tối đa 200 ký tự.' },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          {method === 'post' && (
            <Form.Item name="trackingNumber" label="Số hiệu bưu gửi (không bắt buộc)" rules={[{ max: 100, message: 'Tối đa 100 ký tự.' }]}>
              <Input maxLength={100} className="mc-mono" />
            </Form.Item>
          )}
          {noteItem}
        </>
      );
      break;
  }

  const danger = DANGER_ACTIONS.includes(action);
  return (
    <Modal
      open
      title={ACTION_LABELS[action] === 'Xin lỗi, hẹn lại' ? 'Xin lỗi và hẹn lại ngày trả kết quả' : ACTION_LABELS[action]}
      onCancel={busy ? undefined : onClose}
      width={phone ? '100%' : action === 'request_supplement' || action === 'complete' ? 640 : 560}
      centered={!phone}
      destroyOnHidden
      maskClosable={false}
      className="mc-action-modal"
      footer={
        <div className="mc-drawer-footer">
          <Button onClick={onClose} disabled={busy}>
            Hủy
          </Button>
          <Button type="primary" danger={danger} loading={busy} onClick={() => form.submit()} data-testid="action-submit">
            {transfer ? 'Chuyển cơ quan' : (OK_TEXT[action] ?? 'Xác nhận')}
          </Button>
        </div>
      }
    >
      <div className="mc-action-modal__head">
        <span className="mc-mono">{dossier.code ?? 'Hồ sơ chưa có mã'}</span> · {dossier.applicant.fullName}
      </div>
      {DESCRIPTIONS[action] && (
        <p className="mc-action-modal__desc">
          {transfer ? 'Chuyển hồ sơ đến cơ quan có thẩm quyền giải quyết ở địa bàn khác (chuyển phi địa giới).' : DESCRIPTIONS[action]}
        </p>
      )}
      {problems && (
        <Alert
          type="error"
          showIcon
          className="mc-dialog-alert"
          title={problems[0]}
          description={problems.length > 1 ? problems.slice(1).join('; ') : undefined}
          data-testid="action-error"
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={finish} disabled={busy} requiredMark={false} autoComplete="off">
        {fields}
      </Form>
    </Modal>
  );
}
