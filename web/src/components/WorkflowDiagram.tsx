import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { roleLabel } from '../labels';
import {
  fmtHours,
  fmtHoursAsDays,
  layoutWorkflow,
  TRANSITION_KIND_LABELS,
  wrapText,
  type LayoutEdge,
  type LayoutNode,
  type Workflow,
} from '../lib/workflow';
import './WorkflowDiagram.css';

/** Số ký tự một dòng tên bước (chữ đậm 13px rộng trung bình ~7,2px). */
const nameChars = (w: number) => Math.floor((w - 46) / 7.2);

/** Bước cao hơn khi có tên cần ba dòng. */
function nodeHeight(wf: Workflow, w: number): number {
  const lines = Math.max(1, ...wf.steps.map((s) => wrapText(s.name || 'Bước chưa đặt tên', nameChars(w), 3).length));
  return lines >= 3 ? 112 : 96;
}

/** Màu nhận diện theo vai trò thực hiện bước. */
const ROLE_HEX: Record<string, string> = {
  reception: '#2f54eb',
  specialist: '#0b4f9c',
  head: '#d46b08',
  leader: '#b3151c',
  clerk: '#08979c',
  reform: '#722ed1',
  supervisor: '#c41d7f',
  admin: '#595959',
  citizen: '#389e0d',
};
const roleHex = (role: string) => ROLE_HEX[role] ?? '#5b6475';

export interface WorkflowDiagramProps {
  workflow: Workflow;
  /** Tên vai trò tiếng Việt (mặc định theo danh mục vai trò có sẵn). */
  roleName?: (role: string) => string;
  /** Tên cơ quan thực hiện bước (khi bước có gắn cơ quan). */
  agencyName?: (id: string) => string | undefined;
  /** Các bước trên đường xử lý dài nhất (theo thứ tự), được tô đậm. */
  criticalPath?: string[];
  /** Đường dài nhất vượt thời hạn giải quyết: tô đỏ. */
  criticalOver?: boolean;
  /** Các bước đang có lỗi, viền đỏ. */
  problemStepIds?: ReadonlySet<string>;
  selectedId?: string | null;
  /** Có thì bấm vào bước để chọn (trình soạn thảo); không có: chỉ xem. */
  onSelect?: (id: string) => void;
  /** Hiện chú giải ký hiệu dưới sơ đồ (mặc định có). */
  legend?: boolean;
  /** Tên sơ đồ cho trình đọc màn hình. */
  title?: string;
  className?: string;
}

function EdgeLabel({ e, text }: { e: LayoutEdge; text: string }) {
  const w = text.length * 6.4 + 14;
  return (
    <g className={`mc-wf__elabel mc-wf__elabel--${e.route === 'above' ? 'loop' : e.kind}`} aria-hidden>
      <rect x={e.labelX - w / 2} y={e.labelY - 9} width={w} height={18} rx={9} />
      <text x={e.labelX} y={e.labelY + 4} textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

function Node({
  n,
  roleName,
  agencyName,
  critical,
  problem,
  selected,
  onSelect,
}: {
  n: LayoutNode;
  roleName: (r: string) => string;
  agencyName?: (id: string) => string | undefined;
  critical: boolean;
  problem: boolean;
  selected: boolean;
  onSelect?: (id: string) => void;
}) {
  const s = n.step;
  const color = roleHex(s.role);
  const lines = wrapText(s.name || 'Bước chưa đặt tên', nameChars(n.w), n.h > 100 ? 3 : 2);
  const agency = s.agencyId ? (agencyName?.(s.agencyId) ?? s.agencyId) : undefined;
  const role = roleName(s.role);
  const roleLine = wrapText(role, Math.floor((n.w - 26) / 6.2), 1)[0] ?? '';
  const quota = `${fmtHours(s.quotaHours)} · ${fmtHoursAsDays(s.quotaHours)}`;
  const cls = [
    'mc-wf__node',
    n.isEnd && 'mc-wf__node--end',
    n.isStart && 'mc-wf__node--start',
    critical && 'mc-wf__node--critical',
    problem && 'mc-wf__node--problem',
    selected && 'mc-wf__node--selected',
    onSelect && 'mc-wf__node--clickable',
  ]
    .filter(Boolean)
    .join(' ');
  const label = `Bước ${n.index + 1}: ${s.name}. ${role}${agency ? `, ${agency}` : ''}. Định mức ${quota}.${n.isStart ? ' Bước bắt đầu.' : ''}${n.isEnd ? ' Bước kết thúc.' : ''}`;
  const onKey = (e: KeyboardEvent) => {
    if (onSelect && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onSelect(n.id);
    }
  };
  const nameY = lines.length === 1 ? n.y + 34 : n.y + 27;
  return (
    <g
      className={cls}
      data-testid="wf-node"
      data-step-id={n.id}
      role={onSelect ? 'button' : 'listitem'}
      tabIndex={onSelect ? 0 : undefined}
      aria-label={label}
      aria-pressed={onSelect ? selected : undefined}
      onClick={onSelect ? () => onSelect(n.id) : undefined}
      onKeyDown={onSelect ? onKey : undefined}
    >
      <title>{label}</title>
      {selected && <rect className="mc-wf__halo" x={n.x - 5} y={n.y - 5} width={n.w + 10} height={n.h + 10} rx={14} />}
      <rect className="mc-wf__box" x={n.x} y={n.y} width={n.w} height={n.h} rx={10} />
      <rect x={n.x} y={n.y + 8} width={4} height={n.h - 16} rx={2} fill={color} />
      <circle cx={n.x + 20} cy={n.y + 22} r={11} fill={color} />
      <text className="mc-wf__num" x={n.x + 20} y={n.y + 26} textAnchor="middle">
        {n.index + 1}
      </text>
      <text className="mc-wf__name" x={n.x + 37} y={nameY}>
        {lines.map((l, i) => (
          <tspan key={i} x={n.x + 37} dy={i === 0 ? 0 : 16}>
            {l}
          </tspan>
        ))}
      </text>
      <text className="mc-wf__role" x={n.x + 14} y={n.y + n.h - 33} fill={color}>
        {roleLine}
      </text>
      <g className="mc-wf__clock" aria-hidden>
        <circle cx={n.x + 19} cy={n.y + n.h - 17} r={5.5} />
        <path d={`M ${n.x + 19} ${n.y + n.h - 20} V ${n.y + n.h - 17} H ${n.x + 21.5}`} />
      </g>
      <text className="mc-wf__quota" x={n.x + 29} y={n.y + n.h - 13}>
        {quota}
      </text>
      {agency && (
        <circle className="mc-wf__agency-dot" cx={n.x + n.w - 12} cy={n.y + n.h - 17} r={4}>
          <title>{agency}</title>
        </circle>
      )}
      {n.isEnd && (
        <g className="mc-wf__badge mc-wf__badge--end" aria-hidden>
          <rect x={n.x + n.w - 66} y={n.y - 10} width={60} height={20} rx={10} />
          <text x={n.x + n.w - 36} y={n.y + 4} textAnchor="middle">
            Kết thúc
          </text>
        </g>
      )}
    </g>
  );
}

/**
 * Sơ đồ quy trình nội bộ, từ trái sang phải: bước (tên, vai trò, định mức),
 * chuyển tiếp (nét liền), liên thông (nét đứt), trả lại (cung cong phía dưới).
 * Chỉ xem khi không có `onSelect`; dùng lại được ở trang công khai và trang hồ sơ.
 */
export function WorkflowDiagram({
  workflow,
  roleName = roleLabel,
  agencyName,
  criticalPath,
  criticalOver = false,
  problemStepIds,
  selectedId,
  onSelect,
  legend = true,
  title = 'Sơ đồ quy trình nội bộ',
  className,
}: WorkflowDiagramProps) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const scrollRef = useRef<HTMLDivElement>(null);
  const [avail, setAvail] = useState<number | null>(null);
  const base = useMemo(() => layoutWorkflow(workflow, { nodeHeight: nodeHeight(workflow, 188) }), [workflow]);
  const hasNodes = base.nodes.length > 0;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => setAvail(Math.floor(entries[0].contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [hasNodes]);
  // Vừa khung khi được: thu hẹp bước (không dưới 150px) và khoảng cách; chật hơn thì cuộn ngang.
  const layout = useMemo(() => {
    if (!avail || base.layers === 0) return base;
    const padX = 48;
    const wide = Math.floor((avail - 2 * padX - (base.layers - 1) * 60) / base.layers);
    const gapX = wide >= 160 ? 60 : 44;
    const fit = Math.floor((avail - 2 * padX - (base.layers - 1) * gapX) / base.layers);
    const nodeWidth = Math.max(140, Math.min(196, fit));
    return layoutWorkflow(workflow, { nodeWidth, gapX, padX, nodeHeight: nodeHeight(workflow, nodeWidth) });
  }, [avail, base, workflow]);
  const criticalNodes = useMemo(() => new Set(criticalPath ?? []), [criticalPath]);
  const criticalEdges = useMemo(() => {
    const set = new Set<string>();
    const p = criticalPath ?? [];
    for (let i = 0; i + 1 < p.length; i++) set.add(`${p[i]}|${p[i + 1]}`);
    return set;
  }, [criticalPath]);

  if (layout.nodes.length === 0) {
    return (
      <div className={`mc-wf mc-wf--empty ${className ?? ''}`} data-testid="wf-diagram">
        Chưa có bước xử lý nào. Thêm bước hoặc chọn một mẫu quy trình để bắt đầu.
      </div>
    );
  }

  const start = layout.nodes.find((n) => n.isStart);
  const counts = {
    steps: layout.nodes.length,
    forward: workflow.transitions.filter((t) => t.kind === 'forward').length,
    back: workflow.transitions.filter((t) => t.kind === 'send_back').length,
    handoff: workflow.transitions.filter((t) => t.kind === 'handoff').length,
  };
  const summary = `${counts.steps} bước, ${counts.forward} chuyển tiếp, ${counts.back} trả lại, ${counts.handoff} liên thông`;
  const marker = (kind: string) => `url(#${uid}-${kind})`;
  const edgeClass = (e: LayoutEdge) => {
    if (e.route === 'above') return 'loop';
    if (e.kind === 'send_back') return 'back';
    if (criticalEdges.has(`${e.from}|${e.to}`)) return e.kind === 'handoff' ? 'handoff-critical' : 'critical';
    return e.kind === 'handoff' ? 'handoff' : 'forward';
  };

  return (
    <div className={`mc-wf${criticalOver ? ' mc-wf--over' : ''} ${className ?? ''}`} data-testid="wf-diagram">
      <div className="mc-wf__scroll" ref={scrollRef} tabIndex={0} aria-label={`${title}: cuộn ngang để xem hết`}>
        <svg
          className="mc-wf__svg"
          width={layout.width}
          height={layout.height}
          viewBox={`0 ${layout.minY} ${layout.width} ${layout.height}`}
          role="img"
          aria-labelledby={`${uid}-t ${uid}-d`}
        >
          <title id={`${uid}-t`}>{title}</title>
          <desc id={`${uid}-d`}>{summary}</desc>
          <defs>
            {(['forward', 'critical', 'handoff', 'handoff-critical', 'back', 'loop'] as const).map((k) => (
              <marker
                key={k}
                id={`${uid}-${k}`}
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerUnits="userSpaceOnUse"
                markerWidth={k === 'back' ? 9 : 11}
                markerHeight={k === 'back' ? 9 : 11}
                orient="auto-start-reverse"
                className={`mc-wf__arrow mc-wf__arrow--${k}`}
              >
                <path d="M 0 0 L 10 5 L 0 10 z" />
              </marker>
            ))}
          </defs>
          {start && (
            <g className="mc-wf__entry" aria-hidden>
              <circle cx={start.x - 30} cy={start.y + start.h / 2} r={7} />
              <line x1={start.x - 23} y1={start.y + start.h / 2} x2={start.x - 2} y2={start.y + start.h / 2} markerEnd={marker('forward')} />
              <text x={Math.max(2, start.x - 46)} y={start.y + start.h / 2 - 14}>
                Bắt đầu
              </text>
            </g>
          )}
          <g className="mc-wf__edges">
            {layout.edges.map((e) => {
              const k = edgeClass(e);
              return (
                <path
                  key={e.key}
                  d={e.path}
                  className={`mc-wf__edge mc-wf__edge--${k}`}
                  markerEnd={marker(k)}
                  data-testid="wf-edge"
                  data-kind={e.kind}
                >
                  <title>{`${TRANSITION_KIND_LABELS[e.kind]}: ${workflow.steps.find((s) => s.id === e.from)?.name ?? e.from} → ${workflow.steps.find((s) => s.id === e.to)?.name ?? e.to}`}</title>
                </path>
              );
            })}
          </g>
          <g role="list" aria-label="Các bước xử lý">
            {layout.nodes.map((n) => (
              <Node
                key={n.id}
                n={n}
                roleName={roleName}
                agencyName={agencyName}
                critical={criticalNodes.has(n.id)}
                problem={!!problemStepIds?.has(n.id)}
                selected={selectedId === n.id}
                onSelect={onSelect}
              />
            ))}
          </g>
          <g className="mc-wf__labels">
            {layout.edges
              .filter((e) => e.route !== 'forward')
              .map((e) => (
                <EdgeLabel key={e.key} e={e} text={e.route === 'above' ? 'Vòng lặp' : TRANSITION_KIND_LABELS[e.kind]} />
              ))}
          </g>
        </svg>
      </div>
      {legend && (
        <div className="mc-wf__legend" aria-label="Chú giải">
          <span>
            <svg width="30" height="10" aria-hidden>
              <line x1="0" y1="5" x2="30" y2="5" className="mc-wf__edge mc-wf__edge--forward" />
            </svg>
            Chuyển tiếp
          </span>
          <span>
            <svg width="30" height="10" aria-hidden>
              <line x1="0" y1="5" x2="30" y2="5" className="mc-wf__edge mc-wf__edge--handoff" />
            </svg>
            Liên thông
          </span>
          <span>
            <svg width="30" height="12" aria-hidden>
              <path d="M 2 2 C 2 14 28 14 28 2" className="mc-wf__edge mc-wf__edge--back" />
            </svg>
            Trả lại
          </span>
          {criticalPath && criticalPath.length > 1 && (
            <span>
              <svg width="30" height="10" aria-hidden>
                <line x1="0" y1="5" x2="30" y2="5" className="mc-wf__edge mc-wf__edge--critical" />
              </svg>
              {criticalOver ? 'Đường xử lý dài nhất (vượt thời hạn)' : 'Đường xử lý dài nhất'}
            </span>
          )}
          <span>
            <span className="mc-wf__legend-end" aria-hidden />
            Bước kết thúc
          </span>
        </div>
      )}
    </div>
  );
}

export default WorkflowDiagram;
