import { z } from 'zod';
import { COI_TOPICS, COUNSELLING_TOPICS, SESSION_MODES, SESSION_STATUSES } from '../counselling.js';
import { isCountryCode, isLanguageTag } from '../reference/index.js';
import { closed, fromSql, instant, isoDate, uuid } from './common.js';

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

// ---- Answers ----

const coiReference = z.object({
  versionId: uuid,
  entryId: uuid,
  version: z.number(),
  title: z.string(),
  language: z.string(),
  informationDate: isoDate,
  country: z.string(),
  topic: closed(COI_TOPICS),
  /** A newer version of the entry exists. */
  superseded: z.boolean(),
  stale: z.boolean(),
});
export const sessionView = z.object({
  id: uuid,
  caseId: uuid,
  startsAt: instant,
  mode: closed(SESSION_MODES),
  counsellorId: uuid,
  counsellorName: z.string(),
  participantPersonIds: z.array(uuid),
  otherParticipants: z.array(z.string()),
  languages: z.array(z.string()),
  interpreter: z.object({ name: z.string(), language: z.string().nullable() }).nullable(),
  topics: z.array(closed(COUNSELLING_TOPICS)),
  coi: z.array(fromSql(coiReference)),
  /** Sensitive: absent for actors without case.note.sensitive (and for the origin office without consent). */
  notes: z.string().nullable().optional(),
  nextSteps: z.string().nullable(),
  status: closed(SESSION_STATUSES),
  cancelReason: z.string().nullable(),
  /** Scheduled and still ahead. */
  appointment: z.boolean(),
  version: z.number(),
  createdAt: instant,
  updatedAt: instant,
});
export const appointmentList = z.object({
  /** The reader sees every counsellor's appointments (an office manager), not only their own. */
  seesAll: z.boolean(),
  items: z.array(z.object({
    id: uuid,
    caseId: uuid,
    caseNumber: z.string(),
    principalName: z.string(),
    startsAt: instant,
    mode: closed(SESSION_MODES),
    counsellorId: uuid,
    counsellorName: z.string(),
    topics: z.array(closed(COUNSELLING_TOPICS)),
    languages: z.array(z.string()),
    interpreter: z.object({ name: z.string(), language: z.string().nullable() }).nullable(),
  })),
});
export const counsellorList = z.object({ items: z.array(z.object({ id: uuid, name: z.string() })) });

export const coiSettingsView = z.object({ id: z.string(), staleAfterMonths: z.number(), version: z.number(), updatedAt: instant });
export const coiSummary = z.object({
  id: uuid,
  country: z.string(),
  topic: closed(COI_TOPICS),
  title: z.string(),
  language: z.string(),
  informationDate: isoDate,
  version: z.number(),
  updatedAt: instant,
  stale: z.boolean(),
  currentVersionId: uuid,
});
export const coiSearchResult = z.object({ items: z.array(coiSummary), total: z.number(), page: z.number(), pageSize: z.number(), staleAfterMonths: z.number() });
const coiVersionFields = {
  id: uuid,
  version: z.number(),
  title: z.string(),
  summary: z.string().nullable(),
  body: z.string(),
  language: z.string(),
  source: z.string(),
  informationDate: isoDate,
  createdByName: z.string(),
  createdAt: instant,
};
export const coiAttachmentView = z.object({
  id: uuid,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  description: z.string().nullable(),
  entryVersion: z.number(),
  uploadedByName: z.string(),
  createdAt: instant,
});
export const coiEntryView = z.object({
  id: uuid,
  country: z.string(),
  topic: closed(COI_TOPICS),
  title: z.string(),
  language: z.string(),
  informationDate: isoDate,
  version: z.number(),
  updatedAt: instant,
  stale: z.boolean(),
  staleAfterMonths: z.number(),
  createdAt: instant,
  current: z.object(coiVersionFields),
  versions: z.array(z.object({ id: uuid, version: z.number(), title: z.string(), informationDate: isoDate, language: z.string(), createdByName: z.string(), createdAt: instant, stale: z.boolean() })),
  attachments: z.array(coiAttachmentView),
});
export const coiVersionView = z.object({ entryId: uuid, country: z.string(), topic: closed(COI_TOPICS), ...coiVersionFields });

export type SessionView = z.input<typeof sessionView>;
export type AppointmentList = z.input<typeof appointmentList>;
export type Appointment = AppointmentList['items'][number];
export type CoiSettingsView = z.input<typeof coiSettingsView>;
export type CoiSummary = z.input<typeof coiSummary>;
export type CoiSearchResult = z.input<typeof coiSearchResult>;
export type CoiEntryView = z.input<typeof coiEntryView>;
export type CoiVersionView = z.input<typeof coiVersionView>;
export type CoiAttachmentView = z.input<typeof coiAttachmentView>;
