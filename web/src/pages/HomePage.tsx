import { useEffect, useRef } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Button, Card, Col, Form, Input, Row } from 'antd';
import {
  ArrowRightOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FormOutlined,
  LoginOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { isOfficer, useMe } from '../auth';
import { usePublicInfo } from '../queries';
import { PATHS } from '../paths';
import { useDocumentTitle, useIsPhone } from '../lib/hooks';
import { midSentence } from '../lib/text';

const SUGGESTIONS = ['Đăng ký khai sinh', 'Chứng thực bản sao', 'Đăng ký kinh doanh hộ cá thể', 'Cấp giấy phép xây dựng'];

const STEPS = [
  {
    icon: <FileSearchOutlined />,
    title: 'Tìm hiểu thủ tục',
    text: 'Tra cứu thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí và cơ quan thực hiện.',
  },
  {
    icon: <FormOutlined />,
    title: 'Nộp hồ sơ',
    text: 'Nộp trực tiếp tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính; nhận giấy tiếp nhận có mã hồ sơ.',
  },
  {
    icon: <AuditOutlined />,
    title: 'Theo dõi tiến độ',
    text: 'Dùng mã hồ sơ để biết hồ sơ đang ở bước nào, ai đang xử lý và hạn trả kết quả.',
  },
  {
    icon: <CheckCircleOutlined />,
    title: 'Nhận kết quả',
    text: 'Nhận kết quả đúng hẹn tại Bộ phận Một cửa hoặc tại địa chỉ đã đăng ký.',
  },
];

function DossierLookup({ onSubmit }: { onSubmit: (code: string) => void }) {
  return (
    <Form
      layout="vertical"
      requiredMark={false}
      onFinish={(v: { code: string }) => onSubmit(v.code.trim())}
      className="mc-lookup-form"
    >
      <Form.Item
        name="code"
        label="Mã hồ sơ"
        rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập mã hồ sơ ghi trên giấy tiếp nhận.' }]}
        extra="Mã hồ sơ được in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả."
      >
        <Input size="large" placeholder="Ví dụ: 000.00.31.H56-250701-0001" prefix={<FileTextOutlined />} allowClear />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block icon={<SearchOutlined />}>
        Tra cứu hồ sơ
      </Button>
    </Form>
  );
}

export default function HomePage() {
  const info = usePublicInfo();
  const { data: user } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useIsPhone();
  const lookupRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(undefined);

  useEffect(() => {
    if (location.hash === '#tra-cuu-ho-so') {
      lookupRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      lookupRef.current?.querySelector('input')?.focus({ preventScroll: true });
    }
  }, [location.hash]);

  const searchProcedures = (q: string) => {
    const query = q.trim();
    navigate(query ? `${PATHS.procedures}?q=${encodeURIComponent(query)}` : PATHS.procedures);
  };
  const lookupDossier = (code: string) => navigate(`${PATHS.dossierLookup}?ma=${encodeURIComponent(code)}`);

  const province = info.data?.provinceName;
  const accountCard = !user
    ? {
        to: PATHS.login,
        title: 'Đăng nhập hệ thống',
        text: 'Dành cho cán bộ tiếp nhận, chuyên viên thụ lý, lãnh đạo và quản trị hệ thống các cấp.',
        more: 'Đăng nhập',
      }
    : isOfficer(user)
      ? {
          to: PATHS.admin,
          title: `Xin chào, ${user.fullName}`,
          text: 'Bạn đang đăng nhập với tài khoản cán bộ. Vào trang quản trị để làm việc.',
          more: 'Vào trang quản trị',
        }
      : {
          to: PATHS.procedures,
          title: `Xin chào, ${user.fullName}`,
          text: 'Bắt đầu bằng việc tìm thủ tục hành chính bạn cần thực hiện.',
          more: 'Tìm thủ tục',
        };

  return (
    <div className="mc-home">
      <section className="mc-hero">
        <div className="mc-hero__pattern" aria-hidden />
        <div className="mc-container mc-hero__inner">
          <div className="mc-hero__copy">
            <div className="mc-hero__eyebrow">
              <SafetyCertificateOutlined /> Cổng dịch vụ hành chính công{province && !phone ? ` · ${province}` : ''}
            </div>
            <h1 className="mc-hero__title">
              Giải quyết thủ tục hành chính{' '}
              <span className="mc-hero__accent">
                <span className="mc-nowrap">nhanh chóng,</span> <span className="mc-nowrap">công khai,</span>{' '}
                <span className="mc-nowrap">minh bạch</span>
              </span>
            </h1>
            <p className="mc-hero__lead">
              Tra cứu thủ tục, theo dõi tiến độ hồ sơ và nhận kết quả tại Bộ phận Một cửa các cấp
              {province ? ` trên địa bàn ${midSentence(province)}` : ''}.
            </p>
            <div className="mc-hero__search" role="search">
              <label htmlFor="procedure-search" className="mc-hero__search-label">
                Tra cứu thủ tục hành chính
              </label>
              <Input.Search
                id="procedure-search"
                size="large"
                placeholder={phone ? 'Nhập tên thủ tục…' : 'Nhập tên thủ tục, ví dụ: đăng ký khai sinh'}
                enterButton={
                  <>
                    <SearchOutlined /> {phone ? '' : 'Tra cứu'}
                  </>
                }
                aria-label="Tra cứu thủ tục hành chính"
                onSearch={searchProcedures}
              />
              <div className="mc-hero__chips">
                <span>Tìm nhiều:</span>
                {SUGGESTIONS.map((s) => (
                  <Link key={s} to={`${PATHS.procedures}?q=${encodeURIComponent(s)}`} className="mc-chip">
                    {s}
                  </Link>
                ))}
              </div>
            </div>
          </div>
          <div className="mc-hero__aside" id="tra-cuu-ho-so" ref={lookupRef}>
            <Card className="mc-lookup-card" variant="borderless">
              <div className="mc-lookup-card__title">
                <FileSearchOutlined /> Tra cứu hồ sơ
              </div>
              <p className="mc-lookup-card__hint">Theo dõi tình trạng giải quyết hồ sơ bằng mã hồ sơ.</p>
              <DossierLookup onSubmit={lookupDossier} />
            </Card>
          </div>
        </div>
      </section>

      <section className="mc-container mc-services" aria-label="Dịch vụ">
        <Row gutter={[20, 20]}>
          <Col xs={24} md={8}>
            <Link to={PATHS.procedures} className="mc-service">
              <span className="mc-service__icon mc-service__icon--blue">
                <FileTextOutlined />
              </span>
              <span className="mc-service__body">
                <span className="mc-service__title">Thủ tục hành chính</span>
                <span className="mc-service__text">
                  Danh mục thủ tục theo lĩnh vực và cấp thực hiện: thành phần hồ sơ, thời hạn, phí, lệ phí.
                </span>
                <span className="mc-service__more">
                  Xem danh mục <ArrowRightOutlined />
                </span>
              </span>
            </Link>
          </Col>
          <Col xs={24} md={8}>
            <Link to={`${PATHS.home}#tra-cuu-ho-so`} className="mc-service">
              <span className="mc-service__icon mc-service__icon--red">
                <FileSearchOutlined />
              </span>
              <span className="mc-service__body">
                <span className="mc-service__title">Tra cứu hồ sơ</span>
                <span className="mc-service__text">
                  Biết hồ sơ đang được xử lý ở đâu, đã đến bước nào và khi nào có kết quả.
                </span>
                <span className="mc-service__more">
                  Tra cứu ngay <ArrowRightOutlined />
                </span>
              </span>
            </Link>
          </Col>
          <Col xs={24} md={8}>
            <Link to={accountCard.to} className="mc-service">
              <span className="mc-service__icon mc-service__icon--gold">
                <LoginOutlined />
              </span>
              <span className="mc-service__body">
                <span className="mc-service__title">{accountCard.title}</span>
                <span className="mc-service__text">{accountCard.text}</span>
                <span className="mc-service__more">
                  {accountCard.more} <ArrowRightOutlined />
                </span>
              </span>
            </Link>
          </Col>
        </Row>
      </section>

      <section className="mc-container mc-steps" aria-labelledby="steps-title">
        <div className="mc-section-head">
          <h2 id="steps-title">Quy trình giải quyết thủ tục hành chính</h2>
          <p>Một đầu mối tiếp nhận — một quy trình thống nhất — kết quả đúng hẹn.</p>
        </div>
        <ol className="mc-steps__list">
          {STEPS.map((s, i) => (
            <li key={s.title} className="mc-step">
              <span className="mc-step__num">{i + 1}</span>
              <span className="mc-step__icon">{s.icon}</span>
              <h3 className="mc-step__title">{s.title}</h3>
              <p className="mc-step__text">{s.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
