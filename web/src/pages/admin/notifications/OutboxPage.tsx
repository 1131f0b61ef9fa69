import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, Select, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  MailOutlined,
  MessageOutlined,
  NotificationOutlined,
  ReloadOutlined,
  SearchOutlined,
  SendOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { fmtDateTime } from '../../../lib/dates';
import { useDebounced, useIsMobile, useIsPhone } from '../../../lib/hooks';
import { useNotify } from '../../../lib/notify';
import { PATHS } from '../../../paths';
import {
  CHANNEL_LABELS,
  MAX_ATTEMPTS,
  STATUS_META,
  useOutbox,
  useRetryMessage,
  type OutboxChannel,
  type OutboxMessage,
  type OutboxStatus,
} from './model';
import './outbox.css';

const STATUS_ORDER: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed'];
const STATUS_ICONS: Record<OutboxStatus, ReactNode> = {
  pending: <ClockCircleOutlined />,
  sending: <SyncOutlined />,
  sent: <CheckCircleOutlined />,
  failed: <CloseCircleOutlined />,
};

function ChannelTag({ channel }: { channel: OutboxChannel }) {
  return (
    <Tag icon={channel === 'email' ? <MailOutlined /> : <MessageOutlined />} color={channel === 'email' ? 'blue' : 'purple'} className="mc-outbox__channel">
      {channel === 'email' ? 'Thư điện tử' : 'SMS'}
    </Tag>
  );
}

function StatusCell({ m }: { m: OutboxMessage }) {
  const meta = STATUS_META[m.status];
  return (
    <div className="mc-outbox__status">
      <Tag color={meta.color} icon={STATUS_ICONS[m.status]}>
        {meta.label}
      </Tag>
      <div className="mc-muted mc-outbox__small">
        {m.status === 'sent' && m.sentAt
          ? `Lúc ${fmtDateTime(m.sentAt)}`
          : m.attempts > 0
            ? `Đã thử ${m.attempts}/${MAX_ATTEMPTS} lần`
            : 'Chưa thử gửi'}
      </div>
      {m.status === 'pending' && m.attempts > 0 && m.nextAttemptAt && (
        <div className="mc-muted mc-outbox__small">Thử lại lúc {fmtDateTime(m.nextAttemptAt)}</div>
      )}
    </div>
  );
}

function DossierLink({ m }: { m: OutboxMessage }) {
  if (!m.dossier) return <span className="mc-muted">—</span>;
  return (
    <Link to={`${PATHS.dossiers}/${encodeURIComponent(m.dossier.id)}`} className="mc-mono mc-outbox__code">
      {m.dossier.code ?? 'Hồ sơ chưa có mã'}
    </Link>
  );
}

function RetryButton({ m, block }: { m: OutboxMessage; block?: boolean }) {
  const retry = useRetryMessage();
  const notify = useNotify();
  if (m.status !== 'failed') return null;
  return (
    <Button
      size="small"
      icon={<SendOutlined />}
      block={block}
      loading={retry.isPending}
      data-testid={`outbox-retry-${m.id}`}
      onClick={(e) => {
        e.stopPropagation();
        retry.mutate(m.id, {
          onSuccess: () => notify.success('Đã đưa thông báo vào hàng chờ, hệ thống sẽ gửi lại trong giây lát.'),
          onError: (err) => notify.error(err),
        });
      }}
    >
      Gửi lại
    </Button>
  );
}

/** Nội dung đầy đủ của một thông báo: xem trước thư, văn bản thuần, tin nhắn đúng như gửi đi. */
function MessageDetail({ m }: { m: OutboxMessage }) {
  const phone = useIsPhone();
  const info = (
    <Descriptions
      size="small"
      column={1}
      bordered
      styles={{ label: { width: phone ? 108 : 170 } }}
      items={[
        { key: 'to', label: 'Người nhận', children: <span className="mc-mono">{m.recipient}</span> },
        { key: 'tpl', label: 'Loại thông báo', children: m.templateName },
        ...(m.subject ? [{ key: 'subject', label: 'Tiêu đề', children: m.subject }] : []),
        { key: 'created', label: 'Tạo lúc', children: fmtDateTime(m.createdAt, true) },
        ...(m.sentAt ? [{ key: 'sent', label: 'Gửi thành công lúc', children: fmtDateTime(m.sentAt, true) }] : []),
        { key: 'attempts', label: 'Số lần đã thử', children: `${m.attempts}/${MAX_ATTEMPTS}` },
        ...(m.status === 'pending' && m.nextAttemptAt && m.attempts > 0
          ? [{ key: 'next', label: 'Lần thử tiếp theo', children: fmtDateTime(m.nextAttemptAt) }]
          : []),
        ...(m.lastError
          ? [
              m.attempts === 0 && m.status === 'pending'
                ? { key: 'error', label: 'Ghi chú', children: <span className="mc-outbox__note">{m.lastError}</span> }
                : { key: 'error', label: 'Lỗi gần nhất', children: <span className="mc-outbox__error">{m.lastError}</span> },
            ]
          : []),
      ]}
    />
  );
  const content =
    m.channel === 'email' ? (
      <Tabs
        size="small"
        items={[
          {
            key: 'preview',
            label: 'Bản xem trước',
            children: m.html ? (
              <iframe title={`Xem trước thư ${m.id}`} className="mc-outbox__preview" sandbox="" srcDoc={m.html} />
            ) : (
              <pre className="mc-outbox__text">{m.body}</pre>
            ),
          },
          { key: 'text', label: 'Nội dung văn bản', children: <pre className="mc-outbox__text">{m.body}</pre> },
        ]}
      />
    ) : (
      <div className="mc-outbox__sms">
        <div className="mc-outbox__bubble">{m.body}</div>
        {m.smsText && m.smsText !== m.body && (
          <div className="mc-outbox__ascii">
            <div className="mc-muted mc-outbox__small">Gửi tới cổng tin nhắn (không dấu, theo yêu cầu của nhà cung cấp):</div>
            <div className="mc-mono">{m.smsText}</div>
          </div>
        )}
        <div className="mc-muted mc-outbox__small">{m.body.length} ký tự</div>
      </div>
    );
  return (
    <div className="mc-outbox__detail">
      <div className="mc-outbox__detail-info">{info}</div>
      <div className="mc-outbox__detail-content">{content}</div>
    </div>
  );
}

export default function OutboxPage() {
  const mobile = useIsMobile();
  const [status, setStatus] = useState<OutboxStatus | undefined>();
  const [channel, setChannel] = useState<OutboxChannel | undefined>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const outbox = useOutbox({ status, channel, q: q || undefined, page, pageSize });
  const data = outbox.data;
  const counts = data?.counts;
  const all = counts ? STATUS_ORDER.reduce((n, s) => n + counts[s], 0) : undefined;

  const columns: TableColumnsType<OutboxMessage> = mobile
    ? [
        {
          key: 'm',
          render: (_: unknown, m) => (
            <div className="mc-outbox-m">
              <div className="mc-outbox-m__top">
                <ChannelTag channel={m.channel} />
                <Tag color={STATUS_META[m.status].color} icon={STATUS_ICONS[m.status]}>
                  {STATUS_META[m.status].label}
                </Tag>
                <span className="mc-muted mc-nowrap mc-outbox__small">{fmtDateTime(m.createdAt)}</span>
              </div>
              <div className="mc-outbox-m__to mc-mono">{m.recipient}</div>
              <div className="mc-outbox-m__subject">{m.subject ?? m.body}</div>
              <div className="mc-outbox-m__meta">
                <span>{m.templateName}</span>
                <DossierLink m={m} />
              </div>
              {m.lastError && m.status !== 'sent' && <div className={`${m.attempts ? 'mc-outbox__error' : 'mc-outbox__note'} mc-outbox__small`}>{m.lastError}</div>}
              <RetryButton m={m} block />
            </div>
          ),
        },
      ]
    : [
        {
          title: 'Thời gian',
          dataIndex: 'createdAt',
          key: 'at',
          width: 110,
          render: (v: string) => {
            const [date, time] = fmtDateTime(v).split(' ');
            return (
              <div className="mc-outbox__when">
                <div>{date}</div>
                <div className="mc-muted mc-outbox__small">{time}</div>
              </div>
            );
          },
        },
        {
          title: 'Người nhận',
          key: 'to',
          width: 260,
          render: (_: unknown, m) => (
            <div className="mc-outbox__to">
              <div className="mc-outbox__recipient" title={`${CHANNEL_LABELS[m.channel]}: ${m.recipient}`}>
                <span className={`mc-outbox__icon mc-outbox__icon--${m.channel}`} aria-label={CHANNEL_LABELS[m.channel]}>
                  {m.channel === 'email' ? <MailOutlined /> : <MessageOutlined />}
                </span>
                <span className="mc-mono">{m.recipient}</span>
              </div>
              <div className="mc-muted mc-outbox__small">{m.templateName}</div>
            </div>
          ),
        },
        {
          title: 'Nội dung',
          key: 'content',
          render: (_: unknown, m) => (
            <div className="mc-outbox__content">
              <Typography.Text ellipsis={{ tooltip: m.subject ?? m.body }} className="mc-outbox__subject">
                {m.subject ?? m.body}
              </Typography.Text>
              <div className="mc-outbox__small">
                <span className="mc-muted">Hồ sơ </span>
                <DossierLink m={m} />
              </div>
              {m.lastError && m.status !== 'sent' && (
                <Typography.Text ellipsis={{ tooltip: m.lastError }} className={`${m.attempts ? 'mc-outbox__error' : 'mc-outbox__note'} mc-outbox__small`}>
                  {m.lastError}
                </Typography.Text>
              )}
            </div>
          ),
        },
        {
          title: 'Trạng thái',
          key: 'status',
          width: 175,
          render: (_: unknown, m) => <StatusCell m={m} />,
        },
        {
          title: <span className="mc-sr-only">Thao tác</span>,
          key: 'action',
          width: 104,
          align: 'right',
          render: (_: unknown, m) => <RetryButton m={m} />,
        },
      ];

  const pick = (s: OutboxStatus | undefined) => {
    setStatus(s);
    setPage(1);
  };

  return (
    <div>
      <PageHeader
        title="Thông báo gửi công dân"
        icon={<NotificationOutlined />}
        description="Thư điện tử và tin nhắn SMS hệ thống tự gửi khi tiếp nhận hồ sơ, yêu cầu bổ sung, xin lỗi và hẹn lại, từ chối, dừng xử lý, có kết quả. Gửi lỗi được tự động thử lại sau 1 phút, 5 phút, 30 phút, 2 giờ và 12 giờ."
      />
      {data?.delivery.email === 'off' && (
        <Alert
          type="warning"
          showIcon
          className="mc-outbox__alert"
          message={
            <>
              <strong>Chưa cấu hình máy chủ thư điện tử.</strong> Thư được giữ trong hàng chờ, không bị mất; đặt SMTP_URL (và MAIL_FROM) rồi khởi động lại để gửi ngay các thư đang chờ.
            </>
          }
        />
      )}
      {data?.delivery.sms === 'log' && (
        <Alert
          type="info"
          showIcon
          className="mc-outbox__alert"
          message={
            <>
              <strong>Tin nhắn SMS đang ở chế độ ghi nhật ký</strong> (trình diễn): nội dung được ghi vào nhật ký máy chủ, chưa gửi tới nhà mạng. Để gửi thật, đặt SMS_DRIVER=http và SMS_HTTP_URL của cổng tin nhắn.
            </>
          }
        />
      )}
      <div className="mc-outbox__tiles" role="group" aria-label="Lọc theo trạng thái">
        <button type="button" className={`mc-outbox__tile${status === undefined ? ' is-active' : ''}`} onClick={() => pick(undefined)} aria-pressed={status === undefined}>
          <span className="mc-outbox__tile-label">Tất cả</span>
          <span className="mc-outbox__tile-n">{all ?? '—'}</span>
        </button>
        {STATUS_ORDER.filter((s) => s !== 'sending' || (counts?.sending ?? 0) > 0).map((s) => (
          <Tooltip key={s} title={mobile ? undefined : STATUS_META[s].hint}>
            <button
              type="button"
              className={`mc-outbox__tile mc-outbox__tile--${s}${status === s ? ' is-active' : ''}`}
              onClick={() => pick(status === s ? undefined : s)}
              aria-pressed={status === s}
              data-testid={`outbox-status-${s}`}
            >
              <span className="mc-outbox__tile-label">
                {STATUS_ICONS[s]} {STATUS_META[s].label}
              </span>
              <span className="mc-outbox__tile-n">{counts ? counts[s] : '—'}</span>
            </button>
          </Tooltip>
        ))}
      </div>
      <Card className="mc-card mc-table-card">
        <div className="mc-toolbar mc-outbox__toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Người nhận, mã hồ sơ, tiêu đề"
            aria-label="Tìm thông báo"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
            className="mc-toolbar__search"
          />
          <Select<OutboxChannel>
            allowClear
            placeholder="Mọi kênh gửi"
            aria-label="Lọc theo kênh gửi"
            value={channel}
            onChange={(v) => {
              setChannel(v);
              setPage(1);
            }}
            options={(Object.keys(CHANNEL_LABELS) as OutboxChannel[]).map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
            className="mc-outbox__channel-filter"
          />
          <div className="mc-toolbar__spacer" />
          <Tooltip title="Tải lại">
            <Button icon={<ReloadOutlined />} aria-label="Tải lại" onClick={() => outbox.refetch()} loading={outbox.isFetching} />
          </Tooltip>
        </div>
        {outbox.isError ? (
          <ErrorState error={outbox.error} onRetry={() => outbox.refetch()} />
        ) : (
          <Table<OutboxMessage>
            rowKey="id"
            size="middle"
            columns={columns}
            showHeader={!mobile}
            dataSource={data?.items ?? []}
            loading={outbox.isPending || (outbox.isFetching && outbox.isPlaceholderData)}
            tableLayout="fixed"
            rowClassName={(m) => (m.status === 'failed' ? 'mc-outbox__row--failed' : '')}
            expandable={{
              expandedRowRender: (m) => <MessageDetail m={m} />,
              expandRowByClick: mobile,
              showExpandColumn: !mobile,
            }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: !mobile,
              pageSizeOptions: [20, 50, 100],
              showTotal: (t) => `${t} thông báo`,
              onChange: (p, s) => {
                if (s !== pageSize) {
                  setPageSize(s);
                  setPage(1);
                } else setPage(p);
              },
              size: mobile ? 'small' : undefined,
            }}
            locale={{ emptyText: status || channel || q ? 'Không có thông báo nào phù hợp.' : 'Chưa có thông báo nào được gửi.' }}
          />
        )}
      </Card>
    </div>
  );
}
