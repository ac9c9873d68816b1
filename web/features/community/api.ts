import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, compactBody, etagOf, seg } from '../../lib/api';
import type { CaseSearchResult, CaseView } from '../../../shared/schemas/cases';
import type {
  CommunityProjectPage, CommunityProjectView, CommunitySearchInput, CommunityStatus, Completion, SessionInput, TrainingInput, TrainingListInput, TrainingPage, TrainingView,
} from '../../../shared/schemas/community';
import type { CommunityDisbursementInput, CommunityDisbursementList, CommunityDisbursementView } from '../../../shared/schemas/payments';
import type { ProviderPage } from '../../../shared/schemas/providers';

export {
  COMMUNITY_STATUSES, COMMUNITY_TRANSITIONS, COMPLETIONS, TRAINING_KINDS, communityProjectBody, sessionBody, trainingBody,
} from '../../../shared/schemas/community';
export type { CommunityProjectView, TrainingView, CommunityStatus, Completion };

export const communityKeys = {
  all: ['community'] as const,
  projects: (search: unknown) => ['community', 'projects', search] as const,
  project: (id: string) => ['community', 'project', id] as const,
  trainings: (search: unknown) => ['community', 'trainings', search] as const,
  training: (id: string) => ['community', 'training', id] as const,
  providers: ['community', 'providers'] as const,
  cases: (q: string) => ['community', 'cases', q] as const,
  caseMembers: (id: string) => ['community', 'case', id] as const,
};

const etag = (p: { id: string; version: number }) => etagOf(p.id, p.version);

export const useCommunityProjects = (search: Partial<CommunitySearchInput>) => {
  const body = compactBody(search);
  return useQuery({
    queryKey: communityKeys.projects(body),
    queryFn: ({ signal }) => api.post<CommunityProjectPage>('/api/community-projects/search', body, { signal }),
    placeholderData: keepPreviousData,
  });
};

export const useCommunityProject = (id: string | null) =>
  useQuery({ queryKey: communityKeys.project(id ?? ''), queryFn: ({ signal }) => api.get<CommunityProjectView>(`/api/community-projects/${seg(id!)}`, { signal }), enabled: !!id });

export const saveCommunityProject = (project: CommunityProjectView | null, body: unknown) =>
  project
    ? apiRequest<CommunityProjectView>('PUT', `/api/community-projects/${seg(project.id)}`, { body, etag: etag(project) }).then((r) => r.data)
    : api.create<CommunityProjectView>('/api/community-projects', body);

export const changeCommunityStatus = (project: CommunityProjectView, status: CommunityStatus, reason?: string) =>
  apiRequest<CommunityProjectView>('POST', `/api/community-projects/${seg(project.id)}/status`, { body: { status, ...(reason ? { reason } : {}) }, etag: etag(project) }).then((r) => r.data);

export const linkReturnee = (projectId: string, caseId: string) => api.create<CommunityProjectView>(`/api/community-projects/${seg(projectId)}/returnees`, { caseId });
export const unlinkReturnee = (projectId: string, caseId: string) => api.delete<CommunityProjectView>(`/api/community-projects/${seg(projectId)}/returnees/${seg(caseId)}`);

export const useTrainings = (search: Partial<TrainingListInput>) => {
  const body = compactBody(search);
  return useQuery({
    queryKey: communityKeys.trainings(body),
    queryFn: ({ signal }) => api.post<TrainingPage>('/api/group-trainings/search', body, { signal }),
    placeholderData: keepPreviousData,
  });
};

export const useTraining = (id: string | null) =>
  useQuery({ queryKey: communityKeys.training(id ?? ''), queryFn: ({ signal }) => api.get<TrainingView>(`/api/group-trainings/${seg(id!)}`, { signal }), enabled: !!id });

export const saveTraining = (training: TrainingView | null, body: TrainingInput) =>
  training
    ? apiRequest<TrainingView>('PUT', `/api/group-trainings/${seg(training.id)}`, { body, etag: etag(training) }).then((r) => r.data)
    : api.create<TrainingView>('/api/group-trainings', body);

export const saveSession = (trainingId: string, sessionId: string | null, body: SessionInput) =>
  sessionId
    ? apiRequest<TrainingView>('PUT', `/api/group-trainings/${seg(trainingId)}/sessions/${seg(sessionId)}`, { body }).then((r) => r.data)
    : api.create<TrainingView>(`/api/group-trainings/${seg(trainingId)}/sessions`, body);

export const enrol = (trainingId: string, caseId: string, personId: string) => api.create<TrainingView>(`/api/group-trainings/${seg(trainingId)}/participants`, { caseId, personId });
export const unenrol = (trainingId: string, personId: string) => api.delete<TrainingView>(`/api/group-trainings/${seg(trainingId)}/participants/${seg(personId)}`);

export const recordAttendance = (trainingId: string, sessionId: string, attendance: { personId: string; present: boolean }[]) =>
  apiRequest<TrainingView>('PUT', `/api/group-trainings/${seg(trainingId)}/sessions/${seg(sessionId)}/attendance`, { body: { attendance } }).then((r) => r.data);

export const setCompletion = (trainingId: string, personId: string, completion: Completion) =>
  apiRequest<TrainingView>('PUT', `/api/group-trainings/${seg(trainingId)}/participants/${seg(personId)}/completion`, { body: { completion } }).then((r) => r.data);

/** Vetted providers of the user's registry, to give a training. */
export const useUsableProviders = () =>
  useQuery({ queryKey: communityKeys.providers, queryFn: ({ signal }) => api.post<ProviderPage>('/api/providers/search', { status: 'vetted', pageSize: 200 }, { signal }) });

/** Cases found by number or name (the cases search), to link or enrol a returnee. */
export const searchCases = (q: string) => api.post<CaseSearchResult>('/api/cases/search', { q, pageSize: 10 });

/** The household of a case, to choose the person enrolled. */
export const useCaseMembers = (caseId: string | null) =>
  useQuery({ queryKey: communityKeys.caseMembers(caseId ?? ''), queryFn: ({ signal }) => api.get<CaseView>(`/api/cases/${seg(caseId!)}`, { signal }), enabled: !!caseId });

/** The AVRR projects a community project may belong to. */
export const useAvrrProjects = () =>
  useQuery({ queryKey: ['community', 'avrr-projects'] as const, queryFn: ({ signal }) => api.get<{ items: { id: string; code: string; name: string }[] }>('/api/projects', { signal }) });

/** A community project's payments (read with `community.manage`, `disbursement.record` or `disbursement.approve`). */
export const useCommunityDisbursements = (id: string) =>
  useQuery({
    queryKey: ['community', 'project', id, 'disbursements'] as const,
    queryFn: ({ signal }) => api.get<CommunityDisbursementList>(`/api/community-projects/${seg(id)}/disbursements`, { signal }),
  });

const disbursementsPath = (projectId: string) => `/api/community-projects/${seg(projectId)}/disbursements`;
const oneDisbursement = (projectId: string, id: string) => `${disbursementsPath(projectId)}/${seg(id)}`;

/** The actions on a community project's payments; each refreshes the project's payments. */
export const communityPaymentRequests = {
  /** One Idempotency-Key per opened form: a double click or a retry never pays twice. */
  record: (projectId: string) => (input: { key: string; body: CommunityDisbursementInput }) =>
    api.post<CommunityDisbursementView>(disbursementsPath(projectId), input.body, { idempotencyKey: input.key }),
  approve: (projectId: string) => (input: { disbursementId: string }) => api.post<CommunityDisbursementView>(`${oneDisbursement(projectId, input.disbursementId)}/approve`),
  reject: (projectId: string) => (input: { disbursementId: string; reason: string }) =>
    api.post<CommunityDisbursementView>(`${oneDisbursement(projectId, input.disbursementId)}/reject`, { reason: input.reason }),
  waive: (projectId: string) => (input: { disbursementId: string; reason: string }) =>
    api.post<CommunityDisbursementView>(`${oneDisbursement(projectId, input.disbursementId)}/waive`, { reason: input.reason }),
  reverse: (projectId: string) => (input: { disbursementId: string; reason: string }) =>
    api.post<CommunityDisbursementView>(`${oneDisbursement(projectId, input.disbursementId)}/reverse`, { reason: input.reason }),
  receipt: (projectId: string) => (input: { disbursementId: string; file: File }) => {
    const form = new FormData();
    form.append('file', input.file, input.file.name);
    return api.create<CommunityDisbursementView>(`${oneDisbursement(projectId, input.disbursementId)}/receipts`, form);
  },
};

export function useCommunityPaymentAction<T, R>(projectId: string, request: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['community', 'project', projectId, 'disbursements'] }),
        client.invalidateQueries({ queryKey: ['payments'] }),
      ]);
    },
  });
}

