import { Button, Result } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../api';

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Result
      status="warning"
      title="Không tải được dữ liệu"
      subTitle={errorMessage(error)}
      extra={
        onRetry && (
          <Button icon={<ReloadOutlined />} onClick={onRetry}>
            Thử lại
          </Button>
        )
      }
    />
  );
}
