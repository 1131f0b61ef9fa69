// Kiểu dữ liệu và truy vấn của màn hình điều hành và trang thời gian giải quyết.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api';

export interface RateBlock { from: string; to: string; received: number; online: number; resolved: number; onTime: number; late: number; overdue: number }
export interface LateStep { key: string; name: string; count: number; overrunHours: number }
export interface Dashboard {
  asOf: string;
  today: string;
  agency: { id: string; name: string } | null;
  receivedToday: number;
  resolvedToday: number;
  open: number;
  month: RateBlock;
  year: RateBlock;
  overdueByAgency: { key: string; name: string; overdue: number; open: number }[];
  overdueByField: { key: string; name: string; overdue: number; open: number }[];
  weeks: { week: string; received: number; resolved: number }[];
  satisfaction: { total: number; verySatisfied: number; satisfied: number; notSatisfied: number } | null;
  lateSteps: LateStep[];
}

/** Chu kỳ tự cập nhật của màn hình điều hành. */
export const LIVE_INTERVAL_MS = 20_000;

export function useDashboard(agency: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'dashboard', agency ?? ''],
    queryFn: ({ signal }) => api.get<Dashboard>('/reports/dashboard', { agency }, { signal }),
    refetchInterval: LIVE_INTERVAL_MS,
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
  });
}

export interface DurationRow { key: string; name: string; count: number; legalDays: number | null; legalUnit: string | null; medianDays: number | null; p90Days: number | null; lateShare: number }
export interface TimeRow { key: string; name: string; role: string | null; count: number; medianHours: number | null; totalHours: number; quotaHours: number | null; overQuotaShare: number }
export interface Timing {
  from: string;
  to: string;
  finished: number;
  procedures: DurationRow[];
  agencies: DurationRow[];
  steps: TimeRow[];
  roles: TimeRow[];
  officers: TimeRow[];
  lateSteps: { byStep: LateStep[]; byAgency: LateStep[]; dossiers: { id: string; code: string | null; procedureName: string; stepName: string; agencyName: string; overrunHours: number }[] };
}
export interface AtRisk {
  open: number;
  total: number;
  items: { id: string; code: string | null; procedureCode: string; procedureName: string; agencyName: string; currentStep: string | null; dueAt: string; predictedAt: string; marginDays: number; overdue: boolean; paused: boolean }[];
}

export function useTiming(p: { from: string; to: string; agency?: string; procedure?: string } | null) {
  return useQuery({
    queryKey: ['reports', 'timing', p],
    queryFn: ({ signal }) => api.get<Timing>('/reports/timing', { ...p! }, { signal }),
    enabled: !!p,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useAtRisk(p: { agency?: string; procedure?: string }) {
  return useQuery({
    queryKey: ['reports', 'at-risk', p],
    queryFn: ({ signal }) => api.get<AtRisk>('/reports/timing/at-risk', { ...p }, { signal }),
    staleTime: 30_000,
  });
}

export const pct = (part: number, whole: number) =>
  whole > 0 ? `${((part / whole) * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%` : '—';
export const share = (v: number | null) => (v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}%`);
export const num1 = (v: number | null) => (v === null ? '—' : v.toLocaleString('vi-VN', { maximumFractionDigits: 1 }));
