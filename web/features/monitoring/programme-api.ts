import { useQuery } from '@tanstack/react-query';
import type { MonitoringFeedbackView, ScoreGrouping, ScoreSummaryView } from '../../../shared/schemas/monitoring-programme';
import type { Dimension, RescoreJobView } from '../../../shared/schemas/monitoring';
import { api, listOf, seg } from '../../lib/api';

export interface ScoreSummaryFilters {
  groupBy: ScoreGrouping;
  instrumentVersionId: string | null;
  dimension: Dimension | null;
  country: string | null;
}

export const programmeKeys = {
  summary: (f: ScoreSummaryFilters) => ['monitoring', 'score-summary', f] as const,
  feedback: (caseId: string) => ['monitoring', 'feedback', caseId] as const,
  rescoreJobs: ['monitoring', 'rescore-jobs'] as const,
};

export function useScoreSummary(f: ScoreSummaryFilters) {
  const params = new URLSearchParams({ groupBy: f.groupBy });
  if (f.instrumentVersionId) params.set('instrumentVersionId', f.instrumentVersionId);
  if (f.dimension) params.set('dimension', f.dimension);
  if (f.country) params.set('country', f.country);
  return useQuery({ queryKey: programmeKeys.summary(f), queryFn: () => api.get<ScoreSummaryView>(`/api/monitoring/score-summary?${params.toString()}`) });
}

export function useMonitoringFeedback(caseId: string) {
  return useQuery({ queryKey: programmeKeys.feedback(caseId), queryFn: () => api.get<MonitoringFeedbackView>(`/api/cases/${seg(caseId)}/monitoring/feedback`) });
}

/** Re-scorings with their progress, asked again every two seconds while one is queued or running. */
export function useRescoreJobs() {
  return useQuery({
    queryKey: programmeKeys.rescoreJobs,
    queryFn: async () => listOf<RescoreJobView>(await api.get('/api/monitoring/rescore-jobs')),
    refetchInterval: (q) => (q.state.data?.some((j) => j.status === 'queued' || j.status === 'running') ? 2000 : false),
  });
}

export const requestRescore = (body: { fromVersionId: string; toVersionId: string; country?: string; projectId?: string }) =>
  api.create<RescoreJobView>('/api/monitoring/rescore-jobs', body);

/** The projects one may narrow a re-scoring to (code and name only). */
export function useProjectOptions() {
  return useQuery({
    queryKey: ['monitoring', 'projects'],
    queryFn: async () => listOf<{ id: string; code: string; name: string }>(await api.get('/api/projects')),
  });
}
