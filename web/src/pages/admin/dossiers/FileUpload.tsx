// Tải tệp (PDF, JPEG, PNG) lên kho tệp để đính kèm hồ sơ; giá trị là danh sách tệp của antd Upload.
import { Button, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api';
import { UPLOAD_ACCEPT, uploadFile, type StoredFile } from './model';

export type UploadValue = UploadFile<StoredFile>[];

interface Props {
  value?: UploadValue;
  onChange?: (v: UploadValue) => void;
  label?: string;
  maxCount?: number;
  size?: 'small' | 'middle';
  disabled?: boolean;
  id?: string;
  'aria-label'?: string;
}

/** Tệp đã tải lên xong → { sha256, name } để gửi kèm thao tác. */
export function uploadedRefs(v: UploadValue | undefined): { sha256: string; name: string }[] {
  return (v ?? [])
    .filter((f) => f.status === 'done' && f.response?.sha256)
    .map((f) => ({ sha256: f.response!.sha256, name: f.response!.name || f.name }));
}

export function isUploading(v: UploadValue | undefined): boolean {
  return (v ?? []).some((f) => f.status === 'uploading');
}

export function FileUpload({ value, onChange, label = 'Đính kèm bản quét', maxCount = 10, size = 'middle', disabled, id, ...rest }: Props) {
  return (
    <Upload<StoredFile>
      fileList={value ?? []}
      accept={UPLOAD_ACCEPT}
      multiple={maxCount > 1}
      maxCount={maxCount}
      disabled={disabled}
      onChange={({ fileList }) => onChange?.(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(file as File).then(
          (stored) => onSuccess?.(stored),
          (e: unknown) => {
            const err = new Error(errorMessage(e));
            onError?.(err);
          },
        );
      }}
      itemRender={(node, file) =>
        file.status === 'error' ? (
          <div className="mc-upload-error" title={file.error?.message}>
            {node}
            <div className="mc-upload-error__msg">{file.error?.message ?? 'Không tải được tệp.'}</div>
          </div>
        ) : (
          node
        )
      }
      className="mc-upload"
    >
      <Button size={size} icon={<PaperClipOutlined />} disabled={disabled} id={id} aria-label={rest['aria-label'] ?? label}>
        {label}
      </Button>
    </Upload>
  );
}
