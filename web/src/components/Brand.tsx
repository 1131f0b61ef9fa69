import { Link } from 'react-router-dom';
import { Emblem } from './Emblem';

interface Props {
  to?: string;
  /** Ẩn dòng phụ đề (màn hình hẹp). */
  compact?: boolean;
  /** 'light': chữ trắng trên nền đỏ; 'dark': chữ đậm trên nền sáng. */
  tone?: 'light' | 'dark';
  size?: number;
}

export const SITE_SUBTITLE = 'Hệ thống thông tin giải quyết thủ tục hành chính';

export function Brand({ to = '/', compact = false, tone = 'light', size = 40 }: Props) {
  return (
    <Link to={to} className={`mc-brand mc-brand--${tone}`} aria-label={`motcua — ${SITE_SUBTITLE}`}>
      <Emblem size={size} />
      <span className="mc-brand__text">
        <span className="mc-brand__name">motcua</span>
        {!compact && <span className="mc-brand__subtitle">{SITE_SUBTITLE}</span>}
      </span>
    </Link>
  );
}
