import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiRequest, compactBody, etagOf, seg } from '../../lib/api';
import type { ProviderPage, ProviderSearchInput, ProviderValues, ProviderView, RevealedPayment } from '../../../shared/schemas/providers';

export { COMPONENT_TYPES } from '../../../shared/reintegration';
export {
  PAYMENT_METHODS, PROVIDER_KINDS, PROVIDER_SORTS, PROVIDER_STATUSES, providerBody, providerStatusBody, type ProviderSort,
} from '../../../shared/schemas/providers';

export type Provider = ProviderView;
export type { RevealedPayment };

/** The registry's filters, sort and page, as the server takes them. */
export type ProviderSearch = Partial<ProviderSearchInput>;

export const providerKeys = {
  all: ['providers'] as const,
  search: (search: unknown) => ['providers', 'search', search] as const,
};

export const useProviders = (search: ProviderSearch) => {
  const body = compactBody(search);
  return useQuery({
    queryKey: providerKeys.search(body),
    queryFn: ({ signal }) => api.post<ProviderPage>('/api/providers/search', body, { signal }),
    placeholderData: keepPreviousData,
  });
};

const etag = (p: { id: string; version: number }) => etagOf(p.id, p.version);

/** Registers a provider (with an Idempotency-Key), or edits one with the version the user saw. */
export const saveProvider = (provider: Provider | null, body: ProviderValues) =>
  provider
    ? apiRequest<Provider>('PUT', `/api/providers/${seg(provider.id)}`, { body, etag: etag(provider) }).then((r) => r.data)
    : api.create<Provider>('/api/providers', body);

/** Suspends a vetted provider, or reinstates a suspended one, with a reason. */
export const changeProviderStatus = (provider: Provider, action: 'suspend' | 'reinstate', reason: string) =>
  apiRequest<Provider>('POST', `/api/providers/${seg(provider.id)}/${action}`, { body: { reason }, etag: etag(provider) }).then((r) => r.data);

/** The full payment details: audited on the server, never cached. */
export const revealPayment = (id: string) => api.post<RevealedPayment>(`/api/providers/${seg(id)}/payment-details/reveal`);
