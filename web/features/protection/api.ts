import { useQuery } from '@tanstack/react-query';
import { api, listOf, seg } from '../../lib/api';

export interface Vulnerability {
  id: string;
  version: number;
  personId: string;
  category: string;
  /** Absent when the origin office may not read it (no consent to share). */
  details?: string | null;
  status: 'active' | 'resolved';
  identifiedOn: string;
  identifiedByName: string | null;
}

export interface Measure {
  id: string;
  version: number;
  caseId: string;
  personId: string;
  vulnerabilityId: string | null;
  kind: string;
  title: string | null;
  ownerId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  status: 'open' | 'in_progress' | 'done' | 'not_needed';
  /** Absent for a medical measure when the origin office may not read health information. */
  notes?: string | null;
  completedAt: string | null;
  overdue: boolean;
}

export interface HealthRecord {
  id: string;
  version: number;
  personId: string;
  conditions: string | null;
  medication: string | null;
  travelNeeds: string | null;
  fitToTravel: 'fit' | 'fit_with_escort' | 'unfit' | 'pending';
  certificateAttachmentId: string | null;
  certifiedBy: string | null;
  certifiedOn: string | null;
  validUntil: string | null;
}

export interface ProtectionView {
  caseId: string;
  restricted: boolean;
  vulnerabilities: Vulnerability[];
  measures: Measure[];
  /** Present only for holders of case.health. */
  health?: HealthRecord[];
}

export interface Task extends Measure {
  caseNumber: string;
  restricted: boolean;
  person: { givenName: string; familyName: string };
}

export interface Assignments {
  owner: { userId: string; name: string } | null;
  canManage: boolean;
  items: { userId: string; name: string; assignedAt: string; assignedByName: string }[];
}

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
