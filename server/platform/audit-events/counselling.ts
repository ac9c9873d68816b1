/** Audit events of the counselling capability (part of the closed list in ../audit.ts). */
export const COUNSELLING_EVENTS = [
  'counselling.session.created',
  'counselling.session.updated',
  'counselling.notes.viewed',
  'coi.entry.created',
  'coi.entry.updated',
  'coi.attachment.added',
  'coi.settings.updated',
] as const;
