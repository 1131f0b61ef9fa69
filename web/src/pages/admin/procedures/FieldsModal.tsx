import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Table, Tooltip, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { matches } from '../../../lib/text';
import { useNotify } from '../../../lib/notify';
import { pk, useFields, type Field } from './model';

interface FieldForm {
  code: string;
  name: string;
}

/** Thêm lĩnh vực (hoặc đổi tên khi có `field`). */
export function FieldFormModal({ open, field, onClose, onSaved }: { open: boolean; field?: Field; onClose: () => void; onSaved?: (f: Field) => void }) {
  const [form] = Form.useForm<FieldForm>();
  const qc = useQueryClient();
  const notify = useNotify();
  const save = useMutation({
    mutationFn: (v: FieldForm) =>
      field ? api.put<Field>(`/fields/${encodeURIComponent(field.code)}`, { name: v.name.trim() }) : api.post<Field>('/fields', { code: v.code.trim(), name: v.name.trim() }),
    onSuccess: (f) => {
      notify.success(field ? `Đã đổi tên lĩnh vực thành "${f.name}".` : `Đã thêm lĩnh vực "${f.name}".`);
      void qc.invalidateQueries({ queryKey: pk.fields });
      void qc.invalidateQueries({ queryKey: pk.adminRoot });
      form.resetFields();
      onSaved?.(f);
    },
    onError: (e) => notify.error(e, { form, fields: ['code', 'name'], codeFields: { DUPLICATE_CODE: 'code' } }),
  });
  return (
    <Modal
      open={open}
      title={field ? 'Đổi tên lĩnh vực' : 'Thêm lĩnh vực'}
      okText={field ? 'Lưu' : 'Thêm lĩnh vực'}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<FieldForm>
        form={form}
        layout="vertical"
        initialValues={field ? { code: field.code, name: field.name } : undefined}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
      >
        <Form.Item
          name="code"
          label="Mã lĩnh vực"
          rules={[
            { required: true, whitespace: true, message: 'Nhập mã lĩnh vực.' },
            { max: 40, message: 'Tối đa 40 ký tự.' },
          ]}
          extra={field ? 'Không đổi được mã.' : 'Theo Cơ sở dữ liệu quốc gia về TTHC nếu có, ví dụ TIN_NGUONG.'}
        >
          <Input disabled={!!field} className="mc-mono" maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="Tên lĩnh vực" rules={[{ required: true, whitespace: true, min: 2, message: 'Nhập tên lĩnh vực (ít nhất 2 ký tự).' }]}>
          <Input maxLength={300} placeholder="Ví dụ: Tín ngưỡng, tôn giáo" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Danh sách lĩnh vực: thêm, đổi tên. */
export function FieldsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const fields = useFields();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<{ field?: Field } | null>(null);
  const rows = (fields.data ?? []).filter((f) => matches(q, f.name, f.code));
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="Lĩnh vực thủ tục hành chính" width={720} destroyOnHidden>
      <div className="mc-proc-fields__bar">
        <Input.Search allowClear placeholder="Tìm lĩnh vực (không cần dấu)" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Tìm lĩnh vực" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
          Thêm lĩnh vực
        </Button>
      </div>
      <Table<Field>
        rowKey="code"
        size="small"
        loading={fields.isPending}
        dataSource={rows}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 170, render: (c: string) => <Typography.Text className="mc-mono">{c}</Typography.Text> },
          { title: 'Tên lĩnh vực', dataIndex: 'name' },
          { title: 'Đang công bố', dataIndex: 'count', width: 110, align: 'right' },
          {
            key: 'a',
            width: 48,
            render: (_, f) => (
              <Tooltip title="Đổi tên">
                <Button type="text" size="small" icon={<EditOutlined />} aria-label={`Đổi tên lĩnh vực ${f.name}`} onClick={() => setEditing({ field: f })} />
              </Tooltip>
            ),
          },
        ]}
        locale={{ emptyText: 'Không có lĩnh vực phù hợp.' }}
      />
      <FieldFormModal key={editing?.field?.code ?? 'new'} open={!!editing} field={editing?.field} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
    </Modal>
  );
}
