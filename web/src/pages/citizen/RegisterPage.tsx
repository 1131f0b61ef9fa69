// Đăng ký tài khoản công dân (/dang-ky): một tài khoản cho mỗi số định danh; đăng nhập ngay sau khi đăng ký
// và quay lại trang đang làm (?next=, ví dụ trang nộp hồ sơ trực tuyến).
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input } from 'antd';
import {
  ArrowLeftOutlined,
  CloudUploadOutlined,
  IdcardOutlined,
  LockOutlined,
  MailOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  StarOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { api, ApiError, applyFormErrors, errorMessage } from '../../api';
import { ME_KEY, safeNext, useMe } from '../../auth';
import { usePublicInfo } from '../../queries';
import { PATHS } from '../../paths';
import type { User } from '../../types';
import { Brand, SITE_SUBTITLE } from '../../components/Brand';
import { Emblem } from '../../components/Emblem';
import { PageLoading } from '../../components/PageLoading';
import { useDocumentTitle } from '../../lib/hooks';
import './citizen.css';

interface Values {
  fullName: string;
  idNumber: string;
  phone: string;
  email?: string;
  username: string;
  password: string;
  confirm: string;
  pledge: boolean;
}

const FIELDS = ['fullName', 'idNumber', 'phone', 'email', 'username', 'password'];

export default function RegisterPage() {
  useDocumentTitle('Đăng ký tài khoản');
  const me = useMe();
  const info = usePublicInfo();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const next = params.get('next');
  const register = useMutation({
    mutationFn: (v: Omit<Values, 'confirm' | 'pledge'>) => api.post<{ token: string; user: User }>('/auth/register', v, { skipAuthRedirect: true }),
    onSuccess: (res) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'public-info' });
      qc.setQueryData(ME_KEY, res.user);
    },
  });

  if (me.isPending) return <PageLoading full />;
  if (me.data && !register.isPending && !register.isSuccess) return <Navigate to={safeNext(next, me.data)} replace />;

  const onFinish = (v: Values) => {
    register.mutate(
      {
        fullName: v.fullName.trim(),
        idNumber: v.idNumber.replace(/\s/g, ''),
        phone: v.phone.trim(),
        email: v.email?.trim() || undefined,
        username: v.username.trim().toLowerCase(),
        password: v.password,
      },
      {
        onSuccess: (res) => navigate(safeNext(next ?? PATHS.myDossiers, res.user), { replace: true }),
        onError: (e) => applyFormErrors(form, e, FIELDS, { DUPLICATE_USERNAME: 'username', DUPLICATE_ID_NUMBER: 'idNumber' }),
      },
    );
  };

  const err = register.error;
  const fieldCode = err instanceof ApiError && ['DUPLICATE_USERNAME', 'DUPLICATE_ID_NUMBER', 'VALIDATION_ERROR'].includes(err.code);
  const loginHref = next ? `${PATHS.login}?next=${encodeURIComponent(next)}` : PATHS.login;

  return (
    <div className="mc-login">
      <aside className="mc-login__panel">
        <div className="mc-hero__pattern" aria-hidden />
        <div className="mc-login__panel-inner">
          <Brand size={52} />
          <div className="mc-login__welcome">
            <h1>Tài khoản công dân, doanh nghiệp</h1>
            <p>
              {SITE_SUBTITLE}
              {info.data?.provinceName ? ` — ${info.data.provinceName}` : ''}.
            </p>
            <ul className="mc-login__points">
              <li>
                <CloudUploadOutlined /> Nộp hồ sơ thủ tục hành chính trực tuyến, không phải đến trụ sở
              </li>
              <li>
                <SearchOutlined /> Theo dõi tiến độ, nhận yêu cầu bổ sung và gửi bổ sung ngay trên mạng
              </li>
              <li>
                <StarOutlined /> Đánh giá mức độ hài lòng về việc giải quyết hồ sơ
              </li>
            </ul>
          </div>
          <div className="mc-login__panel-foot">{info.data?.siteName ?? 'motcua'}</div>
        </div>
      </aside>
      <main className="mc-login__main">
        <Link to={PATHS.home} className="mc-login__mobile-brand" aria-label={`motcua — ${SITE_SUBTITLE}`}>
          <Emblem size={56} />
          <span className="mc-login__mobile-name">motcua</span>
          <span className="mc-login__mobile-subtitle">{SITE_SUBTITLE}</span>
        </Link>
        <div className="mc-login__card mc-cz-register">
          <h2 className="mc-login__title">Đăng ký tài khoản</h2>
          <p className="mc-login__subtitle">Dành cho công dân, doanh nghiệp. Mỗi số định danh cá nhân đăng ký một tài khoản.</p>
          {err && (
            <Alert
              type={err instanceof ApiError && err.status === 429 ? 'warning' : 'error'}
              showIcon
              className="mc-login__alert"
              title={fieldCode ? 'Vui lòng kiểm tra lại thông tin' : 'Không đăng ký được'}
              description={errorMessage(err)}
              role="alert"
              data-testid="register-error"
            />
          )}
          <Form<Values> form={form} layout="vertical" requiredMark={false} size="large" onFinish={onFinish} disabled={register.isPending} autoComplete="on">
            <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ và tên.' }, { min: 2, max: 200, message: 'Họ và tên từ 2 đến 200 ký tự.' }]}>
              <Input prefix={<UserOutlined />} autoComplete="name" placeholder="Như trên căn cước" data-testid="register-fullName" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label="Số định danh cá nhân (số căn cước)"
              normalize={(v?: string) => v?.replace(/[^\d-]/g, '')}
              rules={[
                { required: true, message: 'Vui lòng nhập số định danh cá nhân.' },
                { pattern: /^(\d{12}|\d{10}|\d{10}-\d{3})$/, message: 'Số định danh cá nhân gồm 12 chữ số (hoặc mã số doanh nghiệp 10 chữ số).' },
              ]}
            >
              <Input prefix={<IdcardOutlined />} inputMode="numeric" maxLength={14} className="mc-mono" placeholder="12 chữ số" data-testid="register-idNumber" />
            </Form.Item>
            <Form.Item
              name="phone"
              label="Số điện thoại"
              rules={[
                { required: true, whitespace: true, message: 'Vui lòng nhập số điện thoại.' },
                {
                  validator: (_, v?: string) =>
                    !v || /^(\+84|0)\d{8,10}$/.test(v.replace(/[\s.-]/g, '')) ? Promise.resolve() : Promise.reject(new Error('Số điện thoại không hợp lệ (ví dụ 0912 345 678).')),
                },
              ]}
            >
              <Input prefix={<PhoneOutlined />} inputMode="tel" autoComplete="tel" maxLength={20} data-testid="register-phone" />
            </Form.Item>
            <Form.Item name="email" label="Thư điện tử (không bắt buộc)" rules={[{ type: 'email', message: 'Địa chỉ thư điện tử không hợp lệ.' }]}>
              <Input prefix={<MailOutlined />} inputMode="email" autoComplete="email" maxLength={200} />
            </Form.Item>
            <Form.Item
              name="username"
              label="Tên đăng nhập"
              normalize={(v?: string) => v?.toLowerCase()}
              extra="3–64 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang."
              rules={[
                { required: true, whitespace: true, message: 'Vui lòng chọn tên đăng nhập.' },
                { pattern: /^[a-z0-9._-]{3,64}$/, message: 'Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.' },
              ]}
            >
              <Input prefix={<UserOutlined />} autoCapitalize="none" spellCheck={false} autoComplete="username" data-testid="register-username" />
            </Form.Item>
            <Form.Item
              name="password"
              label="Mật khẩu"
              extra="Ít nhất 8 ký tự, có cả chữ và số."
              rules={[
                { required: true, message: 'Vui lòng đặt mật khẩu.' },
                { min: 8, message: 'Mật khẩu phải có ít nhất 8 ký tự.' },
                { pattern: /(?=.*[A-Za-zÀ-ỹ])(?=.*\d)/, message: 'Mật khẩu phải có cả chữ và số.' },
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="register-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="Nhập lại mật khẩu"
              dependencies={['password']}
              rules={[
                { required: true, message: 'Vui lòng nhập lại mật khẩu.' },
                ({ getFieldValue }) => ({
                  validator: (_, v) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('Mật khẩu nhập lại không khớp.'))),
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" data-testid="register-confirm" />
            </Form.Item>
            <Form.Item
              name="pledge"
              valuePropName="checked"
              rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('Vui lòng xác nhận để đăng ký.'))) }]}
            >
              <Checkbox data-testid="register-pledge">
                Tôi cam đoan thông tin đăng ký là của tôi và đúng sự thật; tôi đồng ý để cơ quan nhà nước dùng các thông tin này để giải quyết hồ sơ của tôi.
              </Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={register.isPending} className="mc-login__submit" icon={<SafetyCertificateOutlined />} data-testid="register-submit">
              Đăng ký và đăng nhập
            </Button>
          </Form>
          <div className="mc-login__help">
            Đã có tài khoản? <Link to={loginHref}>Đăng nhập</Link>
          </div>
          <Link to={PATHS.home} className="mc-login__back">
            <ArrowLeftOutlined /> Về trang chủ
          </Link>
        </div>
      </main>
    </div>
  );
}
