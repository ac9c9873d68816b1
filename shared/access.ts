/**
 * The closed list of actions a role can grant, and the scopes a role applies them in.
 * Deny by default: an action not granted is refused.
 */
export const PERMISSIONS = [
  { key: 'case.read', module: 'cases' },
  { key: 'case.create', module: 'cases' },
  { key: 'case.update', module: 'cases' },
  { key: 'case.transition', module: 'cases' },
  { key: 'case.approve', module: 'cases' },
  { key: 'case.close', module: 'cases' },
  { key: 'case.note.write', module: 'cases' },
  { key: 'case.note.sensitive', module: 'cases' },
  { key: 'case.attachment.write', module: 'cases' },
  { key: 'case.audit.read', module: 'cases' },
  { key: 'case.restricted', module: 'cases' },
  { key: 'case.break_glass', module: 'cases' },
  { key: 'person.access_log.read', module: 'cases' },
  { key: 'person.access_request', module: 'cases' },
  { key: 'person.restriction.manage', module: 'cases' },
  { key: 'person.legal_hold.manage', module: 'cases' },
  { key: 'person.erasure', module: 'cases' },
  { key: 'retention.manage', module: 'cases' },
  { key: 'counselling.write', module: 'counselling' },
  { key: 'coi.manage', module: 'counselling' },
  { key: 'decision.record', module: 'decisions' },
  { key: 'application.submit', module: 'decisions' },
  { key: 'project.manage', module: 'eligibility' },
  { key: 'eligibility.check', module: 'eligibility' },
  { key: 'eligibility.confirm', module: 'eligibility' },
  { key: 'vulnerability.write', module: 'protection' },
  { key: 'case.health', module: 'protection' },
  { key: 'travel.manage', module: 'travel' },
  { key: 'travel.departure.override', module: 'travel' },
  { key: 'handover.send', module: 'handover' },
  { key: 'handover.receive', module: 'handover' },
  { key: 'reception.manage', module: 'handover' },
  { key: 'provider.manage', module: 'providers' },
  { key: 'community.manage', module: 'community' },
  { key: 'finance.manage', module: 'finance' },
  { key: 'finance.override', module: 'finance' },
  { key: 'reintegration.plan', module: 'reintegration' },
  { key: 'reintegration.approve', module: 'reintegration' },
  { key: 'reintegration.override', module: 'reintegration' },
  { key: 'disbursement.record', module: 'payments' },
  { key: 'disbursement.approve', module: 'payments' },
  { key: 'monitoring.visit.record', module: 'monitoring' },
  { key: 'monitoring.instrument.manage', module: 'monitoring' },
  { key: 'monitoring.score.read', module: 'monitoring' },
  { key: 'import.run', module: 'imports' },
  { key: 'statistics.read', module: 'reporting' },
  { key: 'user.manage', module: 'access' },
  { key: 'role.manage', module: 'access' },
  { key: 'audit.read', module: 'access' },
  { key: 'jobs.manage', module: 'access' },
] as const;

export type Permission = (typeof PERMISSIONS)[number]['key'];
export const PERMISSION_KEYS = PERMISSIONS.map((p) => p.key) as readonly Permission[];
export const isPermission = (s: string): s is Permission => (PERMISSION_KEYS as readonly string[]).includes(s);

/**
 * What each permission reaches, decided here once for every permission (a new permission does not
 * compile until it is placed):
 * - `case_data`: reads or writes case data, or other personal data of returnees. `audit.read` is
 *   here because audit events carry before/after values of case records.
 * - `access`: hands out access itself (users and their roles, role definitions).
 * - `other`: neither. `coi.manage` and `project.manage` hold no personal data; `statistics.read`
 *   counts cases and suppresses the small numbers that could single a person out.
 * Giving a role that holds a `case_data` or `access` permission needs a second administrator's
 * approval, and a role held by users may not gain one (nor a wider scope while it holds one).
 */
export const PERMISSION_REACH: Record<Permission, 'case_data' | 'access' | 'other'> = {
  'case.read': 'case_data',
  'case.create': 'case_data',
  'case.update': 'case_data',
  'case.transition': 'case_data',
  'case.approve': 'case_data',
  'case.close': 'case_data',
  'case.note.write': 'case_data',
  'case.note.sensitive': 'case_data',
  'case.attachment.write': 'case_data',
  'case.audit.read': 'case_data',
  'case.restricted': 'case_data',
  // Opens a case outside one's scope for a limited time, read-only, with a stated reason that is
  // audited and reviewed by the data-protection officers: a supervisor's call.
  'case.break_glass': 'case_data',
  // Reads who accessed a person's records, when and why (the audit trail of their cases): the
  // data-protection officer's. It opens no case.
  'person.access_log.read': 'case_data',
  // Gathers everything Homeward holds about a person (names, documents, health, money) into a
  // bundle for the returnee's access request: the data-protection officer's.
  'person.access_request': 'case_data',
  // Restricts the processing of a person's data (their cases leave everyone else's scope), places a
  // legal hold on it, and erases (anonymises) a person: the data-protection officer's.
  'person.restriction.manage': 'case_data',
  'person.legal_hold.manage': 'case_data',
  'person.erasure': 'case_data',
  // Retention rules of the organisation (anonymise the persons of long-ended cases, empty their
  // files), their dry runs and the approval of a colleague's rule: the data-protection officer's.
  'retention.manage': 'case_data',
  'counselling.write': 'case_data',
  'coi.manage': 'other',
  'decision.record': 'case_data',
  'application.submit': 'case_data',
  'project.manage': 'other',
  'eligibility.check': 'case_data',
  'eligibility.confirm': 'case_data',
  'vulnerability.write': 'case_data',
  'case.health': 'case_data',
  'travel.manage': 'case_data',
  // Records a departure or no-show before the flight has left (with a reason): a supervisor's call.
  'travel.departure.override': 'case_data',
  'handover.send': 'case_data',
  'handover.receive': 'case_data',
  'reception.manage': 'case_data',
  // The registry of service providers: organisations and businesses, not returnees (their bank or
  // mobile-money details are encrypted and each reveal is audited).
  'provider.manage': 'other',
  // Community projects and group trainings: they link returnees (cases, persons) and record their attendance.
  'community.manage': 'case_data',
  // Exchange rates and budget lines hold no personal data; the ledger names cases by id only.
  'finance.manage': 'other',
  // Commits past a budget line's remaining amount, with a reason: a finance officer's call.
  'finance.override': 'other',
  // Drafts and edits a returnee's reintegration plan, records their agreement and the delivery of its components.
  'reintegration.plan': 'case_data',
  // Approves a plan version drafted by someone else: a supervisor's call.
  'reintegration.approve': 'case_data',
  // Approves a plan past the returnee's confirmed entitlement (or without one), with a reason: a supervisor's call.
  'reintegration.override': 'case_data',
  // Records payments of a returnee's reintegration assistance and their receipts.
  'disbursement.record': 'case_data',
  // Approves payments above the office's threshold (not one's own) and waives receipts: a supervisor's call.
  'disbursement.approve': 'case_data',
  // Records a monitoring visit with a returnee: their answers about their reintegration.
  'monitoring.visit.record': 'case_data',
  // Edits and publishes survey instruments: questions, weights and thresholds, no personal data.
  'monitoring.instrument.manage': 'other',
  // Reads instruments and the sustainability scores of returnees' visits.
  'monitoring.score.read': 'case_data',
  'import.run': 'case_data',
  'statistics.read': 'other',
  'user.manage': 'access',
  'role.manage': 'access',
  'audit.read': 'case_data',
  // Sees the background job queues (counts, failed jobs by queue, id and time) and retries a failed
  // job: no job's data nor error is shown, so no personal data.
  'jobs.manage': 'other',
};

/** Permissions whose grant needs a second administrator: case data and access itself. */
export const GRANT_APPROVAL_PERMISSIONS = PERMISSION_KEYS.filter((p) => PERMISSION_REACH[p] !== 'other');
export const needsGrantApproval = (permission: string): boolean =>
  isPermission(permission) && PERMISSION_REACH[permission] !== 'other';
/** A role with any of these must require TOTP: it hands out access. */
export const ACCESS_PERMISSIONS = PERMISSION_KEYS.filter((p) => PERMISSION_REACH[p] === 'access');

/** Widening order: own cases, the office's, the organisation's, everything. */
export const SCOPES = ['own', 'office', 'organisation', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
export const widerScope = (a: Scope, b: Scope): Scope => (SCOPES.indexOf(a) >= SCOPES.indexOf(b) ? a : b);

export const LOCALES = ['en', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

export interface BuiltinRole {
  key: string;
  name: string;
  scope: Scope;
  permissions: Permission[];
  /** Users with this role must sign in with TOTP (they set it up at their first sign-in). */
  requireTotp?: boolean;
}

const caseWork: Permission[] = ['case.read', 'case.create', 'case.update', 'case.transition', 'case.note.write', 'case.attachment.write'];
/** What a host-office caseworker does before departure, on top of case work. */
const preDeparture: Permission[] = [
  'counselling.write', 'decision.record', 'eligibility.check', 'application.submit', 'vulnerability.write', 'travel.manage', 'handover.send',
];
/** Host offices draft reintegration plans with the returnee before departure. */
const hostPlan: Permission[] = ['reintegration.plan'];

export const BUILTIN_ROLES: BuiltinRole[] = [
  { key: 'caseworker', name: 'Caseworker', scope: 'office', permissions: [...caseWork, ...preDeparture, ...hostPlan] },
  {
    key: 'counsellor',
    name: 'Counsellor',
    scope: 'office',
    permissions: [
      'case.read', 'case.update', 'case.transition', 'case.note.write', 'case.note.sensitive', 'case.attachment.write',
      'counselling.write', 'coi.manage', 'decision.record', 'eligibility.check', 'vulnerability.write', 'case.health',
    ],
  },
  {
    key: 'reintegration_officer',
    name: 'Reintegration officer',
    scope: 'office',
    permissions: ['case.read', 'case.update', 'case.transition', 'case.note.write', 'case.attachment.write', 'vulnerability.write', 'handover.receive', 'reception.manage', 'provider.manage', 'community.manage', 'reintegration.plan', 'disbursement.record'],
  },
  {
    key: 'monitoring_officer',
    name: 'Monitoring officer',
    scope: 'office',
    permissions: ['case.read', 'case.transition', 'case.note.write', 'case.attachment.write', 'monitoring.visit.record', 'monitoring.score.read'],
  },
  {
    key: 'office_manager',
    name: 'Office manager',
    scope: 'office',
    permissions: [
      ...caseWork, ...preDeparture, 'case.approve', 'case.close', 'case.note.sensitive', 'case.audit.read', 'audit.read', 'case.restricted',
      'coi.manage', 'eligibility.confirm', 'case.health', 'handover.receive', 'reception.manage', 'travel.departure.override', 'provider.manage', 'community.manage',
      'reintegration.plan', 'reintegration.approve', 'reintegration.override', 'disbursement.approve', 'import.run',
      // The programme statistics of their office, its annual report and exports.
      'statistics.read',
      // Opens a case outside the office for a limited time, read-only, with a reason (migration 0057).
      'case.break_glass',
    ],
  },
  { key: 'programme_manager', name: 'Programme manager', scope: 'all', permissions: ['project.manage', 'finance.manage', 'statistics.read', 'monitoring.instrument.manage'] },
  { key: 'finance_officer', name: 'Finance officer', scope: 'all', permissions: ['finance.manage', 'finance.override', 'statistics.read', 'disbursement.record', 'disbursement.approve'] },
  { key: 'me_officer', name: 'M&E officer', scope: 'all', permissions: ['statistics.read'] },
  { key: 'partner_caseworker', name: 'Partner caseworker', scope: 'own', permissions: [...caseWork, ...preDeparture.filter((p) => p !== 'handover.send')] },
  // Reads who accessed a person's records in the organisation and reviews break-glass accesses;
  // opens no case by this role (migration 0057).
  { key: 'data_protection_officer', name: 'Data-protection officer', scope: 'organisation', permissions: ['person.access_log.read', 'person.access_request', 'person.restriction.manage', 'person.legal_hold.manage', 'person.erasure', 'retention.manage'], requireTotp: true },
  { key: 'administrator', name: 'Administrator', scope: 'all', permissions: ['user.manage', 'role.manage', 'audit.read', 'jobs.manage'], requireTotp: true },
];
