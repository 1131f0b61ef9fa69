import { App } from 'antd';
import { useCallback } from 'react';
import { applyFormErrors, errorMessage } from '../api';

interface FormLike {
  // Tương thích với FormInstance<T> của antd với mọi T.
  setFields: (fields: any[]) => void;
}

interface ErrorOptions {
  form?: FormLike;
  /** Tên trường cấp cao nhất của biểu mẫu để gắn lỗi VALIDATION_ERROR. */
  fields?: string[];
  /** Mã lỗi → trường (ví dụ { DUPLICATE_CODE: 'code' }). */
  codeFields?: Record<string, string>;
}

/** Hiển thị lỗi API cho người dùng: thông báo + gắn lỗi vào trường biểu mẫu khi có. */
export function useNotify() {
  const { message, notification } = App.useApp();

  const error = useCallback(
    (e: unknown, opts: ErrorOptions = {}) => {
      const text = errorMessage(e);
      if (opts.form) {
        const { applied, unmatched } = applyFormErrors(opts.form, e, opts.fields ?? [], opts.codeFields);
        if (unmatched.length) {
          notification.error({
            title: text,
            description: (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {unmatched.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            ),
          });
          return;
        }
        if (applied) {
          message.error(text);
          return;
        }
      }
      message.error(text);
    },
    [message, notification],
  );

  const success = useCallback((text: string) => message.success(text), [message]);

  return { error, success, message, notification };
}
