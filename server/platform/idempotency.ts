import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from './actor.js';
import { joinTransaction, type Db } from './db.js';
import { platformErrors } from './platform.errors.js';

/** A key may be used afresh once its first use is this old; until then it replays. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 3600_000;
const MAX_KEY_LENGTH = 200;

/**
 * Creating POSTs may carry an Idempotency-Key: a retry with the same key answers the first
 * response instead of creating twice, even when the retries arrive all at once.
 *
 * Exactly once is the database's doing: the key row is inserted first, in the transaction that
 * creates the record, and its primary key (user_id, key) makes a concurrent request with the
 * same key wait until the first commits (it then replays the stored answer) or rolls back (it
 * then creates). A failed creation keeps no key. The use case runs in that transaction through
 * `create(deps)`: its `deps.db` is the open transaction, whose `transaction()` joins it (see
 * `joinTransaction`), so the record, its audit event and the key commit together. `create` must
 * use the deps it is given, never the ones the route closed over: those would read outside the
 * transaction and take a second pooled connection while holding the first.
 *
 * The same key with another method, route, path or body answers 422 IDEMPOTENCY_KEY_REUSED; the
 * comparison is by a sha256 fingerprint of the validated request. Keys older than a day may be
 * used afresh (the first use is then forgotten).
 */
export async function idempotent<D extends { db: Db; clock: Clock }, T>(
  deps: D,
  req: FastifyRequest,
  reply: FastifyReply,
  create: (deps: D) => Promise<{ status: number; body: T }>,
  /** What identifies the request when its body is not `req.body` (an upload: the file's digest, name and description). */
  options: { fingerprintBody?: unknown } = {},
): Promise<T> {
  const header = req.headers['idempotency-key'];
  if (!header) {
    const result = await create(deps);
    reply.status(result.status);
    return result.body;
  }
  if (!req.actor) throw platformErrors.AUTH_REQUIRED();
  const userId = req.actor.userId;
  const key = String(header);
  if (key.length > MAX_KEY_LENGTH) throw platformErrors.IDEMPOTENCY_KEY_INVALID(undefined, `Idempotency-Key is too long (${MAX_KEY_LENGTH} characters at most).`);
  const route = `${req.method} ${req.routeOptions.url}`;
  const fingerprint = requestFingerprint(route, req.params, 'fingerprintBody' in options ? options.fingerprintBody : req.body);
  const now = deps.clock.now();
  const expired = new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS);

  const outcome = await deps.db.transaction().execute(async (tx) => {
    // The answer is filled in below, before commit: no other transaction ever sees this placeholder.
    const pending = { route, fingerprint, status: 0, response: JSON.stringify(null), etag: null, created_at: now };
    const claimed = await tx
      .insertInto('idempotency_key')
      .values({ user_id: userId, key, ...pending })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet(pending).where('idempotency_key.created_at', '<', expired))
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const previous = await tx
        .selectFrom('idempotency_key')
        .select(['route', 'fingerprint', 'status', 'response', 'etag'])
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return { created: false as const, previous };
    }
    const result = await create({ ...deps, db: joinTransaction(tx) });
    const etag = reply.getHeader('etag');
    // Kept as it goes out: through the route's response schema for that status.
    reply.status(result.status);
    await tx
      .updateTable('idempotency_key')
      .set({ status: result.status, response: reply.serialize(result.body), etag: typeof etag === 'string' ? etag : null })
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .execute();
    return { created: true as const, result };
  });

  if (outcome.created) {
    reply.status(outcome.result.status);
    return outcome.result.body;
  }
  const { previous } = outcome;
  // Keys stored before fingerprints were kept are compared by route only.
  if (previous.fingerprint ? previous.fingerprint !== fingerprint : previous.route !== route) {
    throw platformErrors.IDEMPOTENCY_KEY_REUSED();
  }
  reply.status(previous.status).header('idempotent-replay', 'true');
  if (previous.etag) reply.header('etag', previous.etag);
  // A replay repeats the stored answer as it was sent, not through today's response schema.
  reply.serializer((payload: unknown) => JSON.stringify(payload));
  return previous.response as T;
}

/** sha256 of the route, the path parameters and the validated body, object keys sorted. */
/** The part of an upload that identifies it for an Idempotency-Key: the file's digest, its name and the description. */
export function uploadFingerprint(upload: { fileName: string; content: Buffer; description?: string }) {
  return { fileName: upload.fileName, sha256: createHash('sha256').update(upload.content).digest('hex'), description: upload.description ?? null };
}

function requestFingerprint(route: string, params: unknown, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([route, canonical(params ?? null), canonical(body ?? null)])).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, canonical(record[k])]));
  }
  return value;
}
