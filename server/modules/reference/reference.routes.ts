import type { FastifyInstance } from 'fastify';
import { countries, currencies, languages } from '../../../shared/reference/index.js';
import { countryList, currencyList, languageList } from '../../../shared/schemas/reference.js';
import { typed } from '../../platform/http.js';

/** Reference lists change only with a new release: let browsers keep them for a day. */
export function referenceRoutes(app: FastifyInstance) {
  const r = typed(app);
  const tags = ['reference'];
  r.get('/api/reference/countries', { schema: { tags, summary: 'Countries: ISO 3166-1, UN M49 region and subregion, names in en/fr/es/ar', response: { 200: countryList } }, config: { permission: 'signed-in' } }, async (_req, reply) => {
    reply.header('cache-control', 'private, max-age=86400');
    return countries;
  });
  r.get('/api/reference/currencies', { schema: { tags, summary: 'Currencies: ISO 4217 with minor units', response: { 200: currencyList } }, config: { permission: 'signed-in' } }, async (_req, reply) => {
    reply.header('cache-control', 'private, max-age=86400');
    return currencies;
  });
  r.get('/api/reference/languages', { schema: { tags, summary: 'Languages: BCP 47 tags with English and native names', response: { 200: languageList } }, config: { permission: 'signed-in' } }, async (_req, reply) => {
    reply.header('cache-control', 'private, max-age=86400');
    return languages;
  });
}
