import { PERSON_PROTECTION_EVENTS } from './person-protection.events.js';
import { RETENTION_EVENTS } from './retention.events.js';

/** Audit events of the cases module. */
export const CASES_EVENTS = [
  'case.created',
  'case.updated',
  'case.opened',
  'case.break_glass',
  'case.break_glass.read',
  'case.break_glass.reviewed',
  'case.break_glass.report_viewed',
  'person.access_log.viewed',
  'person.access_log.case_looked_up',
  'case.member.added',
  'case.stage.changed',
  'case.note.added',
  'case.notes.sensitive.viewed',
  'case.attachment.added',
  'case.attachment.downloaded',
  'case.history.viewed',
  'case.summary.printed',
  'case.assignment.changed',
  'case.export.requested',
  'case.export.completed',
  'case.export.downloaded',
  'person.updated',
  'saved_filter.created',
  'saved_filter.deleted',
  ...PERSON_PROTECTION_EVENTS,
  ...RETENTION_EVENTS,
] as const;
