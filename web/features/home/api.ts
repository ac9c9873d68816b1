import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, listOf } from '../../lib/api';
import type { CaseloadView, CaseSearchResult, ReassignCasesInput, ReassignedCases } from '../../../shared/schemas/cases';
import type { ApplicationQueue } from '../../../shared/schemas/decisions';
import type { ExpectedArrivalsView, HandoverView, IncomingPage } from '../../../shared/schemas/handover';
import type { MyTask } from '../../../shared/schemas/protection';
import type { Appointment } from '../../../shared/schemas/counselling';
import type { MovementsView } from '../../../shared/schemas/travel';
import type { RoleGrantView, UserView } from '../../../shared/schemas/access';
import type { ProjectView } from '../../../shared/schemas/eligibility';
import type { NotificationsView } from '../../../shared/schemas/notifications';

/*
 * The queues a home page shows, read from each module's own endpoint. The page starts every query
 * it needs at once (each hook below is enabled by what the user may do), never one after another.
 */

export const homeKeys = {
  all: ['home'] as const,
  applications: ['home', 'applications'] as const,
  incoming: ['home', 'handovers', 'incoming'] as const,
  outgoing: ['home', 'handovers', 'outgoing'] as const,
  arrivals: ['home', 'handovers', 'arrivals'] as const,
  tasks: ['home', 'tasks'] as const,
  appointments: ['home', 'appointments'] as const,
  flights: (from: string, to: string) => ['home', 'flights', from, to] as const,
  caseload: ['home', 'caseload'] as const,
  ownerCases: (ownerId: string, page: number) => ['home', 'owner-cases', ownerId, page] as const,
  grants: ['home', 'role-grants'] as const,
  users: ['home', 'users'] as const,
  projects: ['home', 'projects'] as const,
  notifications: ['notifications'] as const,
};

export const useApplicationsWaiting = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.applications, queryFn: () => api.post<ApplicationQueue>('/api/applications/search', { page: 1, pageSize: 5 }), enabled });

export const useIncomingPending = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.incoming, queryFn: () => api.post<IncomingPage>('/api/handovers/incoming/search', { status: 'pending', page: 1, pageSize: 5 }), enabled });

export const useOutgoingPending = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.outgoing, queryFn: async () => listOf<HandoverView>(await api.get('/api/handovers/outgoing')), enabled });

export const useExpectedArrivals = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.arrivals, queryFn: () => api.get<ExpectedArrivalsView>('/api/handovers/arrivals'), enabled });

export const useTasks = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.tasks, queryFn: async () => listOf<MyTask>(await api.get('/api/protection/my-tasks')), enabled });

export const useUpcomingAppointments = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.appointments, queryFn: async () => listOf<Appointment>(await api.get('/api/counselling/appointments')), enabled });

export const useFlights = (from: string, to: string, enabled: boolean) =>
  useQuery({ queryKey: homeKeys.flights(from, to), queryFn: () => api.get<MovementsView>(`/api/travel/movements?from=${from}&to=${to}`), enabled });

export const useCaseload = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.caseload, queryFn: () => api.get<CaseloadView>('/api/cases/caseload'), enabled });

export const OWNER_PAGE_SIZE = 10;

/** The open cases of one owner, for choosing which to hand over. */
export const useOwnerCases = (ownerId: string | null, page: number) =>
  useQuery({
    queryKey: homeKeys.ownerCases(ownerId ?? '', page),
    queryFn: () =>
      api.post<CaseSearchResult>('/api/cases/search', {
        ownerId, page, pageSize: OWNER_PAGE_SIZE, sort: 'caseNumber', order: 'asc',
        stage: ['registered', 'counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation', 'departed', 'arrived', 'reintegration', 'monitoring', 'ineligible', 'suspended'],
      }),
    enabled: !!ownerId,
  });

export function useReassign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReassignCasesInput) => api.post<ReassignedCases>('/api/cases/reassign', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export const usePendingGrants = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.grants, queryFn: async () => listOf<RoleGrantView>(await api.get('/api/admin/role-grants?status=pending')), enabled });

export const useUsers = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.users, queryFn: async () => listOf<UserView>(await api.get('/api/admin/users'), 'users'), enabled });

export const useProjects = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.projects, queryFn: async () => listOf<ProjectView>(await api.get('/api/projects')), enabled });

/** What landed in the user's queues; asked again every minute while the app is open. */
export const useNotifications = () =>
  useQuery({ queryKey: homeKeys.notifications, queryFn: () => api.get<NotificationsView>('/api/notifications'), refetchInterval: 60_000 });

export function useMarkNotificationsSeen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ seenAt: string }>('/api/notifications/seen', {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: homeKeys.notifications }),
  });
}
