import { z } from 'zod';
import { isLanguageTag } from '../reference/languages.js';
import { isoDate, pageQuery, uuid } from './common.js';

export const DECIDED_BY = ['self', 'guardian', 'representative'] as const;

export const travellingBody = z.strictObject({ travelling: z.boolean() });

export const recordDecisionBody = z.strictObject({
  personId: uuid,
  decidedOn: isoDate,
  decidedBy: z.enum(DECIDED_BY),
  /** The legal guardian or representative who decided, named (required unless the person decided). */
  representativeName: z.string().trim().min(1).max(200).nullish(),
  /** The language the information was given in: a BCP 47 tag. */
  language: z.string().refine((v) => isLanguageTag(v), 'A BCP 47 language tag, e.g. ar'),
  informationUnderstood: z.boolean(),
  noPressure: z.boolean(),
  /** The signed declaration, uploaded first as an attachment of the case. */
  declarationAttachmentId: uuid,
  counsellorId: uuid,
});
export type RecordDecisionInput = z.infer<typeof recordDecisionBody>;

export const withdrawalBody = z.strictObject({ reason: z.string().trim().max(2000).nullish() });

export const applicationDecisionBody = z.strictObject({
  outcome: z.enum(['approved', 'rejected']),
  reason: z.string().trim().max(2000).nullish(),
});

export const applicationSearchBody = z.strictObject({ ...pageQuery });
