import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useDocumentTitle } from '../lib/hooks';

interface Props {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  extra?: ReactNode;
}

export function PageHeader({ title, description, icon, extra }: Props) {
  useDocumentTitle(title);
  return (
    <div className="mc-page-header">
      <div className="mc-page-header__main">
        {icon && <div className="mc-page-header__icon">{icon}</div>}
        <div>
          <Typography.Title level={3} className="mc-page-header__title">
            {title}
          </Typography.Title>
          {description && <div className="mc-page-header__desc">{description}</div>}
        </div>
      </div>
      {extra && <div className="mc-page-header__extra">{extra}</div>}
    </div>
  );
}
