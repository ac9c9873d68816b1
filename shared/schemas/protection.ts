import { z } from 'zod';
import { FIT_TO_TRAVEL, MEASURE_KINDS, MEASURE_STATUSES, VULNERABILITY_CATEGORIES, VULNERABILITY_STATUSES } from '../protection.js';
import { isoDate, uuid } from './common.js';

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
