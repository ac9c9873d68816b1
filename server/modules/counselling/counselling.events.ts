/** Audit events of the counselling module. */
export const COUNSELLING_EVENTS = [
  'counselling.session.created',
  'counselling.session.updated',
  'counselling.notes.viewed',
  'coi.entry.created',
  'coi.entry.updated',
  'coi.attachment.added',
  'coi.settings.updated',
] as const;
