import { useQuery } from '@tanstack/react-query';
import type {
  CaseMonitoringView, Definition, InstrumentVersionView, InstrumentView, OfflinePackView, OfflineRecordBody, OfflineRecordResult, RecordVisitBody, WorklistView,
} from '../../../shared/schemas/monitoring';
import { api, apiRequest, etagOf, listOf, seg } from '../../lib/api';

export const monitoringKeys = {
  instruments: ['monitoring', 'instruments'] as const,
  version: (id: string) => ['monitoring', 'version', id] as const,
};

export function useInstruments(enabled = true) {
  return useQuery({
    queryKey: monitoringKeys.instruments,
    queryFn: async () => listOf<InstrumentView>(await api.get('/api/monitoring/instruments')),
    enabled,
  });
}

export function useInstrumentVersion(id: string | null) {
  return useQuery({
    queryKey: monitoringKeys.version(id ?? ''),
    queryFn: () => api.get<InstrumentVersionView>(`/api/monitoring/instrument-versions/${seg(id!)}`),
    enabled: Boolean(id),
  });
}

/** A new draft copying the latest published version. */
export const createDraft = (instrumentId: string) => api.create<InstrumentVersionView>(`/api/monitoring/instruments/${seg(instrumentId)}/drafts`, {});

export const updateDraft = (v: { id: string; version: number }, body: { definition: Definition; provisionalWeights: boolean }) =>
  apiRequest<InstrumentVersionView>('PUT', `/api/monitoring/instrument-versions/${seg(v.id)}`, { body, etag: etagOf(v.id, v.version) }).then((r) => r.data);

export const publishVersion = (v: { id: string; version: number }) =>
  apiRequest<InstrumentVersionView>('POST', `/api/monitoring/instrument-versions/${seg(v.id)}/publish`, { etag: etagOf(v.id, v.version) }).then((r) => r.data);

// ---- Schedules, visits, worklists ----
export const visitKeys = {
  worklist: (scope: 'mine' | 'office') => ['monitoring', 'worklist', scope] as const,
  caseMonitoring: (caseId: string) => ['monitoring', 'case', caseId] as const,
};

export function useWorklist(scope: 'mine' | 'office') {
  return useQuery({ queryKey: visitKeys.worklist(scope), queryFn: () => api.get<WorklistView>(`/api/monitoring/worklist?scope=${scope}`) });
}

export function useCaseMonitoring(caseId: string) {
  return useQuery({ queryKey: visitKeys.caseMonitoring(caseId), queryFn: () => api.get<CaseMonitoringView>(`/api/cases/${seg(caseId)}/monitoring`) });
}

/** The latest published version of the built-in instrument, with its definition, for the visit's survey. */
export function useSurveyVersion(enabled: boolean) {
  const instruments = useInstruments(enabled);
  const list = enabled ? instruments.data ?? [] : [];
  const builtin = list.find((i) => i.builtin) ?? list[0];
  const latest = builtin?.versions.filter((v) => v.status === 'published').sort((a, b) => b.number - a.number)[0];
  return useInstrumentVersion(latest?.id ?? null);
}

export const recordVisit = (v: { id: string; version: number }, body: RecordVisitBody) =>
  apiRequest<CaseMonitoringView>('PUT', `/api/monitoring/visits/${seg(v.id)}`, { body, etag: etagOf(v.id, v.version) }).then((r) => r.data);

export const closeMonitoredCase = (m: { caseId: string; version: number }, summary: string) =>
  apiRequest<CaseMonitoringView>('POST', `/api/cases/${seg(m.caseId)}/monitoring/closing`, { body: { summary }, etag: etagOf(m.caseId, m.version) }).then((r) => r.data);

// ---- Offline work ----
/** The visits to take along (audited on the server as a read of each case). */
export const fetchOfflinePack = (scope: 'mine' | 'office') => api.get<OfflinePackView>(`/api/monitoring/offline-pack?scope=${scope}`);

/** Sends a visit recorded offline; a retry with the same client id answers the stored result. Never sends the user to sign in. */
export const uploadOfflineRecord = (visitId: string, body: OfflineRecordBody) =>
  api.post<OfflineRecordResult>(`/api/monitoring/visits/${seg(visitId)}/offline-record`, body, { redirectOn401: false });
