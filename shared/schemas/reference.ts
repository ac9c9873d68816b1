import { z } from 'zod';
import { LOCALES } from '../reference/locale.js';
import { closed } from './common.js';

// ---- Answers: the reference lists (shared/reference) as they go over HTTP ----

const regionRef = z.object({ code: z.string(), name: z.string() });
export const countryView = z.object({
  alpha2: z.string(),
  alpha3: z.string(),
  numeric: z.string(),
  region: regionRef.nullable(),
  subregion: regionRef.nullable(),
  subregionGroup: regionRef.nullable(),
  inM49: z.boolean(),
  userAssigned: z.boolean(),
  names: z.record(z.enum(LOCALES), z.string()),
  altNames: z.array(z.string()).readonly(),
});
export const currencyView = z.object({
  code: z.string(),
  numeric: z.string(),
  minorUnits: z.number().nullable(),
  kind: closed(['currency', 'fund', 'special']),
  name: z.string(),
  withdrawn: z.number().optional(),
  replacedBy: z.string().optional(),
});
export const languageView = z.object({ tag: z.string(), name: z.string(), autonym: z.string(), iso6391: z.boolean() });

export const countryList = z.array(countryView).readonly();
export const currencyList = z.array(currencyView).readonly();
export const languageList = z.array(languageView).readonly();
