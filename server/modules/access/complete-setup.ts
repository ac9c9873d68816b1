import type { Clock } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { ensureBuiltinRoles } from './builtin-roles.js';
import { hashPassword } from './passwords.js';
import { errors } from './access.errors.js';

/**
 * Without demo data there are no accounts at all: start-up prints a one-time link that lets the
 * first person create the administrator. Returns null when users already exist.
 */
export async function issueSetupToken(db: Db, clock: Clock): Promise<string | null> {
  const anyUser = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (anyUser) return null;
  const token = randomToken();
  await db
    .insertInto('setup_token')
    .values({ token_hash: hashToken(token), expires_at: new Date(clock.now().getTime() + 24 * 3600_000), used_at: null })
    .execute();
  return token;
}

export async function completeSetup(
  input: { token: string; organisationName?: string; name: string; email: string; password: string },
  { db, clock }: { db: Db; clock: Clock },
  ip: string | null,
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const now = clock.now();
    const token = await trx
      .selectFrom('setup_token')
      .selectAll()
      .where('token_hash', '=', hashToken(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!token || token.used_at || token.expires_at <= now) {
      throw errors.SETUP_TOKEN_INVALID();
    }
    const anyUser = await trx.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
    if (anyUser) throw errors.SETUP_ALREADY_DONE();
    await trx.updateTable('setup_token').set({ used_at: now }).where('token_hash', '=', token.token_hash).execute();
    const roles = await ensureBuiltinRoles(trx);
    const organisation = await trx
      .insertInto('organisation')
      .values({ name: input.organisationName ?? 'Implementing organisation', kind: 'implementing' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await trx
      .insertInto('app_user')
      .values({ name: input.name, email: input.email.toLowerCase(), organisation_id: organisation.id, office_id: null, password_hash: passwordHash, totp_secret: null, totp_last_step: null, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_role').values({ user_id: user.id, role_id: roles.get('administrator')! }).execute();
    await audit(trx, { actorId: user.id, officeId: null, ip }, { event: 'auth.setup.completed', entityType: 'user', entityId: user.id, after: { name: input.name, organisationId: organisation.id } });
    return { userId: user.id };
  });
}
