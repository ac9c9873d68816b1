import { z } from 'zod';
import { LOCALES, PERMISSION_KEYS, SCOPES } from '../access.js';
import { closed, countryCode, instant, isoDate, itemsOf, uuid } from './common.js';

export const ORGANISATION_KINDS = ['implementing', 'partner'] as const;
export const OFFICE_KINDS = ['host', 'transit', 'origin'] as const;
export const ROLE_GRANT_STATUSES = ['pending', 'approved', 'rejected'] as const;

export const locale = z.enum(LOCALES);
export const password = z.string().min(12, 'At least 12 characters').max(256);
export const email = z.email().max(254);

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  totpCode: z.string().regex(/^\d{6}$/).optional(),
});

export const setupBody = z.strictObject({
  token: z.string().min(10).max(200),
  organisationName: z.string().trim().min(2).max(200).optional(),
  name: z.string().trim().min(1).max(200),
  email,
  password,
});

export const preferencesBody = z.strictObject({ preferredLanguage: locale });
export const totpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'Six digits') });

export const createUserBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email,
  password,
  preferredLanguage: locale.default('en'),
  organisationId: uuid,
  officeId: uuid.nullable().optional(),
  roleIds: z.array(uuid).max(20).default([]),
});

export const updateUserBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  preferredLanguage: locale.optional(),
  officeId: uuid.nullable().optional(),
  roleIds: z.array(uuid).max(20).optional(),
  active: z.boolean().optional(),
  password: password.optional(),
});

const permissionKey = z.enum(PERMISSION_KEYS as unknown as [string, ...string[]]);
export const createRoleBody = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'Lower-case letters, digits and _'),
  name: z.string().trim().min(1).max(100),
  permissions: z.array(permissionKey).max(100),
  scope: z.enum(SCOPES),
  requireTotp: z.boolean().default(false),
});
export const updateRoleBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  permissions: z.array(permissionKey).max(100).optional(),
  scope: z.enum(SCOPES).optional(),
  requireTotp: z.boolean().optional(),
});

export const roleGrantListQuery = z.strictObject({
  status: z.enum([...ROLE_GRANT_STATUSES, 'all']).default('pending'),
});
export const approveRoleGrantBody = z.strictObject({});
export const rejectRoleGrantBody = z.strictObject({
  reason: z.string().trim().max(1000).optional(),
});

export const createOrganisationBody = z.strictObject({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(ORGANISATION_KINDS),
});
export const createOfficeBody = z.strictObject({
  organisationId: uuid,
  name: z.string().trim().min(2).max(200),
  countryCode,
  kind: z.enum(OFFICE_KINDS),
  casePrefix: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,8})?$/, 'Two capital letters, optionally -SUFFIX, e.g. BE or BE-BXL'),
});

export const auditSearchBody = z.strictObject({
  /** A prefix of event names (`case.` for every case event). */
  event: z.string().max(100).optional(),
  /** Event names, exactly (the picker of translated event names). */
  events: z.array(z.string().max(100)).max(100).optional(),
  actorId: uuid.optional(),
  entityType: z.string().max(50).optional(),
  entityId: uuid.optional(),
  caseId: uuid.optional(),
  /** The case by its number as people know it (`BE-2026-000123`), exactly, ignoring case. */
  caseNumber: z.string().trim().max(40).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type CreateRoleInput = z.infer<typeof createRoleBody>;
export type UpdateRoleInput = z.infer<typeof updateRoleBody>;
export type RoleGrantStatusFilter = z.infer<typeof roleGrantListQuery>['status'];
export type AuditSearchInput = z.infer<typeof auditSearchBody>;

/** The people the audit search offers to pick as the actor: by name or e-mail, within the reader's scope. */
export const auditPeopleBody = z.strictObject({
  query: z.string().trim().min(1).max(100),
});

// ---- Answers ----

const person = z.object({ id: uuid, name: z.string().nullable() });
export const signedIn = z.object({
  user: z.object({ id: uuid, name: z.string(), preferredLanguage: closed(LOCALES) }),
  csrfToken: z.string(),
  totpEnrolmentRequired: z.boolean(),
});
export const meView = z.object({
  user: z.object({
    id: uuid,
    name: z.string(),
    email: z.string(),
    preferredLanguage: closed(LOCALES),
    officeId: uuid.nullable(),
    officeName: z.string().nullable(),
    /** Host, transit or origin: what the office does decides the menus and the home page. */
    officeKind: closed(OFFICE_KINDS).nullable(),
    organisationId: uuid,
    totpEnabled: z.boolean(),
  }),
  permissions: z.array(z.string()),
  roles: z.array(z.object({ key: z.string(), name: z.string(), scope: closed(SCOPES) })),
  csrfToken: z.string(),
  totpEnrolmentRequired: z.boolean(),
});
export const okAnswer = z.object({ ok: z.boolean() });
/** Signed out; after a single sign-on, the provider's URL the browser goes to so as to sign out there too. */
export const signedOut = okAnswer.extend({ providerLogoutUrl: z.string().url().optional() });
export type SignedOut = z.infer<typeof signedOut>;

/** Whether the organisation's single sign-on is configured: the sign-in page offers it then. */
export const ssoOptions = z.object({ oidc: z.boolean() });

/**
 * One open session of a user. The device is read from the browser's User-Agent into names
 * (`browser`, `system`, null when not recognised); the address is the one the session was opened
 * from. Both are personal data shown to the user and to administrators who manage them.
 */
export const sessionView = z.object({
  id: uuid,
  browser: z.string().nullable(),
  system: z.string().nullable(),
  ipAddress: z.string().nullable(),
  method: z.enum(['password', 'oidc']),
  amr: z.array(z.string()),
  createdAt: instant,
  lastSeenAt: instant,
  expiresAt: instant,
  /** The session this request is made with. */
  current: z.boolean(),
});
export const sessionList = z.object({ items: z.array(sessionView) });
export const userSessionParams = z.strictObject({ id: uuid, sessionId: uuid });
export const preferencesView = z.object({ preferredLanguage: closed(LOCALES) });
export const totpSecret = z.object({ secret: z.string(), otpauthUri: z.string() });
export const totpState = z.object({ totpEnabled: z.boolean() });
export const setupDone = z.object({ userId: uuid });

export const officeView = z.object({
  id: uuid, name: z.string(), kind: closed(OFFICE_KINDS), countryCode: z.string(), organisationId: uuid, casePrefix: z.string(),
});
export const organisationView = z.object({ id: uuid, name: z.string(), kind: closed(ORGANISATION_KINDS) });
export const assignableUser = z.object({ id: uuid, name: z.string(), officeId: uuid.nullable() });

export const userView = z.object({
  id: uuid,
  name: z.string(),
  email: z.string(),
  preferredLanguage: closed(LOCALES),
  officeId: uuid.nullable(),
  officeName: z.string().nullable(),
  organisationId: uuid,
  active: z.boolean(),
  totpEnabled: z.boolean(),
  /** In the list of users: sign-in locked until then after too many failed attempts (null when not locked). */
  lockedUntil: instant.nullable().optional(),
  roles: z.array(z.object({ id: uuid, key: z.string(), name: z.string() })),
  /** Roles asked for this user that wait for a second administrator. */
  pendingRoles: z.array(z.object({ requestId: uuid, id: uuid, key: z.string(), name: z.string(), requestedAt: instant })),
  version: z.number(),
});
export const roleView = z.object({
  id: uuid, key: z.string(), name: z.string(), permissions: z.array(z.string()), scope: closed(SCOPES), requireTotp: z.boolean(), builtin: z.boolean(), version: z.number(),
});
export const roleGrantView = z.object({
  id: uuid,
  userId: uuid,
  userName: z.string(),
  userEmail: z.string(),
  roleId: uuid,
  roleKey: z.string(),
  roleName: z.string(),
  rolePermissions: z.array(z.string()),
  roleScope: closed(SCOPES),
  requestedBy: person,
  requestedAt: instant,
  status: closed(ROLE_GRANT_STATUSES),
  decidedBy: person.nullable(),
  decidedAt: instant.nullable(),
  reason: z.string().nullable(),
  canDecide: z.boolean(),
});
export const permissionList = z.object({
  permissions: z.array(z.object({ key: z.string(), module: z.string() })),
  scopes: z.array(closed(SCOPES)),
});
// Recorded values, as the audit trail keeps them (already cut down to what the reader may see).
const auditValues = z.unknown();
export const auditSearchResult = z.object({
  items: z.array(z.object({
    id: z.number(),
    at: instant,
    event: z.string(),
    actorId: uuid.nullable(),
    actorName: z.string().nullable(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    caseId: uuid.nullable(),
    caseNumber: z.string().nullable(),
    officeId: uuid.nullable(),
    changedFields: z.array(z.string()),
    withheldFields: z.array(z.string()),
    before: auditValues.optional(),
    after: auditValues.optional(),
    details: auditValues.optional(),
  })),
  page: z.number(),
  pageSize: z.number(),
  hasMore: z.boolean(),
});

export const auditPeople = z.object({
  items: z.array(z.object({ id: uuid, name: z.string(), email: z.string() })),
});

export type SignedIn = z.input<typeof signedIn>;
export type MeView = z.input<typeof meView>;
export type TotpSecret = z.input<typeof totpSecret>;
export type OfficeView = z.input<typeof officeView>;
export type OrganisationView = z.input<typeof organisationView>;
export type AssignableUser = z.input<typeof assignableUser>;
export type UserView = z.input<typeof userView>;
export type RoleView = z.input<typeof roleView>;
export type RoleGrantView = z.input<typeof roleGrantView>;
export type PermissionList = z.input<typeof permissionList>;
export type AuditSearchResult = z.input<typeof auditSearchResult>;
export type AuditEntry = AuditSearchResult['items'][number];
export type AuditPerson = z.input<typeof auditPeople>['items'][number];
export type SessionView = z.input<typeof sessionView>;
export type SsoOptions = z.input<typeof ssoOptions>;

// ---- Background jobs (administrators, `jobs.manage`) ----
const queueName = z.string().min(1).max(100).regex(/^[a-z][a-z0-9._-]*$/, 'A queue name, e.g. imports.run');
export const failedJobsQuery = z.strictObject({
  queue: queueName.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export const jobParams = z.strictObject({ queue: queueName, id: uuid });
export const jobQueueList = itemsOf(z.object({
  queue: z.string(), waiting: z.number(), active: z.number(), failed: z.number(), completedLastDay: z.number(),
}));
export const failedJobPage = z.object({
  total: z.number(), page: z.number(), pageSize: z.number(),
  items: z.array(z.object({ id: uuid, queue: z.string(), attempts: z.number(), createdAt: instant, failedAt: instant.nullable() })),
});
export const jobRetried = z.object({ id: uuid, queue: z.string(), state: z.literal('retry') });
export type JobQueueList = z.input<typeof jobQueueList>;
export type FailedJobPage = z.input<typeof failedJobPage>;
