import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api';
import type { ErasurePreviewView, ErasureResultView, PersonProtectionView } from '../../../shared/schemas/person-erasure';

export const erasureKeys = {
  state: (personId: string) => ['data-protection', 'person', personId] as const,
  preview: (personId: string) => ['data-protection', 'erasure-preview', personId] as const,
};

/** The person as the officer sees them: cases, legal hold and restriction in force. */
export const usePersonProtection = (personId: string) =>
  useQuery({ queryKey: erasureKeys.state(personId), queryFn: () => api.get<PersonProtectionView>(`/api/persons/${seg(personId)}/data-protection`) });

/** What an erasure would destroy, and what blocks it; read when the officer opens the erasure dialog. */
export const useErasurePreview = (personId: string, enabled: boolean) =>
  useQuery({
    queryKey: erasureKeys.preview(personId),
    queryFn: () => api.get<ErasurePreviewView>(`/api/persons/${seg(personId)}/erasure-preview`),
    enabled,
    staleTime: 0,
  });

export type PersonDecision = 'legal-hold' | 'legal-hold/lift' | 'restriction' | 'restriction/lift';

/** Places or lifts a legal hold or a restriction, with a reason. */
export const usePersonDecision = (personId: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, reason }: { decision: PersonDecision; reason: string }) =>
      api.post<PersonProtectionView>(`/api/persons/${seg(personId)}/${decision}`, { reason }),
    onSuccess: (view) => qc.setQueryData(erasureKeys.state(personId), view),
  });
};

export const useErasePerson = (personId: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<ErasureResultView>(`/api/persons/${seg(personId)}/erasure`, { reason }),
    // Every view of the person changes: their name is gone.
    onSuccess: () => qc.invalidateQueries({ queryKey: ['data-protection'] }),
  });
};
