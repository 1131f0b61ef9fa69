import { z } from 'zod';

/** Vietnamese validation messages for the cases people meet most; zod's own vi locale for the rest. */
export function installVietnameseZod(): void {
  z.config(z.locales.vi());
  z.config({
    customError: (iss) => {
      switch (iss.code) {
        case 'invalid_type':
          if (iss.input === undefined) return 'Trường này là bắt buộc.';
          if (iss.input === null) return 'Không được để trống.';
          return `Sai kiểu dữ liệu: cần ${typeName(iss.expected)}.`;
        case 'too_small':
          if (iss.origin === 'string') return Number(iss.minimum) <= 1 ? 'Không được để trống.' : `Phải có ít nhất ${iss.minimum} ký tự.`;
          if (iss.origin === 'array') return `Phải có ít nhất ${iss.minimum} phần tử.`;
          return `Phải lớn hơn hoặc bằng ${iss.minimum}.`;
        case 'too_big':
          if (iss.origin === 'string') return `Không được dài quá ${iss.maximum} ký tự.`;
          if (iss.origin === 'array') return `Không được quá ${iss.maximum} phần tử.`;
          return `Phải nhỏ hơn hoặc bằng ${iss.maximum}.`;
        case 'invalid_format':
          if (iss.format === 'email') return 'Địa chỉ email không hợp lệ.';
          if (iss.format === 'date') return 'Ngày không hợp lệ (định dạng YYYY-MM-DD).';
          if (iss.format === 'datetime') return 'Thời điểm không hợp lệ (ISO 8601).';
          return 'Không đúng định dạng.';
        case 'invalid_value':
          return `Giá trị phải là một trong: ${iss.values.map(String).join(', ')}.`;
        case 'unrecognized_keys':
          return `Trường không được hỗ trợ: ${iss.keys.join(', ')}.`;
        default:
          return undefined;
      }
    },
  });
}

function typeName(t: string): string {
  return (
    { string: 'chuỗi ký tự', number: 'số', int: 'số nguyên', boolean: 'true/false', array: 'danh sách', object: 'đối tượng' } as Record<
      string,
      string
    >
  )[t] ?? t;
}

/** A calendar date YYYY-MM-DD that exists. */
export const zDate = z.iso.date();
