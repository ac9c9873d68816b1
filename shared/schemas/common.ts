import { z } from 'zod';

export const uuid = z.uuid();
export const isoDate = z.iso.date();
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, e.g. IQ');
export const pageQuery = {
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
};
export const idParams = z.strictObject({ id: uuid });

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
