import { useQuery } from '@tanstack/react-query';
import { api, listOf, seg } from '../../lib/api';
import type { CaseEligibility, Project, RulesVersion } from './model';

export const eligibilityKeys = {
  projects: ['projects'] as const,
  rules: (projectId: string) => ['projects', projectId, 'rules'] as const,
  project: (projectId: string) => ['projects', projectId] as const,
  caseEligibility: (caseId: string) => ['cases', 'detail', caseId, 'eligibility'] as const,
};

export function useProjects() {
  return useQuery({
    queryKey: eligibilityKeys.projects,
    queryFn: async () => listOf<Project>(await api.get('/api/projects')),
  });
}

export function useProject(projectId: string) {
  return useQuery({
    queryKey: eligibilityKeys.project(projectId),
    queryFn: () => api.get<Project>(`/api/projects/${seg(projectId)}`),
  });
}

export function useRulesVersions(projectId: string) {
  return useQuery({
    queryKey: eligibilityKeys.rules(projectId),
    queryFn: async () => listOf<RulesVersion>(await api.get(`/api/projects/${seg(projectId)}/rules`)),
  });
}

export function useCaseEligibility(caseId: string) {
  return useQuery({
    queryKey: eligibilityKeys.caseEligibility(caseId),
    queryFn: () => api.get<CaseEligibility>(`/api/cases/${seg(caseId)}/eligibility`),
  });
}
