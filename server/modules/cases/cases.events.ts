/** Audit events of the cases module. */
export const CASES_EVENTS = [
  'case.created',
  'case.updated',
  'case.opened',
  'case.member.added',
  'case.stage.changed',
  'case.note.added',
  'case.notes.sensitive.viewed',
  'case.attachment.added',
  'case.attachment.downloaded',
  'case.history.viewed',
  'case.summary.printed',
  'case.assignment.changed',
  'person.updated',
  'saved_filter.created',
  'saved_filter.deleted',
] as const;
