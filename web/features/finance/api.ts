import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProjectView } from '../../../shared/schemas/eligibility';
import type { BudgetLineView, ProjectBudgetView, RateImported, RateList, RateView } from '../../../shared/schemas/finance';
import { api, apiRequest, etagOf, listOf, seg } from '../../lib/api';

export const financeKeys = {
  rates: ['finance', 'rates'] as const,
  rateList: (query: RateQuery) => ['finance', 'rates', query] as const,
  projects: ['finance', 'projects'] as const,
  budget: (projectId: string) => ['finance', 'budget', projectId] as const,
};

export interface RateQuery {
  currency?: string;
  sort: 'effectiveFrom' | 'currency' | 'enteredAt';
  direction: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export function useRates(query: RateQuery) {
  const params = new URLSearchParams({ sort: query.sort, direction: query.direction, page: String(query.page), pageSize: String(query.pageSize) });
  if (query.currency) params.set('currency', query.currency);
  return useQuery({
    queryKey: financeKeys.rateList(query),
    queryFn: () => api.get<RateList>(`/api/exchange-rates?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
}

export const enterRate = (body: unknown) => api.create<RateView>('/api/exchange-rates', body);

/** Sends a rates file (multipart field "file"): all its rows are added, or none. */
export function importRates(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.create<RateImported>('/api/exchange-rates/import', form);
}

export function useFinanceProjects() {
  return useQuery({
    queryKey: financeKeys.projects,
    queryFn: async () => listOf<ProjectView>(await api.get('/api/projects')),
  });
}

export function useProjectBudget(projectId: string | null) {
  return useQuery({
    queryKey: financeKeys.budget(projectId ?? ''),
    queryFn: () => api.get<ProjectBudgetView>(`/api/projects/${seg(projectId!)}/budget`),
    enabled: Boolean(projectId),
  });
}

/** Saves a budget line's changes (If-Match), or adds it to the project when `line` is null. */
export const saveBudgetLine = async (projectId: string, line: BudgetLineView | null, body: unknown) =>
  line
    ? (await apiRequest<BudgetLineView>('PUT', `/api/budget-lines/${seg(line.id)}`, { body, etag: etagOf(line.id, line.version) })).data
    : api.create<BudgetLineView>(`/api/projects/${seg(projectId)}/budget-lines`, body);

export function useFinanceChanged() {
  const queryClient = useQueryClient();
  return {
    rates: () => queryClient.invalidateQueries({ queryKey: financeKeys.rates }),
    budget: (projectId: string) => queryClient.invalidateQueries({ queryKey: financeKeys.budget(projectId) }),
  };
}
