import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Avatar,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import {
  DeleteOutlined,
  EditOutlined,
  KeyOutlined,
  LockOutlined,
  MailOutlined,
  PhoneOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
  TeamOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { api } from '../../api';
import type { Agency, Grant, Role, User } from '../../types';
import { qk, useAgencies, useRoles, useUsers } from '../../queries';
import { useMe } from '../../auth';
import { AGENCY_REQUIRED_ROLES, AGENCY_SCOPED_ROLES, ROLE_COLORS, ROLE_LABELS, roleLabel } from '../../labels';
import { fmtDateTime, isFuture } from '../../lib/dates';
import { isActive } from '../../lib/agencies';
import { useDebounced, useIsMobile } from '../../lib/hooks';
import { useNotify } from '../../lib/notify';
import { initials } from '../../lib/user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/ErrorState';
import { AgencyTreeSelect } from '../../components/AgencyTreeSelect';

const PHONE_RE = /^(\+84|0)[0-9]{8,10}$/;

function isLocked(u: User): boolean {
  return isFuture(u.lockedUntil);
}

function StatusTag({ user }: { user: User }) {
  if (!user.active) return <Tag color="default">Ngừng hoạt động</Tag>;
  if (isLocked(user))
    return (
      <Tooltip title={`Tạm khóa đến ${fmtDateTime(user.lockedUntil)}`}>
        <Tag color="red" icon={<LockOutlined />}>
          Đang bị khóa
        </Tag>
      </Tooltip>
    );
  return <Tag color="green">Đang hoạt động</Tag>;
}

function GrantTags({ grants, nameOf }: { grants: Grant[]; nameOf: (id: string) => string }) {
  if (!grants.length) return <span className="mc-muted">Chưa phân quyền</span>;
  return (
    <div className="mc-grant-tags">
      {grants.map((g, i) => (
        <Tag key={i} color={ROLE_COLORS[g.role]} className="mc-grant-tag">
          {nameOf(g.role)}
          {g.agencyName ? <span className="mc-grant-tag__at"> @ {g.agencyName}</span> : null}
        </Tag>
      ))}
    </div>
  );
}

/** Mật khẩu ngẫu nhiên 12 ký tự, có chữ hoa, chữ thường, chữ số và ký hiệu. */
function randomPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '@#$%&*?!'];
  const all = sets.join('');
  const rnd = new Uint32Array(16);
  globalThis.crypto.getRandomValues(rnd);
  const chars = sets.map((s, i) => s[rnd[i] % s.length]);
  for (let i = sets.length; i < 12; i++) chars.push(all[rnd[i] % all.length]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = rnd[(i + 4) % rnd.length] % (i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

// ---------------------------------------------------------------------------
// Biểu mẫu người dùng
// ---------------------------------------------------------------------------

interface GrantValue {
  role?: string;
  agencyId?: string | null;
}

interface UserFormValues {
  username: string;
  fullName: string;
  email?: string;
  phone?: string;
  password?: string;
  confirm?: string;
  active?: boolean;
  grants: GrantValue[];
}

const USER_FIELDS = ['username', 'fullName', 'email', 'phone', 'password', 'active', 'grants'];

interface RoleInfo {
  options: { value: string; label: string }[];
  /** Vai trò có thể gắn cơ quan. */
  scoped: (role?: string) => boolean;
  /** Vai trò bắt buộc chọn cơ quan (cán bộ nghiệp vụ). */
  required: (role?: string) => boolean;
  nameOf: (role: string) => string;
}

function useRoleInfo(): RoleInfo {
  const roles = useRoles();
  return useMemo(() => {
    const list: Role[] =
      roles.data ??
      Object.entries(ROLE_LABELS).map(([id, name]) => ({
        id,
        name,
        agencyScoped: AGENCY_SCOPED_ROLES.has(id),
        agencyOptional: !AGENCY_REQUIRED_ROLES.has(id),
      }));
    const map = new Map(list.map((r) => [r.id, r]));
    const scoped = (role?: string) => (role ? (map.get(role)?.agencyScoped ?? AGENCY_SCOPED_ROLES.has(role)) : false);
    return {
      options: list.map((r) => ({ value: r.id, label: r.name })),
      scoped,
      required: (role?: string) => {
        if (!role || !scoped(role)) return false;
        const r = map.get(role);
        return r ? r.agencyOptional !== true : AGENCY_REQUIRED_ROLES.has(role);
      },
      nameOf: (role: string) => map.get(role)?.name ?? roleLabel(role),
    };
  }, [roles.data]);
}

function GrantRow({
  name,
  index,
  onRemove,
  roleInfo,
  agencies,
}: {
  name: number;
  index: number;
  onRemove: () => void;
  roleInfo: RoleInfo;
  agencies: Agency[];
}) {
  const form = Form.useFormInstance<UserFormValues>();
  const role = Form.useWatch(['grants', name, 'role'], form) as string | undefined;
  const scoped = roleInfo.scoped(role);
  const required = roleInfo.required(role);
  return (
    <div className="mc-grant-row">
      <Row gutter={12} align="top">
        <Col xs={24} md={9}>
          <Form.Item
            name={[name, 'role']}
            label={`Vai trò ${index + 1}`}
            rules={[{ required: true, message: 'Chọn vai trò.' }]}
          >
            <Select
              options={roleInfo.options}
              placeholder="Chọn vai trò"
              onChange={(r: string) => {
                if (!roleInfo.scoped(r)) form.setFieldValue(['grants', name, 'agencyId'], null);
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={13}>
          <Form.Item
            name={[name, 'agencyId']}
            label="Tại cơ quan"
            dependencies={[['grants', name, 'role']]}
            required={required}
            rules={[
              {
                validator: (_, v) =>
                  !required || v ? Promise.resolve() : Promise.reject(new Error('Vai trò này cần chọn cơ quan.')),
              },
            ]}
          >
            <AgencyTreeSelect
              agencies={agencies}
              disabled={!scoped}
              placeholder={
                !role ? 'Chọn vai trò trước' : !scoped ? 'Không gắn cơ quan' : required ? 'Chọn cơ quan' : 'Toàn hệ thống (để trống)'
              }
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={2} className="mc-grant-row__remove">
          <Tooltip title="Bỏ vai trò này">
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              onClick={onRemove}
              aria-label={`Bỏ vai trò ${index + 1}`}
            />
          </Tooltip>
        </Col>
      </Row>
    </div>
  );
}

function UserFormDrawer({ user, onClose }: { user?: User; onClose: () => void }) {
  const [form] = Form.useForm<UserFormValues>();
  const qc = useQueryClient();
  const notify = useNotify();
  const mobile = useIsMobile();
  const me = useMe();
  const roleInfo = useRoleInfo();
  const allAgencies = useAgencies('all');
  const activeAgencies = useAgencies('active');
  const [resetPw, setResetPw] = useState(!user);
  const [generated, setGenerated] = useState<string | null>(null);
  const [current, setCurrent] = useState<User | undefined>(user);
  const isEdit = !!user;
  const isSelf = !!user && me.data?.id === user.id;

  // Cơ quan có thể gán: đang hoạt động + cơ quan đã gán sẵn (để hiển thị đúng tên).
  const grantAgencies = useMemo(() => {
    const activeIds = activeAgencies.data ? new Set(activeAgencies.data.map((a) => a.id)) : undefined;
    const keep = new Set((user?.grants ?? []).map((g) => g.agencyId).filter(Boolean) as string[]);
    const src = allAgencies.data ?? activeAgencies.data ?? [];
    return src.filter((a) => isActive(a, activeIds) || keep.has(a.id));
  }, [allAgencies.data, activeAgencies.data, user]);

  const initialValues = useMemo<Partial<UserFormValues>>(
    () =>
      user
        ? {
            username: user.username,
            fullName: user.fullName,
            email: user.email ?? undefined,
            phone: user.phone ?? undefined,
            active: user.active,
            grants: user.grants.map((g) => ({ role: g.role, agencyId: g.agencyId })),
          }
        : { active: true, grants: [{ role: undefined, agencyId: undefined }] },
    [user],
  );

  const save = useMutation({
    mutationFn: async (v: UserFormValues) => {
      const opt = (s?: string) => (s && s.trim() ? s.trim() : null);
      const grants = v.grants.map((g) => ({
        role: g.role!,
        agencyId: roleInfo.scoped(g.role) ? (g.agencyId ?? null) : null,
      }));
      if (!user) {
        return api.post<User>('/users', {
          username: v.username.trim(),
          password: v.password,
          fullName: v.fullName.trim(),
          email: opt(v.email) ?? undefined,
          phone: opt(v.phone) ?? undefined,
          grants,
        });
      }
      const patch: Record<string, unknown> = {};
      if (v.fullName.trim() !== user.fullName) patch.fullName = v.fullName.trim();
      if (opt(v.email) !== user.email) patch.email = opt(v.email);
      if (opt(v.phone) !== user.phone) patch.phone = opt(v.phone);
      if (v.active !== undefined && v.active !== user.active) patch.active = v.active;
      const before = JSON.stringify(user.grants.map((g) => ({ role: g.role, agencyId: g.agencyId ?? null })));
      if (JSON.stringify(grants) !== before) patch.grants = grants;
      if (resetPw && v.password) patch.password = v.password;
      if (Object.keys(patch).length === 0) return user;
      return api.patch<User>(`/users/${user.id}`, patch);
    },
    onSuccess: (u) => {
      notify.success(isEdit ? `Đã cập nhật tài khoản ${u.username}.` : `Đã tạo tài khoản ${u.username}.`);
      void qc.invalidateQueries({ queryKey: qk.usersRoot });
      if (isSelf) void qc.invalidateQueries({ queryKey: ['auth', 'me'] });
      onClose();
    },
    onError: (e) =>
      notify.error(e, { form, fields: USER_FIELDS, codeFields: { DUPLICATE_USERNAME: 'username' } }),
  });

  const unlock = useMutation({
    mutationFn: (id: string) => api.post<User>(`/users/${id}/unlock`),
    onSuccess: (u) => {
      notify.success(`Đã mở khóa tài khoản ${u.username}.`);
      setCurrent(u);
      void qc.invalidateQueries({ queryKey: qk.usersRoot });
    },
    onError: (e) => notify.error(e),
  });

  const generate = () => {
    const pw = randomPassword();
    form.setFieldsValue({ password: pw, confirm: pw });
    void form.validateFields(['password', 'confirm']);
    setGenerated(pw);
  };

  return (
    <Drawer
      open
      onClose={onClose}
      destroyOnHidden
      size={mobile ? '100%' : 720}
      title={isEdit ? `Sửa tài khoản: ${user.fullName}` : 'Thêm người dùng'}
      footer={
        <div className="mc-drawer-footer">
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="form-submit">
            {isEdit ? 'Lưu thay đổi' : 'Tạo tài khoản'}
          </Button>
        </div>
      }
    >
      {current && isLocked(current) && (
        <Alert
          type="error"
          showIcon
          icon={<LockOutlined />}
          style={{ marginBottom: 16 }}
          title={`Tài khoản đang bị tạm khóa đến ${fmtDateTime(current.lockedUntil)}`}
          description="Thường do nhập sai mật khẩu nhiều lần."
          action={
            <Button size="small" icon={<UnlockOutlined />} loading={unlock.isPending} onClick={() => unlock.mutate(current.id)}>
              Mở khóa
            </Button>
          }
        />
      )}
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => save.mutate(v)}
        disabled={save.isPending}
        scrollToFirstError
        autoComplete="off"
      >
        <div className="mc-form-section">Thông tin tài khoản</div>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="username"
              label="Tên đăng nhập"
              rules={
                isEdit
                  ? []
                  : [
                      { required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập.' },
                      {
                        pattern: /^[a-zA-Z0-9._@-]{3,64}$/,
                        message: 'Từ 3 đến 64 ký tự: chữ không dấu, chữ số và các ký tự . _ - @',
                      },
                    ]
              }
              extra={isEdit ? 'Không thay đổi được tên đăng nhập.' : undefined}
            >
              <Input disabled={isEdit} autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="vd: nguyenvana" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="fullName"
              label="Họ và tên"
              rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ và tên.' }]}
            >
              <Input placeholder="vd: Nguyễn Văn An" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label="Thư điện tử" rules={[{ type: 'email', message: 'Địa chỉ thư điện tử không hợp lệ.' }]}>
              <Input prefix={<MailOutlined />} placeholder="vd: an.nv@example.gov.vn" inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="phone"
              label="Số điện thoại"
              normalize={(v: string) => v?.replace(/[\s.]/g, '')}
              rules={[{ pattern: PHONE_RE, message: 'Số điện thoại không hợp lệ (ví dụ 0912345678).' }]}
            >
              <Input prefix={<PhoneOutlined />} placeholder="vd: 0912345678" inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        {isEdit && (
          <Form.Item
            name="active"
            label="Trạng thái"
            valuePropName="checked"
            extra={isSelf ? 'Bạn không thể tự ngừng hoạt động tài khoản của mình.' : 'Tài khoản ngừng hoạt động không đăng nhập được.'}
          >
            <Switch checkedChildren="Hoạt động" unCheckedChildren="Ngừng" disabled={isSelf} />
          </Form.Item>
        )}

        <div className="mc-form-section">
          <span>{isEdit ? 'Mật khẩu' : 'Mật khẩu ban đầu'}</span>
          {isEdit && (
            <Switch
              size="small"
              checked={resetPw}
              onChange={(v) => {
                setResetPw(v);
                setGenerated(null);
                if (!v) form.setFieldsValue({ password: undefined, confirm: undefined });
              }}
              aria-label="Đặt lại mật khẩu"
            />
          )}
          {isEdit && <span className="mc-form-section__hint">Đặt lại mật khẩu</span>}
        </div>
        {resetPw && (
          <>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="password"
                  label={isEdit ? 'Mật khẩu mới' : 'Mật khẩu'}
                  rules={[
                    { required: true, message: 'Vui lòng nhập mật khẩu.' },
                    { min: 8, message: 'Mật khẩu phải có ít nhất 8 ký tự.' },
                    { pattern: /^(?=.*[A-Za-zÀ-ỹ])(?=.*\d)/, message: 'Mật khẩu phải có cả chữ và số.' },
                  ]}
                >
                  <Input.Password autoComplete="new-password" prefix={<KeyOutlined />} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="confirm"
                  label="Nhập lại mật khẩu"
                  dependencies={['password']}
                  rules={[
                    { required: true, message: 'Vui lòng nhập lại mật khẩu.' },
                    ({ getFieldValue }) => ({
                      validator: (_, v) =>
                        !v || v === getFieldValue('password')
                          ? Promise.resolve()
                          : Promise.reject(new Error('Mật khẩu nhập lại không khớp.')),
                    }),
                  ]}
                >
                  <Input.Password autoComplete="new-password" prefix={<KeyOutlined />} />
                </Form.Item>
              </Col>
            </Row>
            <Space wrap style={{ marginBottom: 16 }}>
              <Button icon={<ReloadOutlined />} onClick={generate}>
                Tạo mật khẩu ngẫu nhiên
              </Button>
              {generated && (
                <Typography.Text copyable={{ text: generated, tooltips: ['Sao chép', 'Đã sao chép'] }} className="mc-mono">
                  {generated}
                </Typography.Text>
              )}
            </Space>
            {generated && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title="Hãy ghi lại mật khẩu và chuyển cho người dùng qua kênh an toàn; mật khẩu sẽ không hiển thị lại."
              />
            )}
          </>
        )}

        <div className="mc-form-section">Phân quyền (vai trò tại cơ quan)</div>
        <Form.List
          name="grants"
          rules={[
            {
              validator: async (_, grants?: GrantValue[]) => {
                if (!grants || grants.length === 0) throw new Error('Cần ít nhất một vai trò.');
                const seen = new Set<string>();
                for (const g of grants) {
                  if (!g?.role) continue;
                  const k = `${g.role}@${roleInfo.scoped(g.role) ? (g.agencyId ?? '') : ''}`;
                  if (seen.has(k)) throw new Error('Có vai trò bị lặp lại tại cùng một cơ quan.');
                  seen.add(k);
                }
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <GrantRow
                  key={field.key}
                  name={field.name}
                  index={i}
                  onRemove={() => remove(field.name)}
                  roleInfo={roleInfo}
                  agencies={grantAgencies}
                />
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ role: undefined, agencyId: undefined })}>
                Thêm vai trò
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

// ---------------------------------------------------------------------------
// Trang
// ---------------------------------------------------------------------------

export default function UsersPage() {
  const mobile = useIsMobile();
  const notify = useNotify();
  const qc = useQueryClient();
  const roleInfo = useRoleInfo();
  const agencies = useAgencies('all');
  const [q, setQ] = useState('');
  const [agencyId, setAgencyId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<{ user?: User } | null>(null);
  const debouncedQ = useDebounced(q.trim(), 350);

  const users = useUsers({ q: debouncedQ || undefined, agencyId, page, pageSize });

  const unlock = useMutation({
    mutationFn: (id: string) => api.post<User>(`/users/${id}/unlock`),
    onSuccess: (u) => {
      notify.success(`Đã mở khóa tài khoản ${u.username}.`);
      void qc.invalidateQueries({ queryKey: qk.usersRoot });
    },
    onError: (e) => notify.error(e),
  });

  const columns: TableColumnsType<User> = [
    {
      title: 'Người dùng',
      key: 'user',
      render: (_, u) => (
        <div className="mc-usercell">
          <Avatar size={36} className={`mc-avatar${u.active ? '' : ' mc-avatar--off'}`}>
            {initials(u.fullName)}
          </Avatar>
          <div className="mc-usercell__text">
            <div className="mc-usercell__name">{u.fullName}</div>
            <div className="mc-usercell__username mc-mono">{u.username}</div>
            {mobile && (
              <>
                {(u.email || u.phone) && (
                  <div className="mc-usercell__contact">{[u.email, u.phone].filter(Boolean).join(' · ')}</div>
                )}
                <div style={{ marginTop: 6 }}>
                  <StatusTag user={u} />
                </div>
                <div style={{ marginTop: 6 }}>
                  <GrantTags grants={u.grants} nameOf={roleInfo.nameOf} />
                </div>
              </>
            )}
          </div>
        </div>
      ),
    },
    ...(!mobile
      ? ([
          {
            title: 'Liên hệ',
            key: 'contact',
            width: 230,
            render: (_: unknown, u: User) => (
              <div className="mc-contact">
                {u.email && (
                  <div>
                    <MailOutlined /> {u.email}
                  </div>
                )}
                {u.phone && (
                  <div>
                    <PhoneOutlined /> {u.phone}
                  </div>
                )}
                {!u.email && !u.phone && <span className="mc-muted">—</span>}
              </div>
            ),
          },
          {
            title: 'Vai trò @ Cơ quan',
            key: 'grants',
            render: (_: unknown, u: User) => <GrantTags grants={u.grants} nameOf={roleInfo.nameOf} />,
          },
          {
            title: 'Trạng thái',
            key: 'status',
            width: 150,
            render: (_: unknown, u: User) => <StatusTag user={u} />,
          },
        ] as TableColumnsType<User>)
      : []),
    {
      title: <span className="mc-sr-only">Thao tác</span>,
      key: 'actions',
      width: 96,
      align: 'right',
      render: (_, u) => (
        <Space size={2}>
          {isLocked(u) && (
            <Popconfirm
              title="Mở khóa tài khoản?"
              description={`${u.fullName} sẽ đăng nhập lại được ngay.`}
              okText="Mở khóa"
              cancelText="Hủy"
              onConfirm={() => unlock.mutateAsync(u.id).catch(() => undefined)}
            >
              <Tooltip title="Mở khóa">
                <Button type="text" size="small" icon={<UnlockOutlined />} aria-label={`Mở khóa ${u.username}`} />
              </Tooltip>
            </Popconfirm>
          )}
          <Tooltip title="Sửa">
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              aria-label={`Sửa ${u.username}`}
              onClick={() => setEditing({ user: u })}
            />
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="Người dùng"
        icon={<TeamOutlined />}
        description="Tài khoản cán bộ và phân quyền theo vai trò tại từng cơ quan, đơn vị."
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="user-add">
            Thêm người dùng
          </Button>
        }
      />
      <Card className="mc-card mc-table-card">
        <div className="mc-toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Tìm theo họ tên, tên đăng nhập, email, điện thoại"
            aria-label="Tìm người dùng"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            className="mc-toolbar__search mc-toolbar__search--wide"
          />
          <AgencyTreeSelect
            agencies={agencies.data ?? []}
            value={agencyId}
            onChange={(v) => {
              setAgencyId(v ?? undefined);
              setPage(1);
            }}
            placeholder="Lọc theo cơ quan"
            aria-label="Lọc theo cơ quan"
            className="mc-toolbar__filter"
          />
          <div className="mc-toolbar__spacer" />
          <Tooltip title="Tải lại">
            <Button icon={<ReloadOutlined />} aria-label="Tải lại" onClick={() => users.refetch()} loading={users.isFetching} />
          </Tooltip>
        </div>
        {users.isError ? (
          <ErrorState error={users.error} onRetry={() => users.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isPending || (users.isFetching && users.isPlaceholderData)}
            rowClassName={(u) => (u.active ? '' : 'mc-row-ended')}
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: !mobile,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (t, [a, b]) => (mobile ? `${t} người dùng` : `${a}–${b} trong ${t} người dùng`),
              onChange: (p, s) => {
                if (s !== pageSize) {
                  setPageSize(s);
                  setPage(1);
                } else setPage(p);
              },
              size: mobile ? 'small' : undefined,
            }}
            locale={{ emptyText: q || agencyId ? 'Không tìm thấy người dùng phù hợp.' : 'Chưa có người dùng nào.' }}
          />
        )}
      </Card>
      {editing && <UserFormDrawer key={editing.user?.id ?? 'new'} user={editing.user} onClose={() => setEditing(null)} />}
    </div>
  );
}
