import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiRequest, compactBody, etagOf, listOf, seg } from '../../lib/api';

export interface CoiGiven {
  versionId: string;
  entryId: string;
  version: number;
  title: string;
  language: string;
  informationDate: string;
  country: string;
  topic: string;
  superseded: boolean;
  stale: boolean;
}

export interface CounsellingSession {
  id: string;
  caseId: string;
  startsAt: string;
  mode: string;
  counsellorId: string;
  counsellorName: string;
  participantPersonIds: string[];
  otherParticipants: string[];
  languages: string[];
  interpreter: { name: string; language: string } | null;
  topics: string[];
  coi: CoiGiven[];
  /** Absent for users without the right to sensitive notes. */
  notes?: string | null;
  nextSteps: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  cancelReason: string | null;
  appointment: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Appointment {
  id: string;
  caseId: string;
  caseNumber: string;
  principalName: string;
  startsAt: string;
  mode: string;
  counsellorId: string;
  counsellorName: string;
  topics: string[];
  languages: string[];
  interpreter: { name: string; language: string } | null;
}

export interface CoiSummary {
  id: string;
  country: string;
  topic: string;
  title: string;
  language: string;
  informationDate: string;
  version: number;
  updatedAt: string;
  stale: boolean;
}

export interface CoiVersion {
  id: string;
  version: number;
  title: string;
  summary: string | null;
  body: string;
  language: string;
  source: string;
  informationDate: string;
  createdByName: string;
  createdAt: string;
}

export interface CoiAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  description: string | null;
  entryVersion: number;
  uploadedByName: string;
  createdAt: string;
}

export interface CoiEntry extends CoiSummary {
  staleAfterMonths: number;
  createdAt: string;
  current: CoiVersion;
  versions: { id: string; version: number; title: string; informationDate: string; language: string; createdByName: string; createdAt: string; stale: boolean }[];
  attachments: CoiAttachment[];
}

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
