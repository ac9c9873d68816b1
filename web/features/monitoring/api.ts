import { useQuery } from '@tanstack/react-query';
import type { Definition, InstrumentVersionView, InstrumentView } from '../../../shared/schemas/monitoring';
import { api, apiRequest, etagOf, listOf, seg } from '../../lib/api';

export const monitoringKeys = {
  instruments: ['monitoring', 'instruments'] as const,
  version: (id: string) => ['monitoring', 'version', id] as const,
};

export function useInstruments() {
  return useQuery({
    queryKey: monitoringKeys.instruments,
    queryFn: async () => listOf<InstrumentView>(await api.get('/api/monitoring/instruments')),
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
