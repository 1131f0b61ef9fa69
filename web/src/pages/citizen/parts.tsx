// Thành phần dùng chung cho các trang của công dân: thẻ trạng thái, ô tải tệp, đánh giá,
// tiến trình dạng dòng thời gian và bộ chặn "cần đăng nhập bằng tài khoản công dân".
import { useId, useRef, useState, type ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { Button, Input, Progress, Result } from 'antd';
import {
  CheckCircleFilled,
  CloseOutlined,
  CloudUploadOutlined,
  ExclamationCircleFilled,
  FileImageOutlined,
  FilePdfOutlined,
  FrownFilled,
  MehFilled,
  SmileFilled,
} from '@ant-design/icons';
import { errorMessage } from '../../api';
import { isOfficer, useMe } from '../../auth';
import { PageLoading } from '../../components/PageLoading';
import { ErrorState } from '../../components/ErrorState';
import { loginPath, PATHS } from '../../paths';
import { fmtDateTime } from '../../lib/dates';
import {
  fileProblem,
  fmtSize,
  MAX_UPLOAD_BYTES,
  RATING_OPTIONS,
  STATUS_NAMES,
  STATUS_TONE,
  UPLOAD_ACCEPT,
  uploadFile,
  type RatingLevel,
  type StoredFile,
} from './model';

// ---------------------------------------------------------------- Trạng thái

export function StatusTag({ status, name }: { status: number; name?: string }) {
  return (
    <span className={`mc-cz-status mc-cz-status--${STATUS_TONE[status] ?? 'grey'}`} data-testid="status-tag">
      {name ?? STATUS_NAMES[status] ?? `Trạng thái ${status}`}
    </span>
  );
}

// ---------------------------------------------------------------- Chặn truy cập

/** Chỉ công dân đã đăng nhập: chưa đăng nhập → trang đăng nhập (nhớ trang đang xem); cán bộ → lời nhắn. */
export function RequireCitizen({ children, what }: { children: ReactNode; what: string }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (isOfficer(me.data)) {
    return (
      <div className="mc-container mc-cz-page">
        <Result
          status="info"
          title="Chức năng dành cho công dân, doanh nghiệp"
          subTitle={`Bạn đang đăng nhập bằng tài khoản cán bộ nên không thể ${what}. Hãy đăng nhập bằng tài khoản công dân, hoặc vào trang quản trị để làm việc.`}
          extra={
            <Link to={PATHS.admin}>
              <Button type="primary">Vào trang quản trị</Button>
            </Link>
          }
        />
      </div>
    );
  }
  return <>{children}</>;
}

// ---------------------------------------------------------------- Tải tệp

export interface SlotFile {
  uid: string;
  name: string;
  size: number;
  status: 'uploading' | 'done' | 'error';
  percent: number;
  error?: string;
  stored?: StoredFile;
}

export type SlotUpdater = (fn: (prev: SlotFile[]) => SlotFile[]) => void;

export const doneFiles = (files: SlotFile[] | undefined) =>
  (files ?? []).filter((f) => f.status === 'done' && f.stored).map((f) => ({ sha256: f.stored!.sha256, name: f.stored!.name }));
export const anyUploading = (groups: (SlotFile[] | undefined)[]) => groups.some((g) => (g ?? []).some((f) => f.status === 'uploading'));

let uidSeq = 0;

/**
 * Ô tải tệp của một giấy tờ: chọn (nhiều) tệp PDF/JPEG/PNG, hiện tên, dung lượng, tiến độ và lỗi
 * (sai loại, quá dung lượng, lỗi máy chủ) ngay dưới ô.
 */
export function FileSlot({
  files,
  update,
  label = 'Chọn tệp',
  invalid,
  testId,
  disabled,
}: {
  files: SlotFile[];
  update: SlotUpdater;
  label?: string;
  invalid?: boolean;
  testId?: string;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  const add = (list: FileList | null) => {
    if (!list) return;
    for (const file of Array.from(list)) {
      const uid = `f${++uidSeq}`;
      const problem = fileProblem(file);
      const entry: SlotFile = { uid, name: file.name, size: file.size, status: problem ? 'error' : 'uploading', percent: 0, error: problem ?? undefined };
      update((prev) => [...prev, entry]);
      if (problem) continue;
      const patch = (p: Partial<SlotFile>) => update((prev) => prev.map((f) => (f.uid === uid ? { ...f, ...p } : f)));
      uploadFile(file, (percent) => patch({ percent })).then(
        (stored) => patch({ status: 'done', percent: 100, stored }),
        (e: unknown) => patch({ status: 'error', error: errorMessage(e) }),
      );
    }
    if (input.current) input.current.value = '';
  };

  return (
    <div className={`mc-cz-slot${invalid ? ' is-invalid' : ''}`} data-testid={testId}>
      <input
        ref={input}
        id={id}
        type="file"
        accept={UPLOAD_ACCEPT}
        multiple
        className="mc-sr-only"
        disabled={disabled}
        onChange={(e) => add(e.target.files)}
        data-testid={testId ? `${testId}-input` : undefined}
      />
      <div className="mc-cz-slot__bar">
        <Button icon={<CloudUploadOutlined />} onClick={() => input.current?.click()} disabled={disabled}>
          {label}
        </Button>
        <span className="mc-cz-slot__hint">PDF, JPEG, PNG · tối đa {fmtSize(MAX_UPLOAD_BYTES)} mỗi tệp</span>
      </div>
      {files.length > 0 && (
        <ul className="mc-cz-files">
          {files.map((f) => {
            const image = /\.(jpe?g|png)$/i.test(f.name);
            return (
              <li key={f.uid} className={`mc-cz-file mc-cz-file--${f.status}`}>
                <span className="mc-cz-file__icon" aria-hidden>
                  {image ? <FileImageOutlined /> : <FilePdfOutlined />}
                </span>
                <span className="mc-cz-file__main">
                  <span className="mc-cz-file__name" title={f.name}>
                    {f.name}
                  </span>
                  <span className="mc-cz-file__meta">
                    {fmtSize(f.size)}
                    {f.status === 'done' && (
                      <span className="mc-cz-file__ok">
                        <CheckCircleFilled /> Đã tải lên
                      </span>
                    )}
                  </span>
                  {f.status === 'uploading' && <Progress percent={f.percent} size="small" showInfo={false} />}
                  {f.status === 'error' && (
                    <span className="mc-cz-file__error" role="alert">
                      <ExclamationCircleFilled /> {f.error ?? 'Không tải được tệp.'}
                    </span>
                  )}
                </span>
                <Button
                  type="text"
                  size="small"
                  icon={<CloseOutlined />}
                  aria-label={`Bỏ tệp ${f.name}`}
                  disabled={disabled}
                  onClick={() => update((prev) => prev.filter((x) => x.uid !== f.uid))}
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- Đánh giá

const RATING_ICONS: Record<RatingLevel, ReactNode> = {
  very_satisfied: <SmileFilled />,
  satisfied: <MehFilled />,
  not_satisfied: <FrownFilled />,
};

/** Ba lựa chọn lớn và ô góp ý; gọi onSubmit khi bấm "Gửi đánh giá". */
export function RatingPicker({
  onSubmit,
  pending,
  error,
}: {
  onSubmit: (level: RatingLevel, comment: string) => void;
  pending?: boolean;
  error?: unknown;
}) {
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [comment, setComment] = useState('');
  return (
    <div className="mc-cz-rate" data-testid="rating-picker">
      <div className="mc-cz-rate__choices" role="radiogroup" aria-label="Mức độ hài lòng">
        {RATING_OPTIONS.map((o) => (
          <button
            key={o.level}
            type="button"
            role="radio"
            aria-checked={level === o.level}
            className={`mc-cz-rate__choice mc-cz-rate__choice--${o.level}${level === o.level ? ' is-on' : ''}`}
            onClick={() => setLevel(o.level)}
            disabled={pending}
            data-testid={`rate-${o.level}`}
          >
            <span className="mc-cz-rate__emoji" aria-hidden>
              {RATING_ICONS[o.level]}
            </span>
            <span className="mc-cz-rate__label">{o.label}</span>
            <span className="mc-cz-rate__hint">{o.hint}</span>
          </button>
        ))}
      </div>
      <label className="mc-cz-label" htmlFor="mc-rate-comment">
        Góp ý thêm (không bắt buộc)
      </label>
      <Input.TextArea
        id="mc-rate-comment"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={1000}
        showCount
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={level === 'not_satisfied' ? 'Điều gì khiến bạn chưa hài lòng?' : 'Ý kiến của bạn giúp chúng tôi phục vụ tốt hơn'}
        disabled={pending}
        data-testid="rate-comment"
      />
      {error ? (
        <div className="mc-cz-error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
      <Button
        type="primary"
        size="large"
        block
        disabled={!level}
        loading={pending}
        onClick={() => level && onSubmit(level, comment.trim())}
        data-testid="rate-submit"
      >
        Gửi đánh giá
      </Button>
    </div>
  );
}

export function RatingThanks({ levelName, at }: { levelName: string; at: string }) {
  return (
    <div className="mc-cz-thanks" data-testid="rating-done">
      <CheckCircleFilled aria-hidden />
      <div>
        <b>Cảm ơn bạn đã đánh giá: {levelName}.</b>
        <div className="mc-muted">Ghi nhận lúc {fmtDateTime(at)}. Ý kiến của bạn được gửi tới cơ quan giải quyết.</div>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- Tiến trình

export interface TimelineEntry {
  key: string | number;
  title: string;
  at: string;
  status: number;
  agency?: string | null;
  details?: ReactNode;
}

/** Tiến trình xử lý dạng dòng thời gian dọc; mục mới nhất ở trên cùng. */
export function ProgressTimeline({ entries }: { entries: TimelineEntry[] }) {
  const list = [...entries].reverse();
  return (
    <ol className="mc-cz-timeline" data-testid="timeline">
      {list.map((e, i) => (
        <li key={e.key} className={`mc-cz-timeline__item mc-cz-timeline__item--${STATUS_TONE[e.status] ?? 'grey'}${i === 0 ? ' is-latest' : ''}`}>
          <span className="mc-cz-timeline__dot" aria-hidden />
          <div className="mc-cz-timeline__body">
            <div className="mc-cz-timeline__title">{e.title}</div>
            <div className="mc-cz-timeline__meta">
              {fmtDateTime(e.at)}
              {e.agency ? ` · ${e.agency}` : ''}
            </div>
            {e.details && <div className="mc-cz-timeline__details">{e.details}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}
