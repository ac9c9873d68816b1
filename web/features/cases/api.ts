import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, apiRequest, compactBody, etagOf, listOf, seg } from '../../lib/api';
import type {
  AttachmentView, CaseFilter, CaseHistoryView, CaseSearchResult, CaseView as CaseRecord, DuplicateCandidate, NoteView, SavedFilterView, StageCountsView,
} from '../../../shared/schemas/cases';

export interface CaseWithEtag {
  record: CaseRecord;
  etag: string;
}

export type StageCounts = StageCountsView;

export type HistoryTransition = CaseHistoryView['transitions'][number];

export type HistoryEvent = CaseHistoryView['events'][number];

export type CaseHistory = CaseHistoryView;

export type CaseNote = NoteView;

export type CaseAttachment = AttachmentView;

export type SavedFilter = SavedFilterView;

export const compactFilter = (filter: CaseFilter): CaseFilter => compactBody(filter);

export const caseKeys = {
  all: ['cases'] as const,
  search: (filter: CaseFilter) => ['cases', 'search', filter] as const,
  stageCounts: (mine: boolean) => ['cases', 'stage-counts', mine] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  history: (id: string) => ['cases', 'detail', id, 'history'] as const,
  notes: (id: string) => ['cases', 'detail', id, 'notes'] as const,
  attachments: (id: string) => ['cases', 'detail', id, 'attachments'] as const,
  savedFilters: ['saved-filters'] as const,
};

export function useCaseSearch(filter: CaseFilter, enabled = true) {
  const body = compactBody(filter);
  return useQuery({
    queryKey: caseKeys.search(body),
    queryFn: ({ signal }) => api.post<CaseSearchResult>('/api/cases/search', body, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStageCounts(mine: boolean, enabled = true) {
  return useQuery({
    queryKey: caseKeys.stageCounts(mine),
    queryFn: () => api.get<StageCounts>(`/api/cases/stage-counts${mine ? '?mine=true' : ''}`),
    enabled,
    retry: false,
  });
}

/** Opening a case (audited): the query the case page reads, and its loader starts early. */
export const caseQuery = (id: string) => ({
  queryKey: caseKeys.detail(id),
  queryFn: async (): Promise<CaseWithEtag> => {
    const { data, etag } = await apiRequest<CaseRecord>('GET', `/api/cases/${seg(id)}`);
    return { record: data, etag: etag ?? etagOf(data.id, data.version) ?? '' };
  },
  // Opening a case is audited: do not re-open it behind the user's back on every focus.
  refetchOnWindowFocus: false,
  retry: false,
});

export function useCase(id: string) {
  return useQuery(caseQuery(id));
}

export function useCaseHistory(id: string) {
  return useQuery({
    queryKey: caseKeys.history(id),
    queryFn: async () => {
      const data = await api.get<Partial<CaseHistory>>(`/api/cases/${seg(id)}/history`);
      return { transitions: data.transitions ?? [], events: data.events ?? [] } as CaseHistory;
    },
    refetchOnWindowFocus: false,
  });
}

export function useCaseNotes(id: string) {
  return useQuery({
    queryKey: caseKeys.notes(id),
    queryFn: async () => listOf<CaseNote>(await api.get(`/api/cases/${seg(id)}/notes`), 'notes'),
  });
}

/** Registers a household; a retry of the same submission sends the same idempotency key. */
export const registerCase = (body: unknown, idempotencyKey: string) =>
  api.create<{ id: string; caseNumber?: string }>('/api/cases', body, { idempotencyKey });

/** A note on a case (sensitive only for those who may write sensitive notes). */
export const addCaseNote = (caseId: string, body: { body: string; sensitive: boolean }) =>
  api.create(`/api/cases/${seg(caseId)}/notes`, body);

export function useCaseAttachments(id: string) {
  return useQuery({
    queryKey: caseKeys.attachments(id),
    queryFn: async () =>
      listOf<CaseAttachment>(await api.get(`/api/cases/${seg(id)}/attachments`), 'attachments'),
  });
}

/**
 * A change to a case answers the updated case and its new ETag: put them in the cache instead of
 * fetching the case again (every GET of a case is audited as an opening).
 */
export async function changeCase(
  method: 'POST' | 'PATCH' | 'PUT',
  path: string,
  body: unknown,
  options: { etag: string | null; idempotencyKey?: string },
): Promise<CaseWithEtag> {
  const { data, etag } = await apiRequest<CaseRecord>(method, path, { body, ...options });
  return { record: data, etag: etag ?? etagOf(data.id, data.version) ?? '' };
}

export function useCaseChanged(id: string) {
  const queryClient = useQueryClient();
  return (result: CaseWithEtag) => {
    queryClient.setQueryData(caseKeys.detail(id), result);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: caseKeys.history(id) }),
      queryClient.invalidateQueries({ queryKey: ['cases', 'search'] }),
      queryClient.invalidateQueries({ queryKey: ['cases', 'stage-counts'] }),
    ]);
  };
}

/** Reload a case and everything shown with it (after a conflict, at the user's request). */
export function useInvalidateCase(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: caseKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: ['cases', 'search'] }),
      queryClient.invalidateQueries({ queryKey: ['cases', 'stage-counts'] }),
    ]);
}

export function useSavedFilters(enabled = true) {
  return useQuery({
    queryKey: caseKeys.savedFilters,
    queryFn: async () => listOf<SavedFilter>(await api.get('/api/saved-filters'), 'filters'),
    enabled,
  });
}

export function useSaveFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; filter: CaseFilter }) =>
      api.create<SavedFilter>('/api/saved-filters', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.savedFilters }),
  });
}

export function useDeleteFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/saved-filters/${seg(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.savedFilters }),
  });
}

export interface DuplicateQuery {
  givenName: string;
  familyName: string;
  otherNames?: string[];
  birthDate?: string;
  nationality?: string;
  originalScriptName?: string;
}

/** What a duplicate check sends; empty optional fields are left out. */
export async function findDuplicates(query: DuplicateQuery, signal?: AbortSignal) {
  const data = await api.post<{ candidates?: DuplicateCandidate[] }>('/api/cases/duplicates', query, {
    signal,
  });
  return data.candidates ?? [];
}

/**
 * A write of a capability's case tab whose answer is the tab's new view with the case's new ETag:
 * the view is stored under `viewKey`, and the case (stage, version, history, files) and the lists
 * that count cases are read again, with any `alsoInvalidate` keys.
 */
export function useCaseTabAction<D, V, T>(
  caseId: string,
  viewKey: QueryKey,
  toView: (data: D, etag: string | null) => V,
  request: (input: T, etag: string) => Promise<{ data: D; etag: string | null }>,
  alsoInvalidate: QueryKey[] = [],
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, etag }: { input: T; etag: string }) => {
      const { data, etag: next } = await request(input, etag);
      return toView(data, next);
    },
    onSuccess: async (result) => {
      queryClient.setQueryData(viewKey, result);
      await Promise.all(
        [caseKeys.detail(caseId), caseKeys.history(caseId), caseKeys.attachments(caseId), ...alsoInvalidate, ['cases', 'search'], ['cases', 'stage-counts']]
          .map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    },
  });
}
