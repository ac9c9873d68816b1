import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  approveRoleGrantBody, auditPeopleBody, auditSearchBody, createOfficeBody, createOrganisationBody, createRoleBody, createUserBody, loginBody,
  preferencesBody, rejectRoleGrantBody, roleGrantListQuery, setupBody, totpCodeBody, updateRoleBody, updateUserBody,
  assignableUser, auditPeople, auditSearchResult, meView, officeView, okAnswer, signedOut, organisationView, permissionList, preferencesView, roleGrantView,
  roleView, setupDone, signedIn, totpSecret, totpState, userView, sessionList, ssoOptions, userSessionParams,
  failedJobPage, failedJobsQuery, jobParams, jobQueueList, jobRetried,
} from '../../../shared/schemas/access.js';
import { idParams, itemsOf } from '../../../shared/schemas/common.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { actorOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { forgetSessions, revokeSession, SESSION_COOKIE } from '../../platform/session.js';
import { completeSetup } from './complete-setup.js';
import { disableTotp, enableTotp, startTotpEnrolment } from './enrol-totp.js';
import { createOffice, createOrganisation, listOffices, listOrganisations } from './manage-offices.js';
import { createRole, listRoles, permissionCatalogue, updateRole } from './manage-roles.js';
import { decideGrantRequest, listGrantRequests } from './role-grants.js';
import { createUser, getUser, listAssignableUsers, listUsers, updatePreferences, updateUser } from './manage-users.js';
import { searchAudit } from './search-audit.js';
import { listFailedJobs, listJobQueues, retryJob } from './manage-jobs.js';
import { findAuditPeople } from './find-audit-people.js';
import { signIn } from './sign-in.js';
import { completeSso, SSO_LOGIN_MINUTES, SSO_STATE_COOKIE, ssoLogoutUrl, startSso } from './sso.js';
import { endOwnSession, endUserSession, listOwnSessions, listUserSessions } from './user-sessions.js';
import { AppError } from '../../platform/errors.js';
import { loggableError } from '../../platform/http-setup.js';
import { errors } from './access.errors.js';

export function accessRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const { db, clock, config } = deps;
  const session = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/' });

  r.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in with email and password (and TOTP code when enabled)', body: loginBody, response: { 200: signedIn } },
    config: { auth: 'public', rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const result = await signIn(req.body, { ...deps, session }, req.ip, req.headers['user-agent'] ?? null);
    setCookie(reply, result.token);
    const user = await db.selectFrom('app_user').select(['id', 'name', 'preferred_language']).where('id', '=', result.userId).executeTakeFirstOrThrow();
    return { user: { id: user.id, name: user.name, preferredLanguage: user.preferred_language }, csrfToken: result.csrfToken, totpEnrolmentRequired: result.totpEnrolmentRequired };
  });

  r.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'Sign out: revokes the session; after a single sign-on, answers the provider’s URL to sign out there too', response: { 200: signedOut } },
    config: { permission: 'signed-in' },
  }, async (req, reply) => {
    const actor = actorOf(req);
    // The provider's ID token leaves the session row as the session ends.
    const sealedIdToken = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('user_session').select('oidc_id_token').where('token_hash', '=', actor.sessionTokenHash).forUpdate().executeTakeFirst();
      // Revoking empties the token in the same statement.
      await revokeSession(trx, actor.sessionTokenHash, clock);
      const kept = row?.oidc_id_token ?? null;
      await audit(trx, auditContextOf(actor), { event: 'auth.logout', entityType: 'user', entityId: actor.userId, ...(kept && config.oidc ? { details: { providerLogout: true } } : {}) });
      return kept;
    });
    forgetSessions();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    const providerLogoutUrl = sealedIdToken && config.oidc
      ? await ssoLogoutUrl(sealedIdToken, { oidc: config.oidc, cipher: deps.cipher, onProviderError: (e) => req.log.warn({ err: loggableError(e) }, 'OpenID provider unavailable for the single logout') })
      : null;
    return providerLogoutUrl ? { ok: true, providerLogoutUrl } : { ok: true };
  });

  r.get('/api/auth/sso', {
    schema: { tags: ['auth'], summary: 'Which single sign-on the sign-in page may offer', response: { 200: ssoOptions } },
    config: { auth: 'public' },
  }, async () => ({ oidc: Boolean(config.oidc) }));

  // Single sign-on: the browser is sent to the provider and comes back to the callback, which
  // answers with a redirect to the web app (`/`, or `/login?sso=<CODE>` when refused).
  const ssoCookie = { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/api/auth/sso' };
  const redirectSchema = { 302: z.null().describe('A redirect (Location header)') };
  r.get('/api/auth/sso/start', {
    schema: { tags: ['auth'], summary: 'Begin single sign-on: redirects to the organisation’s OpenID provider', response: redirectSchema },
    config: { auth: 'public', rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    if (!config.oidc) throw errors.SSO_NOT_CONFIGURED();
    try {
      const { url, state } = await startSso({ db, clock, oidc: config.oidc, onProviderError: (e) => req.log.warn({ err: loggableError(e) }, 'OpenID provider unavailable') });
      reply.setCookie(SSO_STATE_COOKIE, state, { ...ssoCookie, maxAge: SSO_LOGIN_MINUTES * 60 });
      return reply.redirect(url, 302);
    } catch (error) {
      if (error instanceof AppError) return reply.redirect(`/login?sso=${encodeURIComponent(error.code)}`, 302);
      throw error;
    }
  });
  r.get('/api/auth/sso/callback', {
    schema: { tags: ['auth'], summary: 'Single sign-on callback: opens a session for the matching Homeward user, then redirects', response: redirectSchema },
    config: { auth: 'public', rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    if (!config.oidc) throw errors.SSO_NOT_CONFIGURED();
    const query = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
    const cookieState = req.cookies[SSO_STATE_COOKIE];
    reply.clearCookie(SSO_STATE_COOKIE, { path: ssoCookie.path });
    try {
      const result = await completeSso(
        { query, cookieState, userAgent: req.headers['user-agent'] ?? null },
        { db, clock, oidc: config.oidc, session, cipher: deps.cipher, onProviderError: (e) => req.log.warn({ err: loggableError(e) }, 'Single sign-on failed at the provider') },
        req.ip,
      );
      setCookie(reply, result.token);
      return reply.redirect('/', 302);
    } catch (error) {
      if (error instanceof AppError) return reply.redirect(`/login?sso=${encodeURIComponent(error.code)}`, 302);
      throw error;
    }
  });

  r.get('/api/auth/sessions', { schema: { tags: ['auth'], summary: 'The signed-in user’s open sessions (device, address, times)', response: { 200: sessionList } }, config: { permission: 'signed-in' } }, async (req) =>
    listOwnSessions(actorOf(req), { ...deps, session }));
  r.delete('/api/auth/sessions/:id', { schema: { tags: ['auth'], summary: 'End one of the signed-in user’s sessions', params: idParams, response: { 200: okAnswer } }, config: { permission: 'signed-in' } }, async (req, reply) => {
    const { current } = await endOwnSession(actorOf(req), req.params.id, { ...deps, session });
    if (current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  r.get('/api/admin/users/:id/sessions', { schema: { tags: ['admin'], summary: 'A user’s open sessions', params: idParams, response: { 200: sessionList } }, config: { permission: 'user.manage' } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return listUserSessions(actor, req.params.id, { ...deps, session });
  });
  r.delete('/api/admin/users/:id/sessions/:sessionId', { schema: { tags: ['admin'], summary: 'End one of a user’s sessions', params: userSessionParams, response: { 200: okAnswer } }, config: { permission: 'user.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    const { current } = await endUserSession(actor, req.params.id, req.params.sessionId, { ...deps, session });
    if (current) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, their permissions and the CSRF token', response: { 200: meView } }, config: { permission: 'signed-in' } }, async (req) => {
    const a = actorOf(req);
    const office = a.officeId ? await db.selectFrom('office').select(['name', 'kind']).where('id', '=', a.officeId).executeTakeFirst() : undefined;
    return {
      user: { id: a.userId, name: a.name, email: a.email, preferredLanguage: a.preferredLanguage, officeId: a.officeId, officeName: office?.name ?? null, officeKind: office?.kind ?? null, organisationId: a.organisationId, totpEnabled: a.totpEnabled },
      permissions: [...a.grants.keys()],
      roles: a.roles.map((r) => ({ key: r.key, name: r.name, scope: r.scope })),
      csrfToken: a.csrfToken,
      totpEnrolmentRequired: a.totpEnrolmentRequired,
    };
  });

  r.patch('/api/auth/me', { schema: { tags: ['auth'], summary: "Change the signed-in user's preferences", body: preferencesBody, response: { 200: preferencesView } }, config: { permission: 'signed-in' } }, async (req) => {
    await updatePreferences(actorOf(req), req.body.preferredLanguage, deps);
    return { preferredLanguage: req.body.preferredLanguage };
  });

  r.post('/api/auth/totp/setup', { schema: { tags: ['auth'], summary: 'Start TOTP enrolment: a new secret', response: { 200: totpSecret } }, config: { permission: 'signed-in' } }, async (req) =>
    startTotpEnrolment(actorOf(req), deps));
  r.post('/api/auth/totp/enable', { schema: { tags: ['auth'], summary: 'Confirm TOTP enrolment with a code', body: totpCodeBody, response: { 200: totpState } }, config: { permission: 'signed-in' } }, async (req) => {
    await enableTotp(actorOf(req), req.body.code, deps);
    return { totpEnabled: true };
  });
  r.post('/api/auth/totp/disable', { schema: { tags: ['auth'], summary: 'Turn TOTP off (refused when a role requires it)', body: totpCodeBody, response: { 200: totpState } }, config: { permission: 'signed-in' } }, async (req) => {
    await disableTotp(actorOf(req), req.body.code, deps);
    return { totpEnabled: false };
  });

  r.post('/api/setup', {
    schema: { tags: ['auth'], summary: 'Create the first administrator with the one-time set-up token', body: setupBody, response: { 201: setupDone } },
    config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const result = await completeSetup(req.body, deps, req.ip);
    reply.status(201);
    return result;
  });

  r.get('/api/offices', { schema: { tags: ['access'], summary: 'All offices', response: { 200: z.array(officeView) } }, config: { permission: 'signed-in' } }, async () => listOffices(deps));
  r.get('/api/users/assignable', { schema: { tags: ['access'], summary: 'Active users who may own cases, within the actor’s scope', response: { 200: z.array(assignableUser) } }, config: { permission: 'case.read' } }, async (req) =>
    listAssignableUsers(actorOf(req), deps));
  r.get('/api/organisations', { schema: { tags: ['access'], summary: 'All organisations', response: { 200: z.array(organisationView) } }, config: { permission: 'signed-in' } }, async () => listOrganisations(deps));

  r.post('/api/admin/organisations', { schema: { tags: ['admin'], summary: 'Create an organisation', body: createOrganisationBody, response: { 201: organisationView } }, config: { permission: 'user.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await createOrganisation(actor, req.body, txDeps) }));
  });
  r.post('/api/admin/offices', { schema: { tags: ['admin'], summary: 'Create an office', body: createOfficeBody, response: { 201: officeView } }, config: { permission: 'user.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await createOffice(actor, req.body, txDeps) }));
  });

  r.get('/api/admin/users', { schema: { tags: ['admin'], summary: 'Users the administrator manages', response: { 200: z.array(userView) } }, config: { permission: 'user.manage' } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return listUsers(actor, deps);
  });
  r.post('/api/admin/users', { schema: { tags: ['admin'], summary: 'Create a user', body: createUserBody, response: { 201: userView } }, config: { permission: 'user.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return idempotent(deps, req, reply, async (txDeps) => {
      const user = await createUser(actor, req.body, txDeps);
      withEtag(reply, user);
      return { status: 201, body: user };
    });
  });
  r.get('/api/admin/users/:id', { schema: { tags: ['admin'], summary: 'One user', params: idParams, response: { 200: userView } }, config: { permission: 'user.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return withEtag(reply, await getUser(actor, req.params.id, deps));
  });
  r.patch('/api/admin/users/:id', { schema: { tags: ['admin'], summary: 'Update a user (If-Match); active:false ends their sessions', params: idParams, body: updateUserBody, response: { 200: userView } }, config: { permission: 'user.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    const version = expectedVersion(req, req.params.id);
    return withEtag(reply, await updateUser(actor, req.params.id, version, req.body, deps));
  });

  r.get('/api/admin/role-grants', {
    schema: { tags: ['admin'], summary: 'Role grants that wait for (or had) a second administrator’s approval', querystring: roleGrantListQuery, response: { 200: itemsOf(roleGrantView) } },
    config: { permission: 'user.manage' },
  }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return listGrantRequests(actor, req.query.status, deps);
  });
  r.post('/api/admin/role-grants/:id/approve', {
    schema: { tags: ['admin'], summary: 'Approve a role grant (not the requester, not the user it is for)', params: idParams, body: approveRoleGrantBody, response: { 200: roleGrantView } },
    config: { permission: 'user.manage' },
  }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return decideGrantRequest(actor, req.params.id, 'approved', undefined, deps);
  });
  r.post('/api/admin/role-grants/:id/reject', {
    schema: { tags: ['admin'], summary: 'Reject a role grant (not the requester, not the user it is for)', params: idParams, body: rejectRoleGrantBody, response: { 200: roleGrantView } },
    config: { permission: 'user.manage' },
  }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'user.manage');
    return decideGrantRequest(actor, req.params.id, 'rejected', req.body.reason || undefined, deps);
  });

  r.get('/api/admin/permissions', { schema: { tags: ['admin'], summary: 'Every action a role can grant, and the scopes', response: { 200: permissionList } }, config: { permission: 'role.manage' } }, async (req) => {
    requirePermission(actorOf(req), 'role.manage');
    return permissionCatalogue();
  });
  // Administrators who assign roles to users need the list too.
  r.get('/api/admin/roles', { schema: { tags: ['admin'], summary: 'Roles', response: { 200: z.array(roleView) } }, config: { permission: ['role.manage', 'user.manage'] } }, async () => listRoles(deps));
  r.post('/api/admin/roles', { schema: { tags: ['admin'], summary: 'Create a role', body: createRoleBody, response: { 201: roleView } }, config: { permission: 'role.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'role.manage');
    return idempotent(deps, req, reply, async (txDeps) => {
      const role = await createRole(actor, req.body, txDeps);
      withEtag(reply, role);
      return { status: 201, body: role };
    });
  });
  r.patch('/api/admin/roles/:id', { schema: { tags: ['admin'], summary: 'Update a role (If-Match)', params: idParams, body: updateRoleBody, response: { 200: roleView } }, config: { permission: 'role.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'role.manage');
    return withEtag(reply, await updateRole(actor, req.params.id, expectedVersion(req, req.params.id), req.body, deps));
  });

  r.post('/api/admin/audit/search', { schema: { tags: ['admin'], summary: 'Search the audit trail', body: auditSearchBody, response: { 200: auditSearchResult } }, config: { permission: 'audit.read' } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'audit.read');
    return searchAudit(actor, req.body, deps);
  });
  r.post('/api/admin/audit/people', { schema: { tags: ['admin'], summary: 'People an audit reader may pick as the actor, by name or e-mail, within the audit scope', body: auditPeopleBody, response: { 200: auditPeople } }, config: { permission: 'audit.read' } }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'audit.read');
    return findAuditPeople(actor, req.body, deps);
  });

  r.get('/api/admin/jobs', { schema: { tags: ['admin'], summary: 'The background job queues with their jobs by state (waiting, running, failed, done in the last day)', response: { 200: jobQueueList } }, config: { permission: 'jobs.manage' } },
    async (req) => listJobQueues({}, { ...deps, actor: actorOf(req) }));
  r.get('/api/admin/jobs/failed', { schema: { tags: ['admin'], summary: 'The jobs that failed after their retries, newest first (queue, id, attempts, times; never their data)', querystring: failedJobsQuery, response: { 200: failedJobPage } }, config: { permission: 'jobs.manage' } },
    async (req) => listFailedJobs(req.query, { ...deps, actor: actorOf(req) }));
  r.post('/api/admin/jobs/:queue/:id/retry', { schema: { tags: ['admin'], summary: 'Put a failed job back to run (audited)', params: jobParams, response: { 200: jobRetried } }, config: { permission: 'jobs.manage' } },
    async (req) => retryJob(req.params, { ...deps, actor: actorOf(req) }));
}

