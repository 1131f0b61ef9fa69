import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Dropdown, Empty, Result, Row, Skeleton, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ArrowLeftOutlined,
  DownOutlined,
  FileOutlined,
  FilePdfOutlined,
  PaperClipOutlined,
  PrinterOutlined,
  ReloadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ApiError, errorMessage } from '../../../api';
import { useMe } from '../../../auth';
import { ErrorState } from '../../../components/ErrorState';
import { WorkflowDiagram } from '../../../components/WorkflowDiagram';
import { PATHS } from '../../../paths';
import { roleLabel } from '../../../labels';
import { useAgencies } from '../../../queries';
import { fmtDate, fmtDateTime } from '../../../lib/dates';
import { useDocumentTitle, useIsPhone } from '../../../lib/hooks';
import { useNotify } from '../../../lib/notify';
import { ActionDialog, DANGER_ACTIONS, type SubmitOutcome } from './ActionDialog';
import { DossierTimeline } from './DossierTimeline';
import {
  ACTION_LABELS,
  CONFLICT_MESSAGE,
  dueState,
  fileUrl,
  fmtDueLong,
  fmtLegalDuration,
  RETURN_METHODS,
  SLIP_NAMES,
  slipsFor,
  slipUrl,
  useDossier,
  useDossierAction,
  type ActionRequest,
  type DossierAction,
  type DossierDetail,
  type Person,
} from './model';
import { ChannelLabel, DueCell, StatusTag, TimelinessTag } from './parts';
import { useNow } from './useNow';
import './dossiers.css';

const PRIMARY_ORDER: DossierAction[] = ['accept', 'forward', 'complete', 'return', 'submit_supplement', 'confirm_payment', 'assign'];
const ACTION_ORDER: DossierAction[] = [
  'accept',
  'assign',
  'forward',
  'complete',
  'return',
  'submit_supplement',
  'confirm_payment',
  'send_back',
  'request_supplement',
  'request_payment',
  'reschedule',
  'refuse',
  'stop',
  'withdraw',
];

/**
 * Thao tác hiển thị: các thao tác máy chủ cho phép, trừ "Chuyển xử lý" ở bước không có bước tiếp theo
 * (bước kết thúc của quy trình; chuyển hồ sơ sang cơ quan khác chưa có trên giao diện này).
 */
function visibleActions(d: DossierDetail): DossierAction[] {
  const step = d.currentStep;
  const canAdvance =
    !d.workflow || !step || d.workflow.transitions.some((t) => t.from === step.id && (t.kind === 'forward' || t.kind === 'handoff'));
  return ACTION_ORDER.filter((a) => d.allowedActions.includes(a) && (a !== 'forward' || canAdvance));
}

function primaryAction(d: DossierDetail, allowed: DossierAction[]): DossierAction | undefined {
  if (allowed.includes('assign') && !d.assignee && d.currentStep?.role === 'specialist') return 'assign';
  return PRIMARY_ORDER.find((a) => allowed.includes(a));
}

/** Vì sao người xem không có thao tác nào (và hồ sơ đang chờ ai). */
function noActionText(d: DossierDetail, acts: boolean): string {
  const open = !!d.currentStep && ![3, 7, 8, 9, 10].includes(d.status);
  const waiting = open
    ? ` Hồ sơ đang chờ ${roleLabel(d.currentStep!.role).toLowerCase()}${d.currentAgency ? ` tại ${d.currentAgency.name}` : ''}${d.assignee ? ` (${d.assignee.fullName})` : ''}.`
    : '';
  if (!acts) return `Bạn có quyền xem hồ sơ để theo dõi, giám sát; không thực hiện thao tác xử lý.${waiting}`;
  if ([3, 7, 8, 10].includes(d.status)) return 'Hồ sơ đã kết thúc; không còn thao tác nào.';
  if (open) return `Bạn không có thao tác nào ở bước này.${waiting}`;
  return 'Bạn không có thao tác nào với hồ sơ ở trạng thái hiện tại.';
}

function PersonCard({ title, p }: { title: string; p: Person }) {
  return (
    <Card className="mc-card mc-dside" size="small" title={title}>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: 'Họ và tên', children: <b>{p.fullName}</b> },
          { key: 'id', label: 'Số định danh', children: <span className="mc-mono">{p.idNumber}</span> },
          { key: 'phone', label: 'Điện thoại', children: <a href={`tel:${p.phone}`}>{p.phone}</a> },
          ...(p.email ? [{ key: 'email', label: 'Thư điện tử', children: <a href={`mailto:${p.email}`}>{p.email}</a> }] : []),
          { key: 'address', label: 'Địa chỉ', children: p.address },
        ]}
      />
    </Card>
  );
}

function Fact({ k, children, testId }: { k: string; children: ReactNode; testId?: string }) {
  return (
    <div className="mc-fact" data-testid={testId}>
      <div className="mc-fact__k">{k}</div>
      <div className="mc-fact__v">{children}</div>
    </div>
  );
}

function Badges({ d, now }: { d: DossierDetail; now: number }) {
  const s = dueState(d, now);
  return (
    <>
      {s.tone === 'overdue' && (
        <Tag color="red" data-testid="overdue-badge">
          Quá hạn
        </Tag>
      )}
      {s.tone === 'soon' && <Tag color="orange">Sắp đến hạn</Tag>}
      {s.tone === 'paused' && <Tag color="default">Tạm dừng tính thời hạn</Tag>}
      {d.timeliness && (d.status === 9 || d.status === 10) && <TimelinessTag value={d.timeliness} />}
      {d.rescheduledDueAt && <Tag color="gold">Đã hẹn lại</Tag>}
      {d.imported && <Tag>Chuyển từ hệ thống cũ</Tag>}
    </>
  );
}

export default function DossierPage() {
  const { id = '' } = useParams();
  const q = useDossier(id);
  const d = q.data;
  const agencies = useAgencies('all');
  const { data: me } = useMe();
  const readerActs = !!me && me.roles.some((r) => ['reception', 'specialist', 'head', 'leader', 'clerk'].includes(r));
  const phone = useIsPhone();
  const notify = useNotify();
  const now = useNow();
  const mutation = useDossierAction(d?.id ?? id);
  const [dialog, setDialog] = useState<{ action: DossierAction; snapshot: DossierDetail } | null>(null);
  const [conflict, setConflict] = useState(false);
  useDocumentTitle(d ? `Hồ sơ ${d.code ?? ''}`.trim() : 'Hồ sơ');

  // Sơ đồ rộng hơn màn hình: cuộn ngang để bước hiện tại nằm trong tầm nhìn.
  const wfRef = useRef<HTMLDivElement>(null);
  const currentStepId = d?.currentStep?.id;
  useEffect(() => {
    const box = wfRef.current;
    if (!box || !currentStepId) return;
    const scroller = box.querySelector<HTMLElement>('.mc-wf__scroll');
    const svg = box.querySelector<SVGSVGElement>('svg.mc-wf__svg');
    const node = box.querySelector<SVGGraphicsElement>(`[data-step-id="${CSS.escape(currentStepId)}"]`);
    if (!scroller || !svg || !node) return;
    // Tọa độ theo bản vẽ (không phụ thuộc tỉ lệ hiển thị của SVG).
    const center = () => {
      const vb = svg.viewBox.baseVal;
      const bb = node.getBBox();
      if (!vb || vb.width <= 0 || scroller.scrollWidth <= scroller.clientWidth) return;
      const frac = (bb.x + bb.width / 2 - vb.x) / vb.width;
      scroller.scrollLeft = frac * scroller.scrollWidth - scroller.clientWidth / 2;
    };
    const raf = requestAnimationFrame(center);
    const ro = new ResizeObserver(center);
    ro.observe(svg);
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
    };
  }, [currentStepId, d?.version]);

  const agencyMap = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.name])), [agencies.data]);
  const agencyName = (aid: string | null | undefined) => (aid ? agencyMap.get(aid) : undefined);

  if (q.isPending) {
    return (
      <Card className="mc-card">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (q.isError || !d) {
    if (q.error instanceof ApiError && q.error.status === 404) {
      return (
        <Result
          status="404"
          title="Không tìm thấy hồ sơ"
          subTitle="Hồ sơ không tồn tại hoặc không thuộc phạm vi bạn được xem."
          extra={
            <Link to={PATHS.dossiers}>
              <Button type="primary">Về hàng đợi công việc</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  }

  const submit = async (body: ActionRequest, key: string): Promise<SubmitOutcome> => {
    try {
      await mutation.mutateAsync({ body, key });
      setConflict(false);
      notify.success(`Đã thực hiện: ${ACTION_LABELS[body.action]}.`);
      await q.refetch();
      return 'ok';
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        setConflict(true);
        notify.message.warning('Hồ sơ vừa được người khác cập nhật.');
        await q.refetch();
        return 'handled';
      }
      if (e instanceof ApiError && (e.code === 'INVALID_TRANSITION' || e.code === 'ALREADY_RESCHEDULED' || e.status === 403 || e.status === 404)) {
        notify.message.error(errorMessage(e));
        await q.refetch();
        return 'handled';
      }
      throw e;
    }
  };

  const allowed = visibleActions(d);
  const primary = primaryAction(d, allowed);
  const slips = slipsFor(d);
  const steps = d.workflow?.steps ?? [];
  const stepIndex = d.currentStep ? steps.findIndex((s) => s.id === d.currentStep!.id) : -1;
  const slipMenu: MenuProps['items'] = slips.map((f) => ({
    key: f,
    icon: <FilePdfOutlined />,
    label: (
      <a href={slipUrl(d.id, f)} target="_blank" rel="noopener" data-testid={`slip-${f}`}>
        <b>{SLIP_NAMES[f].form}</b> · {SLIP_NAMES[f].title}
      </a>
    ),
  }));
  const stepState = d.currentStep?.dueAt ? dueState({ status: d.status, dueAt: d.currentStep.dueAt, overdue: false, timeliness: null }, now) : null;

  return (
    <div className="mc-dossier" data-testid="dossier-page">
      <div className="mc-dback">
        <Link to={PATHS.dossiers}>
          <ArrowLeftOutlined /> Hàng đợi công việc
        </Link>
      </div>

      {conflict && (
        <Alert
          type="warning"
          showIcon
          className="mc-dconflict"
          title={CONFLICT_MESSAGE}
          closable={{ onClose: () => setConflict(false) }}
          data-testid="conflict-alert"
        />
      )}

      <Card className="mc-card mc-dhead">
        <div className="mc-dhead__main">
          <div className="mc-dhead__left">
            <div className="mc-dhead__codeline">
              {d.code ? (
                <Typography.Text
                  className="mc-dhead__code mc-mono"
                  copyable={{ tooltips: ['Sao chép mã hồ sơ', 'Đã sao chép'] }}
                  data-testid="dossier-code"
                >
                  {d.code}
                </Typography.Text>
              ) : (
                <span className="mc-dhead__code mc-muted">Chưa cấp mã</span>
              )}
              <StatusTag status={d.status} name={d.statusName} />
              <Badges d={d} now={now} />
            </div>
            <h1 className="mc-dhead__proc">{d.procedure.name}</h1>
            <div className="mc-dhead__meta">
              <span className="mc-mono">{d.procedure.code}</span>
              <span>{d.procedure.caseName}</span>
              <span>Thời hạn {fmtLegalDuration(d.procedure.durationAmount, d.procedure.durationUnit)}</span>
              {d.agency && <span>{d.agency.name}</span>}
              <ChannelLabel channel={d.channel} />
            </div>
          </div>
          <div className="mc-dhead__extra">
            {slips.length > 0 && (
              <Dropdown menu={{ items: slipMenu }} trigger={['click']} placement="bottomRight">
                <Button icon={<PrinterOutlined />} data-testid="slips-menu">
                  In phiếu <DownOutlined />
                </Button>
              </Dropdown>
            )}
            <Tooltip title="Tải lại">
              <Button icon={<ReloadOutlined />} aria-label="Tải lại" onClick={() => q.refetch()} loading={q.isFetching} />
            </Tooltip>
          </div>
        </div>
        <div className="mc-dhead__facts">
          <Fact k={d.receivedAt ? 'Ngày tiếp nhận' : 'Ngày nộp'}>{fmtDateTime(d.receivedAt ?? d.submittedAt)}</Fact>
          <Fact k="Hạn trả kết quả" testId="fact-due">
            {d.dueAt ? (
              <>
                <DueCell d={d} now={now} showRescheduled={false} />
                {d.rescheduledDueAt && (
                  <div className="mc-fact__sub" data-testid="rescheduled-due">
                    Hẹn lại: <b>{fmtDueLong(d.rescheduledDueAt)}</b>
                  </div>
                )}
              </>
            ) : (
              <span className="mc-muted">Cấp khi tiếp nhận</span>
            )}
          </Fact>
          <Fact k="Bước hiện tại" testId="fact-step">
            {d.currentStep ? (
              <>
                <div className="mc-fact__strong">
                  {stepIndex >= 0 ? `${stepIndex + 1}/${steps.length}. ` : ''}
                  {d.currentStep.name}
                </div>
                <div className="mc-fact__sub">
                  {d.assignee ? (
                    <>
                      <UserOutlined /> {d.assignee.fullName}
                    </>
                  ) : (
                    `${roleLabel(d.currentStep.role)} (chưa phân công)`
                  )}
                </div>
              </>
            ) : (
              <span className="mc-muted">{d.status === 9 ? 'Chờ trả kết quả' : d.finishedAt ? `Kết thúc ${fmtDateTime(d.finishedAt)}` : '—'}</span>
            )}
          </Fact>
          <Fact k="Đơn vị đang giữ hồ sơ">
            {d.currentAgency?.name ?? '—'}
            {d.supplementCount > 0 && <div className="mc-fact__sub">Đã yêu cầu bổ sung {d.supplementCount} lần</div>}
          </Fact>
        </div>
      </Card>

      <Card className="mc-card mc-dactions" size="small" data-testid="action-bar">
        {allowed.length === 0 ? (
          <div className="mc-dactions__none">
            {noActionText(d, readerActs)}
          </div>
        ) : (
          <div className="mc-dactions__list">
            <span className="mc-dactions__label">Thao tác:</span>
            {allowed.map((a) => (
              <Button
                key={a}
                type={a === primary ? 'primary' : 'default'}
                danger={DANGER_ACTIONS.includes(a)}
                size={phone ? 'middle' : 'large'}
                onClick={() => setDialog({ action: a, snapshot: d })}
                data-testid={`action-${a}`}
                className={a === primary ? 'mc-dactions__primary' : undefined}
              >
                {ACTION_LABELS[a]}
              </Button>
            ))}
          </div>
        )}
      </Card>

      <Card className="mc-card mc-dwf" title="Quy trình xử lý">
        {d.currentStep && stepState && (
          <div className="mc-dwf__now">
            Đang ở bước <b>{d.currentStep.name}</b> · hạn của bước {fmtDateTime(d.currentStep.dueAt)}
            {stepState.text && <span className={`mc-due--${stepState.tone} mc-dwf__left`}> · {stepState.text}</span>}
          </div>
        )}
        {d.workflow ? (
          <div ref={wfRef}>
            <WorkflowDiagram
              workflow={d.workflow}
              selectedId={d.currentStep?.id ?? null}
              agencyName={(aid) => agencyMap.get(aid)}
              title={`Quy trình xử lý hồ sơ ${d.code ?? ''}`}
              legend={!phone}
            />
          </div>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={d.imported ? 'Hồ sơ chuyển từ hệ thống cũ: không có thông tin các bước đã xử lý.' : 'Thủ tục này không có quy trình nội bộ.'}
          />
        )}
      </Card>

      <Row gutter={[20, 20]}>
        <Col xs={24} xl={15}>
          <Card className="mc-card" title="Quá trình xử lý" extra={<span className="mc-muted">{d.events.length} sự kiện</span>}>
            <DossierTimeline d={d} agencyName={agencyName} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <div className="mc-dside-col">
            {d.result && (
              <Card className="mc-card mc-dside mc-dresult" size="small" title="Kết quả giải quyết" data-testid="result-card">
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { key: 'n', label: 'Số, ký hiệu', children: <b className="mc-mono">{d.result.number}</b> },
                    { key: 's', label: 'Người ký', children: d.result.signer },
                    { key: 'd', label: 'Ngày ký', children: fmtDate(d.result.signedOn ?? '') },
                    ...(d.result.summary ? [{ key: 'sum', label: 'Trích yếu', children: d.result.summary }] : []),
                    ...(d.returnInfo?.method
                      ? [
                          {
                            key: 'r',
                            label: 'Đã trả',
                            children: (
                              <>
                                {RETURN_METHODS[d.returnInfo.method]}
                                {d.returnInfo.receivedBy ? ` — ${d.returnInfo.receivedBy}` : ''}
                                {d.returnedAt ? `, ${fmtDateTime(d.returnedAt)}` : ''}
                              </>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
                {(d.result.files ?? []).length > 0 && (
                  <ul className="mc-dfiles">
                    {d.result.files!.map((f) => (
                      <li key={f.sha256}>
                        <a href={fileUrl(d.id, f.sha256)} target="_blank" rel="noopener">
                          <FileOutlined /> {f.name}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            )}
            <PersonCard title="Chủ hồ sơ" p={d.applicant} />
            {d.authorised && <PersonCard title="Người được ủy quyền" p={d.authorised} />}
            <Card className="mc-card mc-dside" size="small" title={`Thành phần hồ sơ (${d.components.length})`}>
              {d.components.length === 0 ? (
                <span className="mc-muted">Không ghi nhận thành phần hồ sơ.</span>
              ) : (
                <ol className="mc-dcomps" data-testid="components">
                  {d.components.map((c, i) => (
                    <li key={i}>
                      <div className="mc-dcomps__name">{c.name}</div>
                      <div className="mc-dcomps__meta">
                        {c.originals} bản chính · {c.copies} bản sao
                      </div>
                      {c.files.length > 0 && (
                        <ul className="mc-dfiles">
                          {c.files.map((f) => (
                            <li key={f.sha256}>
                              <a href={fileUrl(d.id, f.sha256)} target="_blank" rel="noopener">
                                <PaperClipOutlined /> {f.name}
                              </a>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ol>
              )}
            </Card>
            <Card className="mc-card mc-dside" size="small" title="Tiếp nhận">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'r', label: 'Bộ phận tiếp nhận', children: d.receptionAgency?.name ?? '—' },
                  { key: 'a', label: 'Cơ quan giải quyết', children: d.agency?.name ?? '—' },
                  { key: 'c', label: 'Kênh nộp', children: <ChannelLabel channel={d.channel} /> },
                  { key: 's', label: 'Ngày nộp', children: fmtDateTime(d.submittedAt) },
                ]}
              />
            </Card>
          </div>
        </Col>
      </Row>

      {dialog && (
        <ActionDialog
          key={`${dialog.action}-${dialog.snapshot.version}`}
          action={dialog.action}
          dossier={dialog.snapshot}
          agencyName={agencyName}
          onSubmit={submit}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
