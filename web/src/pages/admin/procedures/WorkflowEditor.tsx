import { useMemo, useRef, useState } from 'react';
import { App, Button, Checkbox, Dropdown, Empty, Input, InputNumber, Progress, Radio, Select, Spin, Tag, Tooltip } from 'antd';
import {
  ArrowDownOutlined,
  ArrowRightOutlined,
  ArrowUpOutlined,
  BranchesOutlined,
  CheckCircleFilled,
  DeleteOutlined,
  ExclamationCircleFilled,
  PlusOutlined,
} from '@ant-design/icons';
import { AgencyTreeSelect } from '../../../components/AgencyTreeSelect';
import { WorkflowDiagram } from '../../../components/WorkflowDiagram';
import { errorMessage } from '../../../api';
import type { Agency } from '../../../types';
import {
  fmtDuration,
  fmtHours,
  fmtHoursAsDays,
  legalHours,
  newStepId,
  TRANSITION_KIND_LABELS,
  TRANSITION_KINDS,
  WORKFLOW_TEMPLATES,
  type DurationUnit,
  type TransitionKind,
  type Workflow,
  type WorkflowStep,
} from '../../../lib/workflow';
import { useWorkflowCheck } from './model';

export interface Problem {
  path: string;
  message: string;
}

interface Props {
  value?: Workflow | null;
  onChange?: (wf: Workflow | null) => void;
  durationAmount?: number | null;
  durationUnit?: DurationUnit;
  agencies: Agency[];
  roles: { value: string; label: string }[];
  roleName: (role: string) => string;
  /** Vấn đề máy chủ trả về khi công bố, đường dẫn tương đối ('workflow.steps[1]'). */
  extraProblems?: Problem[];
  /** Tên trường hợp (để đặt nhãn truy cập). */
  caseName: string;
}

type Target = { kind: 'step' | 'transition'; index: number } | { kind: 'general' };

/** 'workflow.steps[3].quotaHours' → bước 3; 'workflow.transitions[1].to' → chuyển bước 1. */
export function problemTarget(path: string): Target {
  const m = /(?:^|\.)(steps|transitions)\[(\d+)\]/.exec(path);
  if (m) return { kind: m[1] === 'steps' ? 'step' : 'transition', index: Number(m[2]) };
  return { kind: 'general' };
}

const emptyWorkflow: Workflow = { steps: [], transitions: [], start: '', ends: [] };

function StepRow({
  step,
  index,
  count,
  wf,
  selected,
  problem,
  agencies,
  roles,
  onSelect,
  update,
  move,
  remove,
  setStart,
  toggleEnd,
}: {
  step: WorkflowStep;
  index: number;
  count: number;
  wf: Workflow;
  selected: boolean;
  problem: string[];
  agencies: Agency[];
  roles: { value: string; label: string }[];
  onSelect: () => void;
  update: (patch: Partial<WorkflowStep>) => void;
  move: (d: -1 | 1) => void;
  remove: () => void;
  setStart: () => void;
  toggleEnd: (on: boolean) => void;
}) {
  const n = index + 1;
  return (
    <div
      className={`mc-wfe-step${selected ? ' is-selected' : ''}${problem.length ? ' has-problem' : ''}`}
      data-testid="wf-step-row"
      id={undefined}
      onFocusCapture={onSelect}
    >
      <div className="mc-wfe-step__num" aria-hidden>
        {n}
      </div>
      <div className="mc-wfe-step__body">
        <div className="mc-wfe-step__main">
          <Input
            className="mc-wfe-step__name"
            value={step.name}
            placeholder="Tên bước, ví dụ: Thẩm định hồ sơ"
            aria-label={`Tên bước ${n}`}
            maxLength={200}
            status={step.name.trim() ? undefined : 'warning'}
            onChange={(e) => update({ name: e.target.value })}
          />
          <Select
            className="mc-wfe-step__role"
            value={step.role || undefined}
            options={roles}
            placeholder="Vai trò thực hiện"
            aria-label={`Vai trò bước ${n}`}
            onChange={(role: string) => update({ role })}
            popupMatchSelectWidth={false}
          />
          <div className="mc-wfe-step__quota">
            <InputNumber
              value={step.quotaHours}
              min={0}
              max={100000}
              step={0.5}
              formatter={(v) => `${v ?? ''}`.replace('.', ',')}
              parser={(v) => Number((v ?? '').replace(',', '.')) as unknown as 0}
              suffix="giờ"
              aria-label={`Định mức bước ${n} (giờ làm việc)`}
              onChange={(v) => update({ quotaHours: typeof v === 'number' ? v : 0 })}
              style={{ width: '100%' }}
            />
            <div className="mc-wfe-step__days">= {fmtHoursAsDays(step.quotaHours || 0)} làm việc</div>
          </div>
        </div>
        <div className="mc-wfe-step__sub">
          <AgencyTreeSelect
            agencies={agencies}
            value={step.agencyId ?? undefined}
            onChange={(v) => update({ agencyId: v ?? null })}
            placeholder="Cơ quan thực hiện (để trống: cơ quan tiếp nhận hồ sơ)"
            aria-label={`Cơ quan thực hiện bước ${n}`}
            className="mc-wfe-step__agency"
            size="small"
          />
          <Radio checked={wf.start === step.id} onChange={setStart} aria-label={`Bước ${n} là bước bắt đầu`}>
            Bắt đầu
          </Radio>
          <Checkbox checked={wf.ends.includes(step.id)} onChange={(e) => toggleEnd(e.target.checked)} aria-label={`Bước ${n} là bước kết thúc`}>
            Kết thúc
          </Checkbox>
          <span className="mc-wfe-step__actions">
            <Tooltip title="Lên trên">
              <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(-1)} aria-label={`Đưa bước ${n} lên`} />
            </Tooltip>
            <Tooltip title="Xuống dưới">
              <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => move(1)} aria-label={`Đưa bước ${n} xuống`} />
            </Tooltip>
            <Tooltip title="Xóa bước">
              <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={remove} aria-label={`Xóa bước ${n}`} />
            </Tooltip>
          </span>
        </div>
        {problem.length > 0 && (
          <ul className="mc-wfe-problems mc-wfe-problems--inline">
            {problem.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** Trình soạn quy trình nội bộ: bước, chuyển bước, mẫu, sơ đồ và kiểm tra trực tiếp. */
export function WorkflowEditor({ value, onChange, durationAmount, durationUnit, agencies, roles, roleName, extraProblems = [], caseName }: Props) {
  const { modal } = App.useApp();
  const wf = value ?? emptyWorkflow;
  const [selected, setSelected] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const check = useWorkflowCheck(value, durationAmount, durationUnit);
  const legal = typeof durationAmount === 'number' && durationUnit ? legalHours(durationAmount, durationUnit) : null;

  const set = (next: Workflow) => onChange?.(next);
  const agencyName = useMemo(() => {
    const m = new Map(agencies.map((a) => [a.id, a.shortName || a.name]));
    return (id: string) => m.get(id);
  }, [agencies]);

  // Vấn đề: kiểm tra trực tiếp + vấn đề khi công bố (bỏ trùng).
  const problems = useMemo(() => {
    const list: Problem[] = [...(value && value.steps.length ? (check.data?.problems ?? []) : []), ...extraProblems];
    const seen = new Set<string>();
    return list.filter((p) => {
      const k = `${p.path}|${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }, [check.data, extraProblems, value]);
  const stepProblems = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const p of problems) {
      const t = problemTarget(p.path);
      if (t.kind === 'step') m.set(t.index, [...(m.get(t.index) ?? []), p.message]);
    }
    return m;
  }, [problems]);
  const transitionProblems = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const p of problems) {
      const t = problemTarget(p.path);
      if (t.kind === 'transition') m.set(t.index, [...(m.get(t.index) ?? []), p.message]);
    }
    return m;
  }, [problems]);
  const problemStepIds = useMemo(() => new Set([...stepProblems.keys()].map((i) => wf.steps[i]?.id).filter(Boolean) as string[]), [stepProblems, wf.steps]);

  const updateStep = (i: number, patch: Partial<WorkflowStep>) => set({ ...wf, steps: wf.steps.map((s, k) => (k === i ? { ...s, ...patch } : s)) });
  const addStep = () => {
    const id = newStepId(wf);
    const prev = wf.steps[wf.steps.length - 1];
    const step: WorkflowStep = { id, name: '', role: wf.steps.length === 0 ? 'reception' : 'specialist', quotaHours: 4 };
    const next: Workflow = { ...wf, steps: [...wf.steps, step] };
    if (!prev) {
      next.start = id;
      next.ends = [id];
    } else {
      // Nối tiếp bước cuối; bước mới thay bước cuối làm bước kết thúc.
      next.transitions = [...wf.transitions, { from: prev.id, to: id, kind: 'forward' }];
      if (wf.ends.includes(prev.id)) next.ends = [...wf.ends.filter((e) => e !== prev.id), id];
    }
    set(next);
    setSelected(id);
    // Đưa con trỏ vào ô tên của bước mới.
    setTimeout(() => {
      const inputs = listRef.current?.querySelectorAll<HTMLInputElement>('.mc-wfe-step__name');
      inputs?.[inputs.length - 1]?.focus();
    }, 30);
  };
  const removeStep = (i: number) => {
    const id = wf.steps[i].id;
    const steps = wf.steps.filter((_, k) => k !== i);
    set({
      steps,
      transitions: wf.transitions.filter((t) => t.from !== id && t.to !== id),
      start: wf.start === id ? (steps[0]?.id ?? '') : wf.start,
      ends: wf.ends.filter((e) => e !== id),
    });
  };
  const moveStep = (i: number, d: -1 | 1) => {
    const steps = [...wf.steps];
    [steps[i], steps[i + d]] = [steps[i + d], steps[i]];
    set({ ...wf, steps });
  };
  const updateTransition = (i: number, patch: Partial<{ from: string; to: string; kind: TransitionKind }>) =>
    set({ ...wf, transitions: wf.transitions.map((t, k) => (k === i ? { ...t, ...patch } : t)) });
  const addTransition = () => {
    const sel = wf.steps.findIndex((s) => s.id === selected);
    const from = wf.steps[sel >= 0 ? sel : 0]?.id ?? '';
    const to = wf.steps[(sel >= 0 ? sel : 0) + 1]?.id ?? '';
    set({ ...wf, transitions: [...wf.transitions, { from, to, kind: 'forward' }] });
  };

  const applyTemplate = (key: string) => {
    const t = WORKFLOW_TEMPLATES.find((x) => x.key === key)!;
    const apply = () => {
      set(t.build(legal ?? 40));
      setSelected(null);
    };
    if (wf.steps.length === 0) apply();
    else
      modal.confirm({
        title: `Dùng "${t.name}"?`,
        content: 'Quy trình đang soạn của trường hợp này sẽ được thay bằng mẫu. Bạn vẫn có thể sửa từng bước sau đó.',
        okText: 'Thay bằng mẫu',
        cancelText: 'Giữ nguyên',
        onOk: apply,
      });
  };

  const selectFromDiagram = (id: string) => {
    setSelected(id);
    const i = wf.steps.findIndex((s) => s.id === id);
    const rows = listRef.current?.querySelectorAll<HTMLElement>('[data-testid="wf-step-row"]');
    const row = rows?.[i];
    row?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    row?.querySelector<HTMLInputElement>('.mc-wfe-step__name')?.focus({ preventScroll: true });
  };

  const stepOptions = wf.steps.map((s, i) => ({ value: s.id, label: `${i + 1}. ${s.name.trim() || 'Bước chưa đặt tên'}` }));
  const longest = check.data?.longestPathHours;
  const legalNow = check.data?.legalHours ?? legal;
  const percent = longest == null || legalNow == null ? 0 : legalNow === 0 ? (longest > 0 ? 100 : 0) : Math.round((longest / legalNow) * 1000) / 10;
  const over = longest != null && legalNow != null && longest > legalNow;
  const general = problems.filter((p) => problemTarget(p.path).kind === 'general');
  const checking = check.isFetching;
  const valid = !!value && value.steps.length > 0 && problems.length === 0 && check.isSuccess && !check.isPlaceholderData;

  const templateMenu = {
    items: WORKFLOW_TEMPLATES.map((t) => ({
      key: t.key,
      label: (
        <div className="mc-wfe-tpl">
          <div className="mc-wfe-tpl__name">{t.name}</div>
          <div className="mc-wfe-tpl__desc">{t.description}</div>
        </div>
      ),
    })),
    onClick: ({ key }: { key: string }) => applyTemplate(key),
  };

  return (
    <div className="mc-wfe" aria-label={`Quy trình nội bộ: ${caseName}`}>
      <div className="mc-wfe__toolbar">
        <Dropdown menu={templateMenu} trigger={['click']}>
          <Button icon={<BranchesOutlined />} data-testid="wf-templates">
            Dùng mẫu quy trình
          </Button>
        </Dropdown>
        <Button icon={<PlusOutlined />} onClick={addStep} data-testid="wf-add-step">
          Thêm bước
        </Button>
        <span className="mc-wfe__hint">
          {legal != null ? (
            <>
              Thời hạn giải quyết: <b>{fmtDuration(durationAmount!, durationUnit!)}</b> = {fmtHours(legal)} làm việc
            </>
          ) : (
            'Nhập thời hạn giải quyết của trường hợp để kiểm tra định mức.'
          )}
        </span>
      </div>

      {wf.steps.length === 0 ? (
        <Empty
          className="mc-wfe__empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="Chưa có quy trình nội bộ. Chọn một mẫu hoặc thêm từng bước."
        >
          <div className="mc-wfe__empty-actions">
            {WORKFLOW_TEMPLATES.map((t) => (
              <Button key={t.key} onClick={() => applyTemplate(t.key)}>
                {t.name}
              </Button>
            ))}
          </div>
        </Empty>
      ) : (
        <WorkflowDiagram
          workflow={wf}
          roleName={roleName}
          agencyName={agencyName}
          criticalPath={check.data?.longestPath}
          criticalOver={check.data != null && check.data.longestPathHours != null && check.data.longestPathHours > check.data.legalHours}
          problemStepIds={problemStepIds}
          selectedId={selected}
          onSelect={selectFromDiagram}
          title={`Sơ đồ quy trình: ${caseName}`}
        />
      )}

      {wf.steps.length > 0 && (
        <div className="mc-wfe__grid">
          <div className="mc-wfe__lists" ref={listRef}>
            <div className="mc-wfe__subhead">
              Các bước xử lý <Tag>{wf.steps.length}</Tag>
            </div>
            {wf.steps.map((s, i) => (
              <StepRow
                key={s.id}
                step={s}
                index={i}
                count={wf.steps.length}
                wf={wf}
                selected={selected === s.id}
                problem={stepProblems.get(i) ?? []}
                agencies={agencies}
                roles={roles}
                onSelect={() => setSelected(s.id)}
                update={(patch) => updateStep(i, patch)}
                move={(d) => moveStep(i, d)}
                remove={() => removeStep(i)}
                setStart={() => set({ ...wf, start: s.id })}
                toggleEnd={(on) => set({ ...wf, ends: on ? [...wf.ends, s.id] : wf.ends.filter((e) => e !== s.id) })}
              />
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={addStep} className="mc-wfe__add">
              Thêm bước
            </Button>

            <div className="mc-wfe__subhead">
              Chuyển bước <Tag>{wf.transitions.length}</Tag>
              <span className="mc-wfe__subhint">Chuyển tiếp: sang bước sau · Trả lại: về bước trước để làm lại · Liên thông: sang cơ quan phối hợp</span>
            </div>
            {wf.transitions.length === 0 && <div className="mc-muted mc-wfe__none">Chưa có bước chuyển nào.</div>}
            {wf.transitions.map((t, i) => {
              const msgs = transitionProblems.get(i) ?? [];
              return (
                <div key={i} className={`mc-wfe-tr${msgs.length ? ' has-problem' : ''}`} data-testid="wf-transition-row">
                  <Select
                    value={t.from || undefined}
                    options={stepOptions}
                    placeholder="Từ bước"
                    aria-label={`Chuyển bước ${i + 1}: từ bước`}
                    onChange={(from: string) => updateTransition(i, { from })}
                    className="mc-wfe-tr__step mc-wfe-tr__from"
                    popupMatchSelectWidth={false}
                  />
                  <ArrowRightOutlined className="mc-wfe-tr__arrow" aria-hidden />
                  <Select
                    value={t.to || undefined}
                    options={stepOptions}
                    placeholder="Đến bước"
                    aria-label={`Chuyển bước ${i + 1}: đến bước`}
                    onChange={(to: string) => updateTransition(i, { to })}
                    className="mc-wfe-tr__step mc-wfe-tr__to"
                    popupMatchSelectWidth={false}
                  />
                  <Select
                    value={t.kind}
                    options={TRANSITION_KINDS.map((k) => ({ value: k, label: TRANSITION_KIND_LABELS[k] }))}
                    aria-label={`Chuyển bước ${i + 1}: loại`}
                    onChange={(kind: TransitionKind) => updateTransition(i, { kind })}
                    className={`mc-wfe-tr__kind mc-wfe-tr__kind--${t.kind}`}
                  />
                  <Tooltip title="Xóa bước chuyển">
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={`Xóa chuyển bước ${i + 1}`}
                      className="mc-wfe-tr__del"
                      onClick={() => set({ ...wf, transitions: wf.transitions.filter((_, k) => k !== i) })}
                    />
                  </Tooltip>
                  {msgs.length > 0 && (
                    <ul className="mc-wfe-problems mc-wfe-problems--inline mc-wfe-tr__problems">
                      {msgs.map((m, k) => (
                        <li key={k}>{m}</li>
                      ))}
                    </ul>
                  )}
                </div>
              );
            })}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={addTransition} className="mc-wfe__add" disabled={wf.steps.length < 2}>
              Thêm bước chuyển
            </Button>
          </div>

          <aside className="mc-wfe-check" aria-live="polite" data-testid="wf-check">
            <div className="mc-wfe-check__head">
              <span>Kiểm tra quy trình</span>
              {checking ? (
                <Spin size="small" />
              ) : wf.steps.length === 0 ? null : valid ? (
                <Tag color="success" icon={<CheckCircleFilled />}>
                  Hợp lệ
                </Tag>
              ) : problems.length > 0 ? (
                <Tag color="error" icon={<ExclamationCircleFilled />}>
                  {problems.length} vấn đề
                </Tag>
              ) : null}
            </div>
            <div className="mc-wfe-check__metric">
              <div className="mc-wfe-check__label">Tổng định mức trên đường xử lý dài nhất</div>
              <Progress
                percent={Math.min(100, percent)}
                status={over ? 'exception' : percent >= 100 ? 'success' : 'normal'}
                showInfo={false}
                strokeColor={over ? '#c62828' : percent > 90 ? '#d48806' : undefined}
                aria-label="Tỉ lệ định mức so với thời hạn giải quyết"
              />
              <div className={`mc-wfe-check__numbers${over ? ' is-over' : ''}`} data-testid="wf-hours">
                {longest == null ? (
                  wf.steps.length ? (
                    check.data ? 'Không tính được: các bước chuyển tiếp tạo vòng lặp' : '—'
                  ) : (
                    '—'
                  )
                ) : (
                  <>
                    <b>{fmtHours(longest)}</b> / {legalNow != null ? fmtHours(legalNow) : '—'} làm việc
                    <span className="mc-muted"> ({fmtHoursAsDays(longest)} / {legalNow != null ? fmtHoursAsDays(legalNow) : '—'})</span>
                  </>
                )}
              </div>
            </div>
            {check.isError && <div className="mc-wfe-check__error">Chưa kiểm tra được: {errorMessage(check.error)}</div>}
            {problems.length > 0 && (
              <ul className="mc-wfe-problems" data-testid="wf-problems">
                {problems.map((p, i) => {
                  const t = problemTarget(p.path);
                  const where = t.kind === 'step' ? `Bước ${t.index + 1}` : t.kind === 'transition' ? `Chuyển bước ${t.index + 1}` : null;
                  const id = t.kind === 'step' ? wf.steps[t.index]?.id : undefined;
                  return (
                    <li key={i}>
                      {where && (
                        <button type="button" className="mc-wfe-problems__where" onClick={() => id && selectFromDiagram(id)} disabled={!id}>
                          {where}
                        </button>
                      )}
                      {p.message}
                    </li>
                  );
                })}
              </ul>
            )}
            {valid && general.length === 0 && (
              <p className="mc-wfe-check__ok">
                Mọi bước đều đến được bước kết thúc, không có ngõ cụt và tổng định mức nằm trong thời hạn giải quyết.
              </p>
            )}
            <ul className="mc-wfe-check__rules">
              <li>Mỗi bước đến được từ bước bắt đầu và đi tới một bước kết thúc.</li>
              <li>Chỉ được quay lại bước trước bằng "Trả lại".</li>
              <li>Định mức tính theo giờ làm việc; 1 ngày làm việc = 8 giờ.</li>
            </ul>
          </aside>
        </div>
      )}
    </div>
  );
}
