/** Audit events of the community module. */
export const COMMUNITY_EVENTS = [
  'community_project.created',
  'community_project.updated',
  'community_project.status_changed',
  'community_project.returnee_linked',
  'community_project.returnee_unlinked',
  'group_training.created',
  'group_training.updated',
  'group_training.session_added',
  'group_training.session_updated',
  'group_training.enrolled',
  'group_training.unenrolled',
  'group_training.attendance_recorded',
  'group_training.completion_set',
] as const;
