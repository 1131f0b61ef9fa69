import { Link } from 'react-router-dom';
import { Button, Result } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { useDocumentTitle } from '../lib/hooks';

export default function NotFoundPage({ home = '/' }: { home?: string }) {
  useDocumentTitle('Không tìm thấy trang');
  return (
    <div className="mc-container mc-notfound">
      <Result
        status="404"
        title="Không tìm thấy trang"
        subTitle="Trang bạn tìm không tồn tại hoặc đã được chuyển sang địa chỉ khác."
        extra={
          <Link to={home}>
            <Button type="primary" icon={<HomeOutlined />}>
              Về trang chủ
            </Button>
          </Link>
        }
      />
    </div>
  );
}
