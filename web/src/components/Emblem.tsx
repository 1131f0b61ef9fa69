import { useId } from 'react';

interface Props {
  size?: number;
  title?: string;
}

/** Biểu trưng motcua: vòng tròn đỏ viền vàng với ngôi sao vàng. */
export function Emblem({ size = 40, title }: Props) {
  // Mỗi biểu trưng một id gradient riêng: tránh tham chiếu tới bản bị ẩn (display: none) trên cùng trang.
  const gid = `mc-emblem-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 64 64"
      role={title ? 'img' : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
      style={{ flex: 'none', display: 'block' }}
    >
      <defs>
        <linearGradient id={gid} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#d12a31" />
          <stop offset="1" stopColor="#8e0f14" />
        </linearGradient>
      </defs>
      <circle cx="32" cy="32" r="30" fill={`url(#${gid})`} stroke="#f3c245" strokeWidth="3" />
      <circle cx="32" cy="32" r="23.5" fill="none" stroke="#f3c245" strokeOpacity=".55" strokeWidth="1.2" />
      <path
        fill="#f6c343"
        d="M32.0 16.0L35.9 28.1L48.6 28.1L38.4 35.6L42.3 47.7L32.0 40.2L21.7 47.7L25.6 35.6L15.4 28.1L28.1 28.1Z"
      />
    </svg>
  );
}
