// Hộp thư đi: thư điện tử và tin nhắn gửi công dân (trang quản trị).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type OutboxChannel = 'email' | 'sms';

export interface OutboxMessage {
  id: number;
  channel: OutboxChannel;
  recipient: string;
  subject: string | null;
  body: string;
  smsText: string | null;
  html: string | null;
  template: string;
  templateName: string;
  dossier: { id: string; code: string | null } | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxPage {
  items: OutboxMessage[];
  total: number;
  counts: Record<OutboxStatus, number>;
  delivery: { email: 'smtp' | 'off'; sms: 'log' | 'http' };
}

export interface OutboxParams {
  status?: OutboxStatus;
  channel?: OutboxChannel;
  q?: string;
  page: number;
  pageSize: number;
}

/** Số lần gửi tối đa trước khi đánh dấu "không thành công". */
export const MAX_ATTEMPTS = 6;

export const STATUS_META: Record<OutboxStatus, { label: string; color: string; hint: string }> = {
  pending: { label: 'Chờ gửi', color: 'gold', hint: 'Trong hàng chờ hoặc đang chờ gửi lại' },
  sending: { label: 'Đang gửi', color: 'blue', hint: 'Đang được gửi đi' },
  sent: { label: 'Đã gửi', color: 'green', hint: 'Máy chủ thư hoặc cổng tin nhắn đã nhận' },
  failed: { label: 'Không thành công', color: 'red', hint: 'Đã thử 6 lần hoặc bị từ chối; có thể gửi lại' },
};

export const CHANNEL_LABELS: Record<OutboxChannel, string> = { email: 'Thư điện tử', sms: 'Tin nhắn SMS' };

const root = ['notifications', 'outbox'] as const;

export function useOutbox(p: OutboxParams) {
  return useQuery({
    queryKey: [...root, p],
    queryFn: ({ signal }) => api.get<OutboxPage>('/notifications/outbox', { ...p }, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useRetryMessage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<OutboxMessage>(`/notifications/outbox/${id}/retry`, {}),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: root });
    },
  });
}
