import type { Selectable } from 'kysely';
import { scopeFor, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { caseErrors, scopeCondition } from '../cases/index.js';
import type { AccessRequestTable } from './privacy.tables.js';
import { errors } from './privacy.errors.js';

/** How long a bundle's files are kept for the officer to send them to the returnee. */
export const ACCESS_REQUEST_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The cases of the officer's scope for access requests (host or origin office in it, restricted
 * or not: the returnee is owed what every case holds about them).
 */
const officerCases = (actor: Actor) => scopeCondition(actor, scopeFor(actor, 'person.access_request'));

/** A person of a case in the officer's scope, with those cases (the only ones the bundle reads), or 404. */
export async function personInScope(ex: Executor, actor: Actor, personId: string) {
  const cases = await ex
    .selectFrom('case_member as m')
    .innerJoin('return_case as c', 'c.id', 'm.case_id')
    .select(['c.id', 'c.office_id'])
    .where('m.person_id', '=', personId)
    .where(officerCases(actor))
    .orderBy('c.created_at')
    .execute();
  if (!cases.length) throw caseErrors.PERSON_NOT_FOUND();
  return { personId, caseIds: cases.map((c) => c.id), officeId: cases[0].office_id };
}

type Row = Selectable<AccessRequestTable>;
export const REQUEST_COLUMNS = [
  'r.id', 'r.person_id', 'r.language', 'r.reference', 'r.status', 'r.sections_done', 'r.sections_total', 'r.error_code', 'r.created_at', 'r.finished_at', 'r.expires_at',
] as const;
type Listed = Pick<Row, 'id' | 'person_id' | 'language' | 'reference' | 'status' | 'sections_done' | 'sections_total' | 'error_code' | 'created_at' | 'finished_at' | 'expires_at'> & { requested_by_name: string };

export function presentRequest(r: Listed, now: Date) {
  const expired = r.expires_at.getTime() <= now.getTime();
  return {
    id: r.id,
    personId: r.person_id,
    language: r.language,
    reference: r.reference,
    status: (r.status === 'done' && expired ? 'expired' : r.status) as 'queued' | 'running' | 'done' | 'failed' | 'expired',
    sectionsDone: r.sections_done,
    sectionsTotal: r.sections_total,
    errorCode: r.error_code,
    requestedBy: r.requested_by_name,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    expiresAt: r.expires_at,
  };
}

/** Requests about persons of the officer's scope: `where` narrows them (one person, one request). */
export function readRequests(ex: Executor) {
  return ex.selectFrom('access_request as r').innerJoin('app_user as u', 'u.id', 'r.requested_by').select([...REQUEST_COLUMNS, 'u.name as requested_by_name']);
}

/** One request whose person is in the officer's scope now, or 404. */
export async function requestInScope(ex: Executor, actor: Actor, id: string) {
  const r = await readRequests(ex).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw errors.ACCESS_REQUEST_NOT_FOUND();
  try {
    await personInScope(ex, actor, r.person_id);
  } catch {
    throw errors.ACCESS_REQUEST_NOT_FOUND();
  }
  return r;
}
