import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { isPermission, widerScope, type Permission, type Scope } from '../../shared/access.js';
import type { Actor, Clock } from './actor.js';
import { hashToken, randomToken } from './crypto.js';
import type { Db, Executor } from './db.js';

export const SESSION_COOKIE = 'hw_session';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** How and from where a session was opened, kept for its user's own list of sessions. */
export interface SessionOrigin {
  userAgent?: string | null;
  ip?: string | null;
  method?: 'password' | 'oidc';
  /** The authentication methods an OpenID provider reported (`amr`). */
  amr?: string[] | null;
  /** The OpenID provider's ID token, already encrypted: sent back as `id_token_hint` when the user signs out. */
  sealedIdToken?: string | null;
}

/** Longest user agent kept: enough to tell the browser and system apart, never a whole header dump. */
const USER_AGENT_MAX = 400;

export async function createSession(ex: Executor, userId: string, clock: Clock, policy: SessionPolicy, origin: SessionOrigin = {}) {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const now = clock.now();
  await ex
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + policy.absoluteHours * 3600_000),
      user_agent: origin.userAgent ? origin.userAgent.slice(0, USER_AGENT_MAX) : null,
      ip_address: origin.ip ?? null,
      auth_method: origin.method ?? 'password',
      amr: origin.amr?.length ? origin.amr.slice(0, 10).map((m) => m.slice(0, 40)) : null,
      oidc_id_token: origin.sealedIdToken ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/**
 * A user's sessions that still open Homeward: not revoked, not past their absolute lifetime and not
 * idle for longer than the policy allows. Newest use first.
 */
export async function activeSessions(ex: Executor, userId: string, clock: Clock, policy: SessionPolicy) {
  const now = clock.now();
  return ex
    .selectFrom('user_session')
    .select(['id', 'token_hash', 'user_agent', 'ip_address', 'auth_method', 'amr', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - policy.idleMinutes * 60_000))
    .orderBy('last_seen_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * Ends one of a user's sessions by its public id; answers the ended session's token hash, or null
 * when the id is not that user's or the session had already ended. The caller calls `forgetSessions()` again
 * once its transaction committed.
 */
export async function revokeSessionById(ex: Executor, userId: string, sessionId: string, clock: Clock): Promise<string | null> {
  forgetSessions();
  const ended = await ex
    .updateTable('user_session')
    .set({ revoked_at: clock.now(), oidc_id_token: null })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', clock.now())
    .returning('token_hash')
    .executeTakeFirst();
  return ended?.token_hash ?? null;
}

/**
 * Revokes one session and empties its single sign-on ID token (as every revocation here does, in
 * the same statement); the caller calls `forgetSessions()` again once its transaction committed.
 */
export async function revokeSession(ex: Executor, tokenHash: string, clock: Clock) {
  forgetSessions();
  await ex.updateTable('user_session').set({ revoked_at: clock.now(), oidc_id_token: null }).where('token_hash', '=', tokenHash).execute();
}

/**
 * Disabling a user, or changing their roles, ends every session they have at once; the caller calls
 * `forgetSessions()` again once its transaction committed.
 */
export async function revokeUserSessions(ex: Executor, userId: string, clock: Clock) {
  forgetSessions();
  await ex
    .updateTable('user_session')
    .set({ revoked_at: clock.now(), oidc_id_token: null })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Loads a user's roles and folds them into grants (each action at its widest scope). */
export async function loadGrants(ex: Executor, userId: string) {
  const roles = await ex
    .selectFrom('user_role')
    .innerJoin('role', 'role.id', 'user_role.role_id')
    .select(['role.id', 'role.key', 'role.name', 'role.scope', 'role.permissions', 'role.require_totp'])
    .where('user_role.user_id', '=', userId)
    .orderBy('role.key')
    .execute();
  const grants = new Map<Permission, Scope>();
  for (const role of roles) {
    for (const p of role.permissions) {
      if (!isPermission(p)) continue;
      const current = grants.get(p);
      grants.set(p, current ? widerScope(current, role.scope) : role.scope);
    }
  }
  return { roles, grants, requireTotp: roles.some((r) => r.require_totp) };
}

/**
 * Resolved sessions, kept by each Homeward node (one `SessionCache` per application) for a moment:
 * a page load makes several calls, and each would otherwise read the session, its user and their
 * roles again. An entry lives `ttlMs` at most (`HOMEWARD_SESSION_CACHE_MS`, SESSION_CACHE_MS by
 * default). Every write that changes what a session resolves to (sign-out, a user's roles,
 * activity, password, office, language or TOTP, a role's permissions) calls `forgetSessions()`
 * once it has committed, so on the node that made it it takes effect at the next request. Every
 * other node hears of it from the database: triggers (migration 0062) send NOTIFY on
 * `homeward_sessions` with the change's commit, and each node's listener (`listenForSessionChanges`)
 * drops what it kept. Only while a node's listening connection is down does an ended session stay
 * usable there, for `ttlMs` at most.
 */
export const SESSION_CACHE_MS = 2_000;
const SESSION_CACHE_MAX = 10_000;
/** The channel the triggers of migration 0062 notify; the payload is empty. */
export const SESSIONS_CHANNEL = 'homeward_sessions';

interface ResolvedSession {
  row: {
    csrf_token: string; last_seen_at: Date; expires_at: Date; user_id: string; name: string; email: string;
    office_id: string | null; organisation_id: string; preferred_language: string; totp_enabled: boolean;
  };
  roles: { id: string; key: string; name: string; scope: Scope }[];
  grants: ReadonlyMap<Permission, Scope>;
  requireTotp: boolean;
  loadedAt: number;
}

/** Every node's cache in this process (one in production; tests build several nodes in one process). */
const caches = new Set<SessionCache>();
/** The cache of the node serving the current request (set by `setupHttp` for each request). */
const servingNode = new AsyncLocalStorage<SessionCache>();

export class SessionCache {
  readonly entries = new Map<string, ResolvedSession>();
  /** Bumped by every `forget()`: a load that began before it is not kept. */
  generation = 0;
  constructor(readonly ttlMs: number = SESSION_CACHE_MS) {
    caches.add(this);
  }
  forget(): void {
    this.generation += 1;
    this.entries.clear();
  }
  close(): void {
    this.forget();
    caches.delete(this);
  }
  /** Runs `fn` (a request) with this cache as the one `forgetSessions()` clears. */
  serve(fn: () => void): void {
    servingNode.run(this, fn);
  }
}

/**
 * Drops the sessions resolved by the node serving this request (outside a request: by every node
 * of this process); the other nodes hear of the change through NOTIFY. Call it after the
 * transaction of a change that alters what a session resolves to has committed (and may call it
 * inside it as well).
 */
export function forgetSessions(): void {
  const here = servingNode.getStore();
  if (here) here.forget();
  else for (const cache of caches) cache.forget();
}

/** How long a node waits before listening again after its listening connection was lost. */
const RELISTEN_MS = 1_000;

/**
 * Keeps a connection of its own listening on `homeward_sessions` and clears `cache` at each
 * notification, and whenever the connection is lost or made again (notifications may have been
 * missed meanwhile; entries then live `ttlMs` at most). Resolves once the first attempt to listen
 * has succeeded or failed; `stop()` ends it.
 */
export async function listenForSessionChanges(connectionString: string, cache: SessionCache, log: (message: string) => void = () => {}) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  // Said once per outage, not at every attempt to listen again.
  let reported = false;
  const lost = (err?: Error) => {
    cache.forget();
    const dead = client;
    client = null;
    dead?.removeAllListeners();
    dead?.on('error', () => undefined);
    void dead?.end().catch(() => undefined);
    if (stopped) return;
    if (err && !reported) log(`session change notifications lost (${err.message}); trying again every ${RELISTEN_MS} ms, sessions kept ${cache.ttlMs} ms at most meanwhile`);
    reported = true;
    retry = setTimeout(() => void listen(), RELISTEN_MS);
    retry.unref();
  };
  const listen = async () => {
    const c = new pg.Client({ connectionString, application_name: 'homeward-sessions', connectionTimeoutMillis: 5_000 });
    c.on('error', (err) => lost(err));
    c.on('end', () => client === c && lost(new Error('connection ended')));
    c.on('notification', (n) => n.channel === SESSIONS_CHANNEL && cache.forget());
    try {
      client = c;
      await c.connect();
      await c.query(`LISTEN ${SESSIONS_CHANNEL}`);
      // Anything that changed before the LISTEN took effect is not kept either.
      cache.forget();
      if (reported) log('session change notifications heard again');
      reported = false;
    } catch (err) {
      if (client === c) lost(err as Error);
    }
  };
  await listen();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = null;
      c?.removeAllListeners();
      c?.on('error', () => undefined);
      await c?.end().catch(() => undefined);
    },
  };
}

async function loadSession(db: Db, cache: SessionCache, tokenHash: string): Promise<ResolvedSession | null> {
  const startedAt = cache.generation;
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.csrf_token', 's.last_seen_at', 's.expires_at', 's.revoked_at',
      'u.id as user_id', 'u.name', 'u.email', 'u.office_id', 'u.organisation_id', 'u.preferred_language',
      'u.active', 'u.totp_enabled',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  // Unknown, revoked and disabled sessions are never kept: each such request reads the database.
  if (!row || row.revoked_at || !row.active) return null;
  const { roles, grants, requireTotp } = await loadGrants(db, row.user_id);
  const entry: ResolvedSession = {
    row,
    roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, scope: r.scope })),
    grants, requireTotp, loadedAt: performance.now(),
  };
  if (startedAt === cache.generation) {
    if (cache.entries.size >= SESSION_CACHE_MAX) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(tokenHash, entry);
  }
  return entry;
}

/**
 * Resolves a session token into an actor, or null when the session is unknown, revoked,
 * idle for too long, past its absolute lifetime, or its user is disabled. Touches last_seen_at
 * at most once a minute.
 */
export async function resolveSession(
  db: Db,
  token: string,
  clock: Clock,
  policy: SessionPolicy,
  ip: string | null,
  cache: SessionCache,
): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const now = clock.now();
  let session = cache.entries.get(tokenHash);
  if (session && performance.now() - session.loadedAt > cache.ttlMs) {
    cache.entries.delete(tokenHash);
    session = undefined;
  }
  session ??= (await loadSession(db, cache, tokenHash)) ?? undefined;
  if (!session) return null;
  const { row } = session;
  if (row.expires_at <= now || now.getTime() - row.last_seen_at.getTime() > policy.idleMinutes * 60_000) {
    cache.entries.delete(tokenHash);
    return null;
  }
  // Touch at most once a minute: a page load makes several calls.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    row.last_seen_at = now;
    await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    officeId: row.office_id,
    organisationId: row.organisation_id,
    preferredLanguage: row.preferred_language,
    grants: session.grants,
    roles: session.roles,
    totpEnabled: row.totp_enabled,
    totpEnrolmentRequired: session.requireTotp && !row.totp_enabled,
    sessionTokenHash: tokenHash,
    csrfToken: row.csrf_token,
    ip,
    at: now,
  };
}

/**
 * Removes sessions that ended long ago (the hourly purge), and empties the single sign-on ID token
 * of every session that no longer opens Homeward: revoked, past its absolute lifetime, or (when
 * `idleMinutes` is given) unused for longer. Answers how many tokens it emptied.
 */
export async function purgeOldSessions(db: Db, clock: Clock, idleMinutes?: number) {
  const now = clock.now();
  await db
    .deleteFrom('user_session')
    .where(sql<boolean>`expires_at < ${new Date(now.getTime() - 7 * 86400_000)}`)
    .execute();
  const cleared = await db
    .updateTable('user_session')
    .set({ oidc_id_token: null })
    .where('oidc_id_token', 'is not', null)
    .where((eb) => eb.or([
      eb('revoked_at', 'is not', null),
      eb('expires_at', '<=', now),
      ...(idleMinutes === undefined ? [] : [eb('last_seen_at', '<', new Date(now.getTime() - idleMinutes * 60_000))]),
    ]))
    .executeTakeFirst();
  return { idTokensCleared: Number(cleared.numUpdatedRows) };
}
