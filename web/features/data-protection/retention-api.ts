import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api';
import type {
  RetentionAction, RetentionRuleList, RetentionRuleView, RetentionRunDetail, RetentionRunView, RetentionScope, RetentionScopesView,
} from '../../../shared/schemas/retention';

const rulesKey = ['data-protection', 'retention-rules'] as const;
const inProgress = (r: { status: string }) => r.status === 'queued' || r.status === 'running';

/** The organisation's retention rules with their latest runs, polled every two seconds while a run is in progress. */
export const useRetentionRules = () =>
  useQuery({
    queryKey: rulesKey,
    queryFn: () => api.get<RetentionRuleList>('/api/retention-rules'),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.runs.some(inProgress)) ? 2000 : false),
  });

export const useRetentionScopes = () =>
  useQuery({ queryKey: ['data-protection', 'retention-scopes'], queryFn: () => api.get<RetentionScopesView>('/api/retention-rules/scopes') });

/** One run with its report (ids and case numbers), polled while it is in progress. */
export const useRetentionRun = (runId: string | null) =>
  useQuery({
    queryKey: ['data-protection', 'retention-run', runId],
    queryFn: () => api.get<RetentionRunDetail>(`/api/retention-runs/${seg(runId!)}`),
    enabled: runId !== null,
    refetchInterval: (q) => (q.state.data && inProgress(q.state.data) ? 2000 : false),
  });

export interface RetentionRuleForm {
  name: string;
  scope: RetentionScope;
  projectId: string | null;
  officeId: string | null;
  action: RetentionAction;
  years: number;
}

export const useCreateRetentionRule = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RetentionRuleForm) => api.post<RetentionRuleView>('/api/retention-rules', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: rulesKey }),
  });
};

/** Approve, enable/disable, delete or dry-run a rule. */
export const useRetentionRuleAction = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'approve' | 'dry-run' | 'enable' | 'disable' | 'delete' }) => {
      if (action === 'approve' || action === 'dry-run') return api.post<RetentionRuleView | RetentionRunView>(`/api/retention-rules/${seg(id)}/${action}`);
      if (action === 'delete') return api.delete<null>(`/api/retention-rules/${seg(id)}`);
      return api.patch<RetentionRuleView>(`/api/retention-rules/${seg(id)}`, { enabled: action === 'enable' });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: rulesKey }),
  });
};

/** "Run now" of an approved rule: the officer confirms its latest dry run by the number of items it reached. */
export const useRunRetentionRuleNow = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, dryRunId, reachedCount }: { id: string; dryRunId: string; reachedCount: number }) =>
      api.post<RetentionRunView>(`/api/retention-rules/${seg(id)}/run`, { dryRunId, reachedCount }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rulesKey }),
  });
};
