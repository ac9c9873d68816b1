import { useQuery } from '@tanstack/react-query';
import { api, apiRequest, etagOf, listOf, seg } from '../../lib/api';
import type {
  AssignmentsView, HealthRecordView, MeasureView, MyTask, ProtectionView as CaseProtectionView, VulnerabilityView,
} from '../../../shared/schemas/protection';

export type Vulnerability = VulnerabilityView;

export type Measure = MeasureView;

export type HealthRecord = HealthRecordView;

export type ProtectionView = CaseProtectionView;

export type Task = MyTask;

export type Assignments = AssignmentsView;

export interface StaffMember {
  id: string;
  name: string;
}

export const protectionKeys = {
  view: (caseId: string) => ['cases', 'detail', caseId, 'protection'] as const,
  assignments: (caseId: string) => ['cases', 'detail', caseId, 'assignments'] as const,
  staff: (caseId: string) => ['cases', 'detail', caseId, 'staff'] as const,
  tasks: ['protection', 'my-tasks'] as const,
};

export const useProtection = (caseId: string) =>
  useQuery({ queryKey: protectionKeys.view(caseId), queryFn: () => api.get<ProtectionView>(`/api/cases/${seg(caseId)}/protection`) });

export const useAssignments = (caseId: string) =>
  useQuery({ queryKey: protectionKeys.assignments(caseId), queryFn: () => api.get<Assignments>(`/api/cases/${seg(caseId)}/assignments`) });

export const useCaseStaff = (caseId: string) =>
  useQuery({ queryKey: protectionKeys.staff(caseId), queryFn: async () => listOf<StaffMember>(await api.get(`/api/cases/${seg(caseId)}/staff`)) });

export const useMyTasks = () =>
  useQuery({ queryKey: protectionKeys.tasks, queryFn: async () => listOf<Task>(await api.get('/api/protection/my-tasks')) });

/** The label of a measure: its title when it has one, the kind's name otherwise. */
export const measureLabel = (m: Pick<Measure, 'kind' | 'title'>, t: (id: string) => string) =>
  m.title ? (m.kind === 'other' ? m.title : `${t(`protection.measure.${m.kind}`)}: ${m.title}`) : t(`protection.measure.${m.kind}`);

/**
 * After a screening change: fetch the protection view again, and the case itself only when its
 * restriction changed (every GET of a case is audited as an opening).
 */
export async function refreshProtection(queryClient: import('@tanstack/react-query').QueryClient, caseId: string, wasRestricted: boolean) {
  await queryClient.invalidateQueries({ queryKey: protectionKeys.view(caseId), exact: true });
  const view = queryClient.getQueryData<ProtectionView>(protectionKeys.view(caseId));
  if (view && view.restricted !== wasRestricted) {
    await queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId], exact: true });
  }
}

/** Screening: a vulnerability identified for a member. */
export const recordVulnerability = (caseId: string, body: unknown) => api.create(`/api/cases/${seg(caseId)}/vulnerabilities`, body);

export const updateVulnerability = (caseId: string, v: { id: string; version: number }, body: unknown) =>
  api.patch(`/api/cases/${seg(caseId)}/vulnerabilities/${seg(v.id)}`, body, { etag: etagOf(v.id, v.version) });

/** The member's health record, replaced whole (an emptied field is cleared). */
export const saveHealth = (caseId: string, personId: string, health: { id: string; version: number } | undefined, body: unknown) =>
  apiRequest('PUT', `/api/cases/${seg(caseId)}/persons/${seg(personId)}/health`, { body, etag: health ? etagOf(health.id, health.version) : null });

export const addMeasure = (caseId: string, body: unknown) => api.create(`/api/cases/${seg(caseId)}/measures`, body);

export const updateMeasure = (measure: { id: string; caseId: string; version: number }, body: unknown) =>
  api.patch(`/api/cases/${seg(measure.caseId)}/measures/${seg(measure.id)}`, body, { etag: etagOf(measure.id, measure.version) });

export const assignStaff = (caseId: string, userId: string) => api.post(`/api/cases/${seg(caseId)}/assignments`, { userId });

export const unassignStaff = (caseId: string, userId: string) => api.delete(`/api/cases/${seg(caseId)}/assignments/${seg(userId)}`);
