import { z } from 'zod';
import { FIT_TO_TRAVEL, MEASURE_KINDS, MEASURE_STATUSES, VULNERABILITY_CATEGORIES, VULNERABILITY_STATUSES } from '../protection.js';
import { STAGES } from '../cases.js';
import { closed, instant, isoDate, uuid } from './common.js';

const text = (max: number) => z.string().trim().max(max);

export const vulnerabilityBody = z.strictObject({
  personId: uuid,
  category: z.enum(VULNERABILITY_CATEGORIES),
  details: text(4000).optional(),
  identifiedOn: isoDate,
});
export type VulnerabilityInput = z.infer<typeof vulnerabilityBody>;

export const vulnerabilityPatch = z.strictObject({
  details: text(4000).nullable().optional(),
  identifiedOn: isoDate.optional(),
  status: z.enum(VULNERABILITY_STATUSES).optional(),
});
export type VulnerabilityPatch = z.infer<typeof vulnerabilityPatch>;

export const measureBody = z.strictObject({
  personId: uuid,
  kind: z.enum(MEASURE_KINDS),
  title: text(200).optional(),
  vulnerabilityId: uuid.optional(),
  ownerId: uuid.optional(),
  dueOn: isoDate.optional(),
  notes: text(4000).optional(),
});
export type MeasureInput = z.infer<typeof measureBody>;

export const measurePatch = z.strictObject({
  title: text(200).nullable().optional(),
  ownerId: uuid.nullable().optional(),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(MEASURE_STATUSES).optional(),
  notes: text(4000).nullable().optional(),
});
export type MeasurePatch = z.infer<typeof measurePatch>;

export const healthBody = z.strictObject({
  conditions: text(4000).nullable().optional(),
  medication: text(4000).nullable().optional(),
  travelNeeds: text(4000).nullable().optional(),
  fitToTravel: z.enum(FIT_TO_TRAVEL),
  certificateAttachmentId: uuid.nullable().optional(),
  certifiedBy: text(200).nullable().optional(),
  certifiedOn: isoDate.nullable().optional(),
  validUntil: isoDate.nullable().optional(),
});
export type HealthInput = z.infer<typeof healthBody>;

export const assignmentBody = z.strictObject({ userId: uuid });

export const caseVulnerabilityParams = z.strictObject({ id: uuid, vulnerabilityId: uuid });
export const caseMeasureParams = z.strictObject({ id: uuid, measureId: uuid });
export const casePersonParams = z.strictObject({ id: uuid, personId: uuid });
export const caseUserParams = z.strictObject({ id: uuid, userId: uuid });

// ---- Answers ----

export const measureView = z.object({
  id: uuid,
  version: z.number(),
  caseId: uuid,
  personId: uuid,
  vulnerabilityId: uuid.nullable(),
  kind: closed(MEASURE_KINDS),
  title: z.string().nullable(),
  ownerId: uuid.nullable(),
  ownerName: z.string().nullable(),
  dueOn: isoDate.nullable(),
  status: closed(MEASURE_STATUSES),
  /** Notes of a medical measure: withheld from the origin office without consent to share health information. */
  notes: z.string().nullable().optional(),
  completedAt: instant.nullable(),
  overdue: z.boolean(),
});
export const vulnerabilityView = z.object({
  id: uuid,
  version: z.number(),
  personId: uuid,
  category: closed(VULNERABILITY_CATEGORIES),
  /** Withheld from the origin office without the consent `detailsConsent` names. */
  details: z.string().nullable().optional(),
  status: closed(VULNERABILITY_STATUSES),
  identifiedOn: isoDate.nullable(),
  identifiedById: uuid,
  identifiedByName: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export const screenedVulnerability = vulnerabilityView.extend({ measures: z.array(measureView) });
export const healthRecordView = z.object({
  id: uuid,
  version: z.number(),
  personId: uuid,
  conditions: z.string().nullable(),
  medication: z.string().nullable(),
  travelNeeds: z.string().nullable(),
  fitToTravel: closed(FIT_TO_TRAVEL),
  certificateAttachmentId: uuid.nullable(),
  certifiedBy: z.string().nullable(),
  certifiedOn: isoDate.nullable(),
  validUntil: isoDate.nullable(),
  updatedAt: instant.nullable(),
});
export const caseProtectionView = z.object({
  caseId: uuid,
  restricted: z.boolean(),
  vulnerabilities: z.array(vulnerabilityView),
  measures: z.array(measureView),
  /** Only for holders of case.health. */
  health: z.array(healthRecordView).optional(),
});
export const myTaskList = z.object({
  items: z.array(measureView.extend({ caseNumber: z.string(), caseStage: closed(STAGES), restricted: z.boolean(), person: z.object({ givenName: z.string(), familyName: z.string() }) })),
});
export const assignmentsView = z.object({
  // Null when the reader removed themselves and can no longer open the case.
  owner: z.object({ userId: uuid, name: z.string() }).nullable(),
  /** The reader may assign and remove staff (the owner or a supervisor). */
  canManage: z.boolean(),
  items: z.array(z.object({ userId: uuid, name: z.string(), assignedAt: instant, assignedByName: z.string().nullable() })),
});
export const caseStaffList = z.object({ items: z.array(z.object({ id: uuid, name: z.string(), officeId: uuid.nullable() })) });

export type MeasureView = z.input<typeof measureView>;
export type VulnerabilityView = z.input<typeof vulnerabilityView>;
export type HealthRecordView = z.input<typeof healthRecordView>;
export type ProtectionView = z.input<typeof caseProtectionView>;
export type MyTask = z.input<typeof myTaskList>['items'][number];
export type AssignmentsView = z.input<typeof assignmentsView>;
