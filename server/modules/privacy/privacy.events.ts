/** Audit events of the privacy module (ids only in their details: never the bundle's content). */
export const PRIVACY_EVENTS = [
  'person.access_request.started',
  'person.access_request.downloaded',
] as const;
