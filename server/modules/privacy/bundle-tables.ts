/**
 * THE list of what a returnee's access request gathers: every table that holds something about a
 * person, with the module whose reader (exported by its `index.ts`) reads it. A new table with a
 * `person_id` or `case_id` column must be added here, with a reader in its module, or to
 * `EXCLUDED_TABLES` with the reason it holds nothing about the person beyond what the bundle has:
 * `bundle-completeness.db.test.ts` fails otherwise. Tables hanging from one below (booking legs,
 * visit scores, receipts) are listed too, read through their parent.
 */
export const BUNDLE_TABLES = {
  cases: ['person', 'identity_document', 'return_case', 'case_member', 'stage_transition', 'case_note', 'case_attachment', 'case_assignment', 'case_break_glass',
    'person_legal_hold', 'person_processing_restriction'],
  counselling: ['counselling_session', 'counselling_session_coi'],
  decisions: ['informed_decision', 'withdrawal', 'application'],
  eligibility: ['eligibility_check', 'eligibility_check_amount'],
  protection: ['vulnerability', 'special_measure', 'health_record'],
  travel: [
    'travel_document', 'travel_booking', 'travel_booking_member', 'travel_leg', 'travel_transit', 'travel_escort', 'travel_arrangement',
    'travel_member_assistance', 'travel_payment', 'travel_payment_correction', 'travel_departure',
  ],
  handover: ['handover', 'handover_consent', 'arrival', 'reception_service'],
  reintegration: ['reintegration_plan_version', 'reintegration_component', 'reintegration_commitment'],
  payments: ['payment_tranche', 'payment_tranche_condition', 'disbursement', 'disbursement_decision', 'disbursement_receipt', 'disbursement_reversal', 'case_unsafe_area'],
  monitoring: [
    'monitoring_schedule', 'monitoring_visit', 'monitoring_visit_score', 'monitoring_imported_score', 'monitoring_offline_upload', 'monitoring_follow_up',
    'monitoring_arrival_assessment',
  ],
  community: ['community_project_returnee', 'group_training_participant', 'group_training_attendance'],
  finance: ['budget_entry'],
  imports: ['import_row', 'import_duplicate_review'],
  // The platform's audit trail: who did what about the person or their cases, and when.
  platform: ['audit_event'],
} as const;

export type BundleModule = keyof typeof BUNDLE_TABLES;
export type BundleTable = (typeof BUNDLE_TABLES)[BundleModule][number];
export const BUNDLE_TABLE_NAMES: readonly string[] = Object.values(BUNDLE_TABLES).flat();

/** Tables with a `person_id` or `case_id` column the bundle leaves out, and why. */
export const EXCLUDED_TABLES: Record<string, string> = {
  stat_case_fact: 'statistics: a derived count of the case (kind, year, age band) kept by triggers from the case itself, which is in the bundle',
  stat_money_case_fact: 'statistics: derived sums of the case\'s disbursements, which are in the bundle',
  stat_vulnerability_case_fact: 'statistics: derived counts of the case\'s vulnerabilities, which are in the bundle',
  person_key: 'the person\'s data key, wrapped by the master key: no fact about the person; the values it opens are in the bundle in clear',
  access_request: 'the access requests themselves: the bundle is their answer, and the audit entries in it record each one',
};
