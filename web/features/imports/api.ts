import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiRequest, seg, uploadWithProgress } from '../../lib/api';
import type {
  ImportEntity, ImportDuplicatePage, ImportDuplicateView, ImportFilePreview, ImportFileView, ImportMapping, ImportReportPage, ImportRunView, MappingView,
} from '../../../shared/schemas/imports';

export {
  CASE_FIELDS_OF_PERSON_FILE, CASE_FILE_FIELDS, REQUIRED_CASE_FILE_FIELDS, DATE_FORMATS, ENTITY_FIELDS, IMPORT_ENTITIES, IMPORT_OUTCOMES, LEGACY_FIELDS, REQUIRED_FIELDS, REQUIRED_LEGACY_FIELDS, type ImportEntity, type LegacyField,
} from '../../../shared/schemas/imports';
export type { ImportDuplicateView, ImportFilePreview, ImportFileView, ImportMapping, ImportRunView, MappingView };

export const importKeys = {
  all: ['imports'] as const,
  runs: ['imports', 'runs'] as const,
  run: (id: string) => ['imports', 'runs', id] as const,
  report: (id: string, outcome: string, page: number, pageSize: number) => ['imports', 'runs', id, 'report', outcome, page, pageSize] as const,
  duplicates: (id: string, open: boolean, page: number) => ['imports', 'runs', id, 'duplicates', open, page] as const,
  preview: (fileId: string) => ['imports', 'files', fileId, 'preview'] as const,
  mappings: ['imports', 'mappings'] as const,
};

/** Sends a file, reporting the share sent; the server answers what it detected. */
export const uploadImportFile = (file: File, onProgress: (share: number) => void) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<ImportFileView>('/api/imports/files', form, onProgress);
};

export const useFilePreview = (fileId: string | undefined) =>
  useQuery({
    queryKey: importKeys.preview(fileId ?? ''),
    queryFn: ({ signal }) => api.get<ImportFilePreview>(`/api/imports/files/${seg(fileId!)}/preview`, { signal }),
    enabled: Boolean(fileId),
    staleTime: Infinity,
  });

export const useMappings = () =>
  useQuery({ queryKey: importKeys.mappings, queryFn: ({ signal }) => api.get<{ items: MappingView[] }>('/api/imports/mappings', { signal }) });

const apiPut = <T,>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }).then((r) => r.data);

/** Saves a mapping, with what its file holds and, for a person file whose cases come apart, the cases file's mapping. */
export const saveMapping = (body: { name: string; entity: ImportEntity; mapping: ImportMapping; casesMapping?: ImportMapping }) =>
  apiPut<MappingView>('/api/imports/mappings', body);

export const startRun = (body: {
  fileId: string; mode: 'dry_run' | 'import'; entity: ImportEntity; mapping: ImportMapping; source: string; casesFileId?: string; casesMapping?: ImportMapping;
}) =>
  api.create<ImportRunView>('/api/imports/runs', body);

export const cancelRun = (id: string) => api.post<ImportRunView>(`/api/imports/runs/${seg(id)}/cancel`, {});

const running = (run: ImportRunView | undefined) => !run || run.status === 'queued' || run.status === 'running';

/** A run, asked again every second while it is queued or running. */
export const useRun = (id: string | undefined) =>
  useQuery({
    queryKey: importKeys.run(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportRunView>(`/api/imports/runs/${seg(id!)}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: (q) => (running(q.state.data) ? 1000 : false),
  });

export const useRuns = () =>
  useQuery({ queryKey: importKeys.runs, queryFn: ({ signal }) => api.get<{ items: ImportRunView[] }>('/api/imports/runs', { signal }) });

export const useReport = (id: string, outcome: string, page: number, pageSize: number, enabled: boolean) =>
  useQuery({
    queryKey: importKeys.report(id, outcome, page, pageSize),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
      if (outcome) q.set('outcome', outcome);
      return api.get<ImportReportPage>(`/api/imports/runs/${seg(id)}/report?${q}`, { signal });
    },
    enabled,
    placeholderData: keepPreviousData,
  });

export const reportCsvUrl = (id: string) => `/api/imports/runs/${seg(id)}/report.csv`;

export const useDuplicates = (id: string, open: boolean, page: number) =>
  useQuery({
    queryKey: importKeys.duplicates(id, open, page),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ page: String(page), pageSize: '10' });
      if (open) q.set('open', 'true');
      return api.get<ImportDuplicatePage>(`/api/imports/runs/${seg(id)}/duplicates?${q}`, { signal });
    },
    placeholderData: keepPreviousData,
  });

export const decideDuplicate = (runId: string, line: number, candidateId: string, decision: 'same' | 'different') =>
  apiPut<ImportDuplicateView>(`/api/imports/runs/${seg(runId)}/duplicates/${line}`, { candidateId, decision });
