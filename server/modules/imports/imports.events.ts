/** Audit events of the imports module. */
export const IMPORTS_EVENTS = [
  'import.file_uploaded',
  'import.mapping_saved',
  'import.started',
  'import.cancelled',
  'import.completed',
  'import.person_updated',
  'import.case_updated',
  'import.vulnerability_updated',
  'import.component_updated',
  'import.visit_updated',
  'import.arrival_updated',
  'import.duplicate_reviewed',
] as const;
