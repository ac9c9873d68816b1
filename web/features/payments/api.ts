import type { z } from 'zod';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, compactBody, seg } from '../../lib/api';
import { caseKeys } from '../cases';
import type { ProviderPage } from '../../../shared/schemas/providers';
import type {
  caseCostView, CasePaymentsView, disbursementBody, DisbursementView, queueView, scheduleBody, scheduleProposal, thresholdBody, thresholdView,
  unsafeLocationBody, unsafeLocationList, UnsafeLocationView,
} from '../../../shared/schemas/payments';

export type CasePayments = CasePaymentsView;
export type PaymentComponent = CasePaymentsView['components'][number];
export type Tranche = PaymentComponent['tranches'][number];
export type Disbursement = DisbursementView;
export type Proposal = z.input<typeof scheduleProposal>;
export type ScheduleInput = z.input<typeof scheduleBody>;
export type DisbursementInput = z.input<typeof disbursementBody>;
export type CaseCost = z.input<typeof caseCostView>;
export type Queue = z.input<typeof queueView>;
export type QueueItem = Queue['items'][number];
export type Threshold = z.input<typeof thresholdView>;
export type ThresholdInput = z.input<typeof thresholdBody>;
export type UnsafeLocation = UnsafeLocationView;
export type UnsafeLocationInput = z.input<typeof unsafeLocationBody>;
export type QueueKind = 'due' | 'awaiting_approval' | 'missing_receipts';

export const paymentKeys = {
  all: ['payments'] as const,
  case: (caseId: string) => ['payments', 'case', caseId] as const,
  cost: (caseId: string) => ['payments', 'cost', caseId] as const,
  proposal: (caseId: string, componentId: string) => ['payments', 'proposal', caseId, componentId] as const,
  queue: (kind: QueueKind, page: number) => ['payments', 'queue', kind, page] as const,
  threshold: (officeId: string) => ['payments', 'threshold', officeId] as const,
  unsafe: (projectId: string) => ['payments', 'unsafe-locations', projectId] as const,
};

const base = (caseId: string) => `/api/cases/${seg(caseId)}`;

export function useCasePayments(caseId: string) {
  return useQuery({ queryKey: paymentKeys.case(caseId), queryFn: ({ signal }) => api.get<CasePayments>(`${base(caseId)}/payments`, { signal }) });
}

export function useCaseCost(caseId: string) {
  return useQuery({ queryKey: paymentKeys.cost(caseId), queryFn: ({ signal }) => api.get<CaseCost>(`${base(caseId)}/cost`, { signal }) });
}

export function useProposal(caseId: string, componentId: string, enabled: boolean) {
  return useQuery({
    queryKey: paymentKeys.proposal(caseId, componentId),
    queryFn: ({ signal }) => api.get<Proposal>(`${base(caseId)}/components/${seg(componentId)}/tranche-proposal`, { signal }),
    enabled,
  });
}

/** A write of the payments section: afterwards the case's payments, its cost, its plan (delivery), the case with its files (a receipt uploaded) and the queues are read again. */
export function usePaymentAction<T, R>(caseId: string, request: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: paymentKeys.case(caseId) }),
        client.invalidateQueries({ queryKey: paymentKeys.cost(caseId) }),
        client.invalidateQueries({ queryKey: ['payments', 'queue'] }),
        client.invalidateQueries({ queryKey: ['reintegration', 'plan', caseId] }),
        client.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
      ]);
    },
  });
}

export const paymentRequests = {
  schedule: (caseId: string) => (input: { componentId: string; body: ScheduleInput }) =>
    apiRequest<CasePayments>('PUT', `${base(caseId)}/components/${seg(input.componentId)}/tranches`, { body: input.body }).then((r) => r.data),
  conditionMet: (caseId: string) => (input: { trancheId: string; conditionId: string; note: string }) =>
    api.post<CasePayments>(`${base(caseId)}/tranches/${seg(input.trancheId)}/conditions/${seg(input.conditionId)}/met`, compactBody({ note: input.note })),
  release: (caseId: string) => (input: { trancheId: string }) =>
    api.post<CasePayments>(`${base(caseId)}/tranches/${seg(input.trancheId)}/release`),
  /** One Idempotency-Key per opened form: a double click or a retry of the same form never pays twice. */
  record: (caseId: string) => (input: { key: string; body: DisbursementInput }) =>
    api.post<Disbursement>(`${base(caseId)}/disbursements`, input.body, { idempotencyKey: input.key }),
  approve: (caseId: string) => (input: { disbursementId: string }) =>
    api.post<Disbursement>(`${base(caseId)}/disbursements/${seg(input.disbursementId)}/approve`),
  reject: (caseId: string) => (input: { disbursementId: string; reason: string }) =>
    api.post<Disbursement>(`${base(caseId)}/disbursements/${seg(input.disbursementId)}/reject`, { reason: input.reason }),
  receipt: (caseId: string) => (input: { disbursementId: string; attachmentId: string }) =>
    api.post<Disbursement>(`${base(caseId)}/disbursements/${seg(input.disbursementId)}/receipts`, { attachmentId: input.attachmentId }),
  waive: (caseId: string) => (input: { disbursementId: string; reason: string }) =>
    api.post<Disbursement>(`${base(caseId)}/disbursements/${seg(input.disbursementId)}/waive`, { reason: input.reason }),
  reverse: (caseId: string) => (input: { disbursementId: string; reason: string }) =>
    api.post<Disbursement>(`${base(caseId)}/disbursements/${seg(input.disbursementId)}/reverse`, { reason: input.reason }),
  unsafeArea: (caseId: string) => (input: { unsafe: boolean; reason?: string }) =>
    apiRequest<CasePayments>('PUT', `${base(caseId)}/unsafe-area`, { body: input }).then((r) => r.data),
};

/** Uploads a receipt as an attachment of the case and answers its id. */
export async function uploadReceipt(caseId: string, file: File, description: string): Promise<string> {
  const form = new FormData();
  form.append('description', description);
  form.append('file', file, file.name);
  const created = await api.create<{ id: string }>(`${base(caseId)}/attachments`, form);
  return created.id;
}

/** Usable (vetted) providers of the registry, by name: who a payment may go to. */
export function useProviderOptions(name: string) {
  const body = compactBody({ status: 'vetted', name: name.trim() || undefined, sort: 'name', pageSize: 100 });
  return useQuery({
    queryKey: ['payments', 'providers', body],
    queryFn: ({ signal }) => api.post<ProviderPage>('/api/providers/search', body, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useQueue(kind: QueueKind, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...paymentKeys.queue(kind, page), pageSize],
    queryFn: ({ signal }) => api.get<Queue>(`/api/disbursements/queue?kind=${seg(kind)}&page=${page}&pageSize=${pageSize}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useThreshold(officeId: string | null) {
  return useQuery({
    queryKey: paymentKeys.threshold(officeId ?? ''),
    queryFn: ({ signal }) => api.get<Threshold>(`/api/offices/${seg(officeId!)}/disbursement-threshold`, { signal }),
    enabled: Boolean(officeId),
  });
}

export function useSetThreshold(officeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ThresholdInput) => apiRequest<Threshold>('PUT', `/api/offices/${seg(officeId)}/disbursement-threshold`, { body: input }).then((r) => r.data),
    onSuccess: (data) => client.setQueryData(paymentKeys.threshold(officeId), data),
  });
}

export function useUnsafeLocations(projectId: string) {
  return useQuery({
    queryKey: paymentKeys.unsafe(projectId),
    queryFn: ({ signal }) => api.get<z.input<typeof unsafeLocationList>>(`/api/projects/${seg(projectId)}/unsafe-locations`, { signal }).then((d) => d.items),
  });
}

export function useUnsafeLocationActions(projectId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: paymentKeys.unsafe(projectId) });
  const add = useMutation({
    mutationFn: (input: UnsafeLocationInput) => api.create<UnsafeLocation>(`/api/projects/${seg(projectId)}/unsafe-locations`, input),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (locationId: string) => api.delete(`/api/projects/${seg(projectId)}/unsafe-locations/${seg(locationId)}`),
    onSuccess: refresh,
  });
  return { add, remove };
}
