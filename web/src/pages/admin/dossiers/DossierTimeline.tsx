// Nhật ký xử lý hồ sơ (dòng thời gian): ai, khi nào, làm gì, kết quả từng bước so với định mức.
import type { ReactNode } from 'react';
import { ConfigProvider, Tag, Timeline } from 'antd';
import {
  AuditOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  DollarOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  InboxOutlined,
  PauseCircleOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { fmtDate, fmtDateTime } from '../../../lib/dates';
import { roleLabel } from '../../../labels';
import {
  CHANNEL_NAMES,
  fileUrl,
  RETURN_METHODS,
  STATUS_NAMES,
  TIMELINESS_COLORS,
  TIMELINESS_LABELS,
  type Channel,
  type DossierDetail,
  type DossierEvent,
  type FileRef,
  type Timeliness,
} from './model';

const ICONS: Record<string, ReactNode> = {
  create: <InboxOutlined />,
  submit: <InboxOutlined />,
  import: <InboxOutlined />,
  accept: <CheckCircleOutlined />,
  refuse: <CloseCircleOutlined />,
  request_supplement: <FileAddOutlined />,
  submit_supplement: <FileAddOutlined />,
  assign: <UserSwitchOutlined />,
  forward: <SendOutlined />,
  send_back: <RollbackOutlined />,
  request_payment: <DollarOutlined />,
  confirm_payment: <DollarOutlined />,
  stop: <StopOutlined />,
  withdraw: <StopOutlined />,
  reschedule: <ClockCircleOutlined />,
  complete: <FileDoneOutlined />,
  return: <AuditOutlined />,
  overdue: <ClockCircleOutlined />,
};

const COLORS: Record<string, string> = {
  refuse: 'red',
  stop: 'red',
  withdraw: 'gray',
  overdue: 'red',
  request_supplement: 'orange',
  request_payment: 'orange',
  reschedule: 'orange',
  send_back: 'orange',
  complete: 'green',
  return: 'green',
};

function Files({ dossierId, files }: { dossierId: string; files: FileRef[] }) {
  if (!files.length) return null;
  return (
    <ul className="mc-tl__files">
      {files.map((f) => (
        <li key={f.sha256}>
          <a href={fileUrl(dossierId, f.sha256)} target="_blank" rel="noopener">
            {f.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Line({ k, children }: { k: string; children: ReactNode }) {
  return (
    <div className="mc-tl__line">
      <span className="mc-tl__k">{k}:</span> <span className="mc-tl__v">{children}</span>
    </div>
  );
}

function OutcomeTag({ value }: { value: Timeliness }) {
  return (
    <Tag color={TIMELINESS_COLORS[value]} className="mc-tl__outcome">
      {TIMELINESS_LABELS[value]}
    </Tag>
  );
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

function EventBody({ e, d, stepName, agencyName }: { e: DossierEvent; d: DossierDetail; stepName: (id: string | null) => string | null; agencyName: (id: string | null | undefined) => string | undefined }) {
  const data = e.data ?? {};
  const lines: ReactNode[] = [];
  const from = stepName(e.fromStep);
  const to = stepName(e.toStep);
  if ((e.action === 'forward' || e.action === 'send_back') && to) {
    lines.push(
      <div key="steps" className="mc-tl__steps">
        {from && <span className="mc-tl__step">{from}</span>}
        {from && <span className="mc-tl__arrow">→</span>}
        <span className="mc-tl__step mc-tl__step--to">{to}</span>
        {e.agencyId && agencyName(e.agencyId) && <span className="mc-tl__agency">{agencyName(e.agencyId)}</span>}
      </div>,
    );
  }
  if ((e.action === 'create' || e.action === 'accept' || e.action === 'import') && str(data.code)) {
    lines.push(
      <Line key="code" k="Mã hồ sơ">
        <span className="mc-mono">{String(data.code)}</span>
      </Line>,
    );
  }
  if (e.action === 'import' && str(data.source)) {
    lines.push(
      <Line key="source" k="Nguồn">
        Tệp {String(data.source)}
        {typeof data.line === 'number' ? `, dòng ${data.line}` : ''}
      </Line>,
    );
  }
  if ((e.action === 'create' || e.action === 'submit') && str(data.channel)) {
    lines.push(
      <Line key="channel" k="Kênh nộp">
        {CHANNEL_NAMES[data.channel as Channel] ?? String(data.channel)}
      </Line>,
    );
  }
  if ((e.action === 'create' || e.action === 'accept') && str(data.dueAt)) {
    lines.push(
      <Line key="due" k="Hẹn trả">
        {fmtDateTime(String(data.dueAt))}
      </Line>,
    );
  }
  if ((e.action === 'submit_supplement' || e.action === 'confirm_payment') && str(data.dueAt)) {
    lines.push(
      <Line key="due" k="Hạn xử lý mới (cộng thời gian tạm dừng)">
        {fmtDateTime(String(data.dueAt))}
      </Line>,
    );
  }
  if (data.assignee) {
    lines.push(
      <Line key="assignee" k={e.action === 'assign' ? 'Phân công cho' : 'Giao cho'}>
        <b>{data.assignee.name}</b>
      </Line>,
    );
  }
  if (data.transfer && typeof data.transfer === 'object') {
    const t = data.transfer as { to?: string };
    lines.push(
      <Line key="transfer" k="Chuyển đến cơ quan">
        {agencyName(t.to) ?? t.to}
      </Line>,
    );
  }
  if (Array.isArray(data.items) && data.items.length) {
    lines.push(
      <div key="items" className="mc-tl__items">
        <div className="mc-tl__k">Giấy tờ cần bổ sung, hoàn thiện:</div>
        <ol>
          {data.items.map((it, i) => (
            <li key={i}>
              <b>{it.name}</b>
              {it.reason ? ` — ${it.reason}` : ''}
            </li>
          ))}
        </ol>
      </div>,
    );
  }
  if (e.action === 'request_payment' && typeof data.amount === 'number') {
    lines.push(
      <Line key="amount" k="Số tiền">
        <b>{data.amount.toLocaleString('vi-VN')} đồng</b>
        {str(data.description) ? ` — ${String(data.description)}` : ''}
      </Line>,
    );
  }
  if (str(data.receiptNumber)) {
    lines.push(
      <Line key="receipt" k="Số biên lai">
        {String(data.receiptNumber)}
      </Line>,
    );
  }
  if (e.action === 'reschedule' && str(data.newDueAt)) {
    lines.push(
      <Line key="resched" k="Hẹn lại">
        {data.previousDueAt ? (
          <>
            <s className="mc-muted">{fmtDateTime(data.previousDueAt)}</s> → <b>{fmtDateTime(data.newDueAt)}</b>
          </>
        ) : (
          <b>{fmtDateTime(data.newDueAt)}</b>
        )}
      </Line>,
    );
  }
  if (data.result && typeof data.result === 'object') {
    const r = data.result;
    lines.push(
      <div key="result" className="mc-tl__result">
        <Line k="Văn bản kết quả">
          <b className="mc-mono">{r.number}</b>
          {r.signedOn ? `, ký ngày ${fmtDate(r.signedOn)}` : ''}
          {r.signer ? `, người ký ${r.signer}` : ''}
        </Line>
        {r.summary && <Line k="Trích yếu">{r.summary}</Line>}
        <Files dossierId={d.id} files={r.files ?? []} />
      </div>,
    );
  }
  if (data.return && typeof data.return === 'object') {
    const r = data.return;
    lines.push(
      <Line key="return" k="Hình thức trả">
        {r.method ? RETURN_METHODS[r.method] : ''}
        {r.receivedBy ? `; người nhận: ${r.receivedBy}` : ''}
        {r.trackingNumber ? `; số hiệu bưu gửi: ${r.trackingNumber}` : ''}
      </Line>,
    );
  }
  if (Array.isArray(data.files) && data.files.length && e.action === 'submit_supplement') {
    lines.push(
      <Line key="files" k="Tệp bổ sung">
        {(data.files as unknown[]).map((f, i) => {
          // Older events keep only the hash; newer ones { sha256, name }.
          const sha = typeof f === 'string' ? f : (f as { sha256?: unknown })?.sha256;
          const name = typeof f === 'object' && f && typeof (f as { name?: unknown }).name === 'string' ? (f as { name: string }).name : `Tệp ${i + 1}`;
          return typeof sha === 'string' ? (
            <a key={sha} href={fileUrl(d.id, sha)} target="_blank" rel="noopener" className="mc-tl__filelink">
              {name}
            </a>
          ) : null;
        })}
      </Line>,
    );
  }
  if (str(data.reason)) {
    lines.push(
      <div key="reason" className="mc-tl__reason">
        <span className="mc-tl__k">Lý do:</span> {String(data.reason)}
      </div>,
    );
  }
  if (str(data.note)) {
    lines.push(
      <div key="note" className="mc-tl__note">
        <span className="mc-tl__k">Ghi chú:</span> {String(data.note)}
      </div>,
    );
  }
  const so = data.stepOutcome;
  if (so && typeof so === 'object' && so.stepName) {
    lines.push(
      <div key="outcome" className={`mc-tl__so mc-tl__so--${so.outcome}`}>
        <div className="mc-tl__so-head">
          Bước <b>{so.stepName}</b> <OutcomeTag value={so.outcome} />
        </div>
        <div className="mc-tl__so-times">
          Bắt đầu {fmtDateTime(so.startedAt)}
          {so.dueAt ? ` · hạn ${fmtDateTime(so.dueAt)}` : ''} · xong {fmtDateTime(so.endedAt)}
        </div>
      </div>,
    );
  }
  if (e.fromStatus !== null && e.fromStatus !== e.toStatus) {
    lines.push(
      <div key="status" className="mc-tl__status">
        {STATUS_NAMES[e.fromStatus] ?? e.fromStatus} → <b>{STATUS_NAMES[e.toStatus] ?? e.toStatus}</b>
      </div>,
    );
  }
  return <div className="mc-tl__body">{lines}</div>;
}

export function DossierTimeline({ d, agencyName }: { d: DossierDetail; agencyName: (id: string | null | undefined) => string | undefined }) {
  const steps = new Map((d.workflow?.steps ?? []).map((s) => [s.id, s]));
  const stepName = (id: string | null) => (id ? (steps.get(id)?.name ?? id) : null);
  const finished = [3, 7, 8, 10].includes(d.status);
  const items = d.events.map((e) => ({
    key: e.seq,
    color: COLORS[e.action] ?? 'blue',
    icon: <span className={`mc-tl__icon mc-tl__icon--${COLORS[e.action] ?? 'blue'}`}>{ICONS[e.action] ?? <CheckCircleOutlined />}</span>,
    content: (
      <div className="mc-tl__item" data-testid="timeline-item" data-action={e.action}>
        <div className="mc-tl__head">
          <span className="mc-tl__action">{e.actionName}</span>
          <span className="mc-tl__when">{fmtDateTime(e.at)}</span>
        </div>
        <div className="mc-tl__who">{e.actor?.fullName ?? 'Hệ thống'}</div>
        <EventBody e={e} d={d} stepName={stepName} agencyName={agencyName} />
      </div>
    ),
  }));
  if (!finished) {
    const pending =
      d.status === 1
        ? 'Chờ bộ phận một cửa kiểm tra, tiếp nhận'
        : d.status === 5
          ? 'Chờ công dân bổ sung, hoàn thiện hồ sơ'
          : d.status === 6
            ? 'Chờ công dân thực hiện nghĩa vụ tài chính'
            : d.status === 9
              ? 'Chờ trả kết quả cho công dân'
              : d.currentStep
                ? `Đang ở bước "${d.currentStep.name}" — ${d.assignee ? d.assignee.fullName : roleLabel(d.currentStep.role)}`
                : null;
    if (pending) {
      items.push({
        key: -1,
        color: 'gray',
        icon: (
          <span className="mc-tl__icon mc-tl__icon--pending">
            {d.status === 5 || d.status === 6 ? <PauseCircleOutlined /> : <ClockCircleOutlined />}
          </span>
        ),
        content: (
          <div className="mc-tl__item mc-tl__item--pending" data-testid="timeline-pending">
            <div className="mc-tl__action">{pending}</div>
            {d.currentStep?.dueAt && d.status !== 9 && (
              <div className="mc-tl__who">Hạn của bước: {fmtDateTime(d.currentStep.dueAt)}</div>
            )}
          </div>
        ),
      });
    }
  }
  return (
    <div data-testid="timeline">
      <ConfigProvider theme={{ components: { Timeline: { dotSize: 28, dotBorderWidth: 0 }, Steps: { dotSize: 28, dotCurrentSize: 28 } } }}>
        <Timeline items={items} className="mc-tl" />
      </ConfigProvider>
    </div>
  );
}
