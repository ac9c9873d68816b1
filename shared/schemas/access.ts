import { z } from 'zod';
import { LOCALES, PERMISSION_KEYS, SCOPES } from '../access.js';
import { countryCode, isoDate, uuid } from './common.js';

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
  status: z.enum(['pending', 'approved', 'rejected', 'all']).default('pending'),
});
export const approveRoleGrantBody = z.strictObject({});
export const rejectRoleGrantBody = z.strictObject({
  reason: z.string().trim().max(1000).optional(),
});

export const createOrganisationBody = z.strictObject({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(['implementing', 'partner']),
});
export const createOfficeBody = z.strictObject({
  organisationId: uuid,
  name: z.string().trim().min(2).max(200),
  countryCode,
  kind: z.enum(['host', 'transit', 'origin']),
  casePrefix: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,8})?$/, 'Two capital letters, optionally -SUFFIX, e.g. BE or BE-BXL'),
});

export const auditSearchBody = z.strictObject({
  event: z.string().max(100).optional(),
  actorId: uuid.optional(),
  entityType: z.string().max(50).optional(),
  entityId: uuid.optional(),
  caseId: uuid.optional(),
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
