import { describeDevice } from '../../../shared/user-agent.js';
import type { Actor, Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { activeSessions, forgetSessions, revokeSessionById, type SessionPolicy } from '../../platform/session.js';
import { errors } from './access.errors.js';
import { getUser } from './manage-users.js';

interface Deps {
  db: Db;
  clock: Clock;
  session: SessionPolicy;
}

type SessionRow = Awaited<ReturnType<typeof activeSessions>>[number];

/** A session as its user sees it: the device in a short form, never the raw header or the token. */
function present(row: SessionRow, currentTokenHash: string | null) {
  const { browser, system } = describeDevice(row.user_agent);
  return {
    id: row.id,
    browser,
    system,
    ipAddress: row.ip_address,
    method: row.auth_method,
    amr: row.amr ?? [],
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    current: row.token_hash === currentTokenHash,
  };
}

/** The signed-in user's open sessions, this one marked. */
export async function listOwnSessions(actor: Actor, { db, clock, session }: Deps) {
  const rows = await activeSessions(db, actor.userId, clock, session);
  return { items: rows.map((r) => present(r, actor.sessionTokenHash)) };
}

/** A user's open sessions, for an administrator who manages them (404 outside their scope). */
export async function listUserSessions(actor: Actor, userId: string, deps: Deps) {
  await getUser(actor, userId, deps);
  const rows = await activeSessions(deps.db, userId, deps.clock, deps.session);
  return { items: rows.map((r) => present(r, actor.userId === userId ? actor.sessionTokenHash : null)) };
}

/** Ends the session; answers whether it was the one the request was made with. */
async function end(actor: Actor, userId: string, sessionId: string, by: 'self' | 'administrator', { db, clock }: Deps) {
  const tokenHash = await db.transaction().execute(async (trx) => {
    const ended = await revokeSessionById(trx, userId, sessionId, clock);
    if (!ended) throw errors.SESSION_NOT_FOUND();
    await audit(trx, auditContextOf(actor), { event: 'session.ended', entityType: 'user', entityId: userId, details: { sessionId, by } });
    return ended;
  });
  forgetSessions();
  return { current: tokenHash === actor.sessionTokenHash };
}

/** Ends one of the signed-in user's own sessions (another device's, or this one). */
export async function endOwnSession(actor: Actor, sessionId: string, deps: Deps) {
  return end(actor, actor.userId, sessionId, 'self', deps);
}

/** Ends one of a user's sessions, for an administrator who manages them. */
export async function endUserSession(actor: Actor, userId: string, sessionId: string, deps: Deps) {
  await getUser(actor, userId, deps);
  return end(actor, userId, sessionId, actor.userId === userId ? 'self' : 'administrator', deps);
}
