import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiRequest, compactBody, etagOf, listOf, seg } from '../../lib/api';
import type { Appointment, CoiAttachmentView, CoiEntryView, CoiSummary, SessionView } from '../../../shared/schemas/counselling';

export type CoiGiven = SessionView['coi'][number];

export type CounsellingSession = SessionView;

export type { Appointment };

export type { CoiSummary };

export type CoiVersion = CoiEntryView['current'];

export type CoiAttachment = CoiAttachmentView;

export type CoiEntry = CoiEntryView;

export interface CoiFilter {
  country?: string;
  topic?: string;
  language?: string;
  stale?: boolean;
  q?: string;
}

export const counsellingKeys = {
  sessions: (caseId: string) => ['cases', 'detail', caseId, 'counselling'] as const,
  appointments: (counsellorId: string | null) => ['counselling', 'appointments', counsellorId] as const,
  counsellors: ['counselling', 'counsellors'] as const,
  coiAll: ['coi'] as const,
  coiSearch: (filter: CoiFilter) => ['coi', 'search', filter] as const,
  coiEntry: (id: string) => ['coi', 'entry', id] as const,
  coiVersion: (id: string, version: number) => ['coi', 'entry', id, 'version', version] as const,
  coiSettings: ['coi', 'settings'] as const,
};

export function useSessions(caseId: string) {
  return useQuery({
    queryKey: counsellingKeys.sessions(caseId),
    queryFn: async () => listOf<CounsellingSession>(await api.get(`/api/cases/${seg(caseId)}/counselling-sessions`)),
  });
}

export function useAppointments(counsellorId: string | null) {
  return useQuery({
    queryKey: counsellingKeys.appointments(counsellorId),
    queryFn: () =>
      api.get<{ seesAll: boolean; items: Appointment[] }>(
        `/api/counselling/appointments${counsellorId ? `?counsellorId=${seg(counsellorId)}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCounsellors() {
  return useQuery({
    queryKey: counsellingKeys.counsellors,
    queryFn: async () => listOf<{ id: string; name: string }>(await api.get('/api/counselling/counsellors')),
    staleTime: 5 * 60_000,
  });
}

export function useCoiSearch(filter: CoiFilter, enabled = true) {
  return useQuery({
    queryKey: counsellingKeys.coiSearch(filter),
    queryFn: () =>
      api.post<{ items: (CoiSummary & { currentVersionId: string })[]; total: number; staleAfterMonths: number }>('/api/coi/search', { ...compactBody(filter), pageSize: 200 }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCoiEntry(id: string) {
  return useQuery({
    queryKey: counsellingKeys.coiEntry(id),
    queryFn: async () => {
      const r = await apiRequest<CoiEntry>('GET', `/api/coi/${seg(id)}`);
      return { entry: r.data, etag: r.etag ?? '' };
    },
  });
}

export function useCoiVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: counsellingKeys.coiVersion(id, version ?? 0),
    queryFn: () => api.get<CoiVersion>(`/api/coi/${seg(id)}/versions/${version}`),
    enabled: version !== null,
  });
}

export function useCoiSettings() {
  return useQuery({
    queryKey: counsellingKeys.coiSettings,
    queryFn: async () => {
      const r = await apiRequest<{ staleAfterMonths: number }>('GET', '/api/coi/settings');
      return { ...r.data, etag: r.etag ?? '' };
    },
  });
}

/** A change to a session (held, cancelled with its reason, or any of its fields). */
export const updateSession = (caseId: string, session: { id: string; version: number }, body: unknown) =>
  api.patch(`/api/cases/${seg(caseId)}/counselling-sessions/${seg(session.id)}`, body, { etag: etagOf(session.id, session.version) });

export const recordSession = (caseId: string, body: unknown) => api.create(`/api/cases/${seg(caseId)}/counselling-sessions`, body);

/** A new library entry, or a new version of `entry`. */
export const saveCoiEntry = (entry: { id: string } | undefined | null, etag: string | null | undefined, body: unknown) =>
  entry ? api.patch<CoiEntry>(`/api/coi/${seg(entry.id)}`, body, { etag }) : api.create<CoiEntry>('/api/coi', body);

export const saveCoiSettings = (staleAfterMonths: number, etag: string | null | undefined) =>
  apiRequest('PUT', '/api/coi/settings', { body: { staleAfterMonths }, etag });
