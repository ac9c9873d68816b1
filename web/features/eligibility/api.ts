import { useQuery } from '@tanstack/react-query';
import { api, apiRequest, etagOf, listOf, seg } from '../../lib/api';
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

/** Runs a new eligibility check of the case against its project's published rules. */
export const runCheck = (caseId: string) => api.post(`/api/cases/${seg(caseId)}/eligibility/checks`);

export const confirmCheck = (caseId: string, checkId: string, body: { finalOutcome: string; overrideReason?: string }) =>
  api.post(`/api/cases/${seg(caseId)}/eligibility/checks/${seg(checkId)}/confirm`, body);

export const createRulesDraft = (projectId: string) => api.create<RulesVersion>(`/api/projects/${seg(projectId)}/rules`, {});

/** Saves a draft rules version; answers the saved version (its new version number). */
export const saveRules = async (version: { id: string; version: number }, draft: unknown) =>
  (await apiRequest<RulesVersion>('PUT', `/api/eligibility-rules/${seg(version.id)}`, { body: draft, etag: etagOf(version.id, version.version) })).data;

export const publishRules = (saved: { id: string; version: number }) =>
  api.post(`/api/eligibility-rules/${seg(saved.id)}/publish`, undefined, { etag: etagOf(saved.id, saved.version) });

/** Saves a project's changes, or creates it when `project` is null. */
export const saveProject = async (project: Project | null | undefined, input: unknown) =>
  project
    ? (await apiRequest<Project>('PUT', `/api/projects/${seg(project.id)}`, { body: input, etag: etagOf(project.id, project.version) })).data
    : (await apiRequest<Project>('POST', '/api/projects', { body: input, idempotencyKey: true })).data;
