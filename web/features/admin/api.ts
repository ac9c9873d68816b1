import { useQuery } from '@tanstack/react-query';
import { api, apiRequest, etagOf, listOf, seg } from '../../lib/api';
import type { AuditEntry, AuditPerson, AuditSearchResult, FailedJobPage, JobQueueList, PermissionList, ROLE_GRANT_STATUSES, RoleGrantView, RoleView, UserView, SessionView } from '../../../shared/schemas/access';

/** A user as an administrator manages them, with their roles and the roles waiting for approval. */
export type AdminUser = UserView;

export type RoleGrantStatus = (typeof ROLE_GRANT_STATUSES)[number];

/** A grant of a role that reaches case data: it waits until another administrator decides. */
export type RoleGrant = RoleGrantView;

export { SCOPES } from '../../../shared/access';

export type Role = RoleView;

export type PermissionCatalogue = PermissionList;

/** One entry of the audit trail, with only the values the reader may see (`withheldFields` names the others). */
export type { AuditEntry };

export interface AuditQuery {
  event?: string;
  events?: string[];
  caseNumber?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const adminKeys = {
  users: ['admin', 'users'] as const,
  user: (id: string) => ['admin', 'users', id] as const,
  userSessions: (id: string) => ['admin', 'users', id, 'sessions'] as const,
  roles: ['admin', 'roles'] as const,
  permissions: ['admin', 'permissions'] as const,
  audit: (query: AuditQuery) => ['admin', 'audit', query] as const,
  auditPeople: (query: string) => ['admin', 'audit', 'people', query] as const,
  roleGrants: ['admin', 'role-grants'] as const,
};

export function useRoleGrants(enabled = true) {
  return useQuery({
    queryKey: adminKeys.roleGrants,
    queryFn: async () => listOf<RoleGrant>(await api.get('/api/admin/role-grants?status=pending')),
    enabled,
  });
}

export function useAdminUsers(enabled = true) {
  return useQuery({
    queryKey: adminKeys.users,
    queryFn: async () => listOf<AdminUser>(await api.get('/api/admin/users'), 'users'),
    enabled,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: adminKeys.roles,
    queryFn: async () => listOf<Role>(await api.get('/api/admin/roles'), 'roles'),
    enabled,
  });
}

export function usePermissionCatalogue(enabled = true) {
  return useQuery({
    queryKey: adminKeys.permissions,
    queryFn: () => api.get<PermissionCatalogue>('/api/admin/permissions'),
    enabled,
    staleTime: Infinity,
  });
}

/** The ids of a user's roles. */
export const roleIdsOf = (user: AdminUser): string[] => user.roles.map((r) => r.id);

/** Saves a role's changes, or creates it (with its key) when `role` is null. */
export const saveRole = async (role: Role | null, key: string, body: Record<string, unknown>) => {
  if (role) await api.patch(`/api/admin/roles/${seg(role.id)}`, body, { etag: etagOf(role.id, role.version) });
  else await api.create('/api/admin/roles', { key, ...body });
};

/** A second administrator approves or rejects a grant of a role that needs approval. */
export const approveRoleGrant = (grantId: string) => api.post(`/api/admin/role-grants/${seg(grantId)}/approve`, {});
export const rejectRoleGrant = (grantId: string, reason?: string) =>
  api.post(`/api/admin/role-grants/${seg(grantId)}/reject`, reason ? { reason } : {});

/** One user with the ETag an update must send. */
export async function fetchUser(userId: string): Promise<{ user: AdminUser; etag: string | null }> {
  const { data, etag } = await apiRequest<AdminUser>('GET', `/api/admin/users/${seg(userId)}`);
  return { user: data, etag: etag ?? etagOf(data.id, data.version) };
}
export const createUser = (body: unknown) => api.create<AdminUser>('/api/admin/users', body);
export const updateUser = (userId: string, body: unknown, etag: string | null | undefined) =>
  api.patch<AdminUser>(`/api/admin/users/${seg(userId)}`, body, { etag });

export const searchAudit = (query: unknown) =>
  api.post<AuditSearchResult>('/api/admin/audit/search', query);

/** People an audit reader may pick as the actor (name or e-mail), within their audit scope. */
export function useAuditPeople(query: string) {
  const q = query.trim();
  return useQuery({
    queryKey: adminKeys.auditPeople(q),
    queryFn: () => api.post<{ items: AuditPerson[] }>('/api/admin/audit/people', { query: q }).then((r) => r.items),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });
}

/** A user's open sessions, and ending one of them (an administrator who manages the user). */
export const listUserSessions = (userId: string) => api.get<{ items: SessionView[] }>(`/api/admin/users/${seg(userId)}/sessions`);
export const endUserSession = (userId: string, id: string) => api.delete<unknown>(`/api/admin/users/${seg(userId)}/sessions/${seg(id)}`);

export type { FailedJobPage, JobQueueList } from '../../../shared/schemas/access';
export type JobQueue = JobQueueList['items'][number];
export type FailedJob = FailedJobPage['items'][number];

export const jobKeys = {
  queues: ['admin', 'jobs', 'queues'] as const,
  failed: (queue: string, page: number) => ['admin', 'jobs', 'failed', queue, page] as const,
};

/** Homeward's background job queues with their jobs by state (refreshed every few seconds while open). */
export function useJobQueues() {
  return useQuery({ queryKey: jobKeys.queues, queryFn: ({ signal }) => api.get<JobQueueList>('/api/admin/jobs', { signal }), refetchInterval: 5_000 });
}

/** A page of the jobs that failed after their retries, of one queue or of all. */
export function useFailedJobs(queue: string, page: number, pageSize: number) {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize), ...(queue ? { queue } : {}) });
  return useQuery({ queryKey: jobKeys.failed(queue, page), queryFn: ({ signal }) => api.get<FailedJobPage>(`/api/admin/jobs/failed?${params}`, { signal }) });
}

export const retryJob = (queue: string, id: string) => api.post<{ id: string; queue: string; state: 'retry' }>(`/api/admin/jobs/${seg(queue)}/${seg(id)}/retry`);
