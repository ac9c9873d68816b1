import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api';
import type { AccessLogView, AccessRequestView, BreakGlassGrantView, BreakGlassReportView, PersonLookupView } from '../../../shared/schemas/data-protection';
import type { accessRequestList } from '../../../shared/schemas/data-protection';
import type { z } from 'zod';

type AccessRequestList = z.input<typeof accessRequestList>;
import type { NotificationsView } from '../../../shared/schemas/notifications';

export const dataProtectionKeys = {
  accessLog: (personId: string, page: number) => ['data-protection', 'access-log', personId, page] as const,
  notifications: ['notifications'] as const,
};

/** The persons of a case, by its number (a POST: the number stays out of addresses). */
export const useCaseLookup = () =>
  useMutation({ mutationFn: (caseNumber: string) => api.post<PersonLookupView>('/api/data-protection/case-lookup', { caseNumber }) });

export const useAccessLog = (personId: string | null, page: number) =>
  useQuery({
    queryKey: dataProtectionKeys.accessLog(personId ?? '', page),
    queryFn: () => api.get<AccessLogView>(`/api/persons/${seg(personId!)}/access-log?page=${page}&pageSize=25`),
    enabled: Boolean(personId),
  });

/** Break-glass accesses waiting for review: the officer's items of the notifications. */
export const useBreakGlassToReview = () =>
  useQuery({
    queryKey: dataProtectionKeys.notifications,
    queryFn: () => api.get<NotificationsView>('/api/notifications'),
    select: (view) => view.items.filter((i) => i.kind === 'break_glass'),
  });

export const useReviewBreakGlass = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<null>(`/api/break-glass/${seg(id)}/review`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: dataProtectionKeys.notifications });
      await qc.invalidateQueries({ queryKey: ['data-protection', 'break-glass-report'] });
    },
  });
};

/** The break-glass accesses of the officer's organisation from one day to another (UTC days, both included). */
export const useBreakGlassReport = (period: { from: string; to: string }, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['data-protection', 'break-glass-report', period.from, period.to, page, pageSize] as const,
    queryFn: () => api.get<BreakGlassReportView>(`/api/break-glass?${new URLSearchParams({ from: period.from, to: period.to, page: String(page), pageSize: String(pageSize) })}`),
    enabled: Boolean(period.from && period.to),
    placeholderData: keepPreviousData,
  });

export const useBreakGlass = () =>
  useMutation({
    mutationFn: ({ caseNumber, reason }: { caseNumber: string; reason: string }) =>
      api.post<BreakGlassGrantView>(`/api/cases/${seg(caseNumber)}/break-glass`, { reason }),
  });

/** The access requests about a person: polled every second while one is being gathered. */
export const useAccessRequests = (personId: string | null) =>
  useQuery({
    queryKey: ['data-protection', 'access-requests', personId ?? ''] as const,
    queryFn: () => api.get<AccessRequestList>(`/api/persons/${seg(personId!)}/access-requests`),
    enabled: Boolean(personId),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : false),
  });

export const useStartAccessRequest = (personId: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { language: 'en' | 'fr' | 'es' | 'ar'; reference: string }) =>
      api.post<AccessRequestView>(`/api/persons/${seg(personId)}/access-requests`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['data-protection', 'access-requests', personId] }),
  });
};
