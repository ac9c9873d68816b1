/** Audit events of restriction of processing, legal hold and erasure of a person (cases module). */
export const PERSON_PROTECTION_EVENTS = [
  'person.legal_hold.placed',
  'person.legal_hold.lifted',
  'person.restriction.placed',
  'person.restriction.lifted',
  'person.erasure.previewed',
  'person.erased',
] as const;
