import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StatFigure, StatFigureView, StatFilterOptionsView, StatQuery } from '../../../shared/schemas/statistics';
import { api } from '../../lib/api';

/** One figure of the programme statistics for the filters in hand. */
export function useStatFigure(figure: StatFigure, query: StatQuery) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  return useQuery({
    queryKey: ['statistics', figure, query] as const,
    queryFn: () => api.get<StatFigureView>(`/api/statistics/figures/${figure}?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
}

/** The projects and donors the filters offer (no personal data). */
export function useStatFilterOptions() {
  return useQuery({
    queryKey: ['statistics', 'filter-options'] as const,
    queryFn: () => api.get<StatFilterOptionsView>('/api/statistics/filter-options'),
    staleTime: 5 * 60_000,
  });
}
