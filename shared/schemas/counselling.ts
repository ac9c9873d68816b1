import { z } from 'zod';
import { COI_TOPICS, COUNSELLING_TOPICS, SESSION_MODES } from '../counselling.js';
import { isCountryCode, isLanguageTag } from '../reference/index.js';
import { isoDate, uuid } from './common.js';

const country = z.string().refine((v) => isCountryCode(v) && /^[A-Z]{2}$/.test(v), 'An ISO 3166-1 alpha-2 country code, e.g. IQ');
const language = z.string().min(2).max(20).refine((v) => isLanguageTag(v), 'A language tag, e.g. ar, prs, en');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v ? v : null));
const dateTime = z.iso.datetime({ offset: true });

export const interpreterInput = z.strictObject({ name: z.string().trim().min(1).max(120), language });

const sessionFields = {
  startsAt: dateTime,
  mode: z.enum(SESSION_MODES),
  counsellorId: uuid,
  participantPersonIds: z.array(uuid).max(30).default([]),
  otherParticipants: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
  languages: z.array(language).max(10).default([]),
  interpreter: interpreterInput.nullable().default(null),
  topics: z.array(z.enum(COUNSELLING_TOPICS)).max(COUNSELLING_TOPICS.length).default([]),
  coiVersionIds: z.array(uuid).max(50).default([]),
  notes: optionalText(20_000),
  nextSteps: optionalText(5000),
};

export const createSessionBody = z.strictObject({
  ...sessionFields,
  status: z.enum(['scheduled', 'held']),
});
export type CreateSessionInput = z.infer<typeof createSessionBody>;

/** A change to a session: any field, and the status (held, or cancelled with a reason). */
export const updateSessionBody = z.strictObject({
  startsAt: dateTime.optional(),
  mode: z.enum(SESSION_MODES).optional(),
  counsellorId: uuid.optional(),
  participantPersonIds: z.array(uuid).max(30).optional(),
  otherParticipants: z.array(z.string().trim().min(1).max(120)).max(20).optional(),
  languages: z.array(language).max(10).optional(),
  interpreter: interpreterInput.nullable().optional(),
  topics: z.array(z.enum(COUNSELLING_TOPICS)).max(COUNSELLING_TOPICS.length).optional(),
  coiVersionIds: z.array(uuid).max(50).optional(),
  notes: z.string().trim().max(20_000).nullable().optional(),
  nextSteps: z.string().trim().max(5000).nullable().optional(),
  status: z.enum(['scheduled', 'held', 'cancelled']).optional(),
  cancelReason: z.string().trim().min(1).max(2000).optional(),
});
export type UpdateSessionInput = z.infer<typeof updateSessionBody>;

export const appointmentsQuery = z.strictObject({ counsellorId: uuid.optional() });

export const coiSearchBody = z.strictObject({
  country: country.optional(),
  topic: z.enum(COI_TOPICS).optional(),
  language: language.optional(),
  stale: z.boolean().optional(),
  q: z.string().trim().max(200).optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type CoiSearchInput = z.infer<typeof coiSearchBody>;

export const coiEntryBody = z.strictObject({
  country,
  topic: z.enum(COI_TOPICS),
  title: z.string().trim().min(1).max(300),
  summary: optionalText(2000),
  body: z.string().trim().min(1).max(100_000),
  language,
  source: z.string().trim().min(1).max(500),
  informationDate: isoDate,
});
export type CoiEntryInput = z.infer<typeof coiEntryBody>;
/** Editing makes a new version: the text fields; country and topic stay with the entry. */
export const coiEditBody = coiEntryBody.omit({ country: true, topic: true });
export type CoiEditInput = z.infer<typeof coiEditBody>;

export const coiVersionParams = z.strictObject({ id: uuid, version: z.coerce.number().int().min(1).max(100_000) });
export const coiSettingsBody = z.strictObject({ staleAfterMonths: z.number().int().min(1).max(120) });
