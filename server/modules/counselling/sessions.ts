import { sql } from 'kysely';
import { isStale } from '../../../shared/counselling.js';
import type { CreateSessionInput, UpdateSessionInput } from '../../../shared/schemas/counselling.js';
import { can, requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase, caseScope, findCase, loadMembers, type CaseRow, caseAudience, sharedWithOrigin } from '../cases/index.js';
import { coiSettings } from './coi.repo.js';
import { errors } from './counselling.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

/** Notes of a session are sensitive: absent (not blanked) for actors without case.note.sensitive. */
const canReadNotes = (actor: Actor) => can(actor, 'case.note.sensitive');
/** Who sees every counsellor's appointments in their scope, not only their own: office managers (case approvers). */
const seesAllAppointments = (actor: Actor) => can(actor, 'case.approve');

const sessionNotFound = () => errors.COUNSELLING_SESSION_NOT_FOUND();

/** Users of the case's office who may counsel (hold counselling.write through an active role). */
async function counsellorsOf(ex: Executor, officeId: string) {
  return ex
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name'])
    .where('u.office_id', '=', officeId)
    .where('u.active', '=', true)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'counselling.write' = ANY(r.permissions))`)
    .orderBy('u.name')
    .execute();
}

export async function listCounsellors(actor: Actor, { db }: Deps) {
  if (!can(actor, 'counselling.write')) requirePermission(actor, 'case.read');
  if (!actor.officeId) return { items: [] };
  return { items: await counsellorsOf(db, actor.officeId) };
}

type SessionRow = {
  id: string; case_id: string; starts_at: Date; mode: string; counsellor_id: string; counsellor_name: string; participant_person_ids: string[];
  other_participants: string[]; languages: string[]; interpreter_name: string | null; interpreter_language: string | null; topics: string[];
  notes: string | null; next_steps: string | null; status: 'scheduled' | 'held' | 'cancelled'; cancel_reason: string | null; version: number;
  created_at: Date; updated_at: Date;
};

const SESSION_COLUMNS = [
  's.id', 's.case_id', 's.starts_at', 's.mode', 's.counsellor_id', 'u.name as counsellor_name', 's.participant_person_ids', 's.other_participants',
  's.languages', 's.interpreter_name', 's.interpreter_language', 's.topics', 's.notes', 's.next_steps', 's.status', 's.cancel_reason', 's.version',
  's.created_at', 's.updated_at',
] as const;

async function coiGiven(ex: Executor, sessionIds: string[], now: Date) {
  if (!sessionIds.length) return new Map<string, unknown[]>();
  const { staleAfterMonths } = await coiSettings(ex);
  const rows = await ex
    .selectFrom('counselling_session_coi as sc')
    .innerJoin('coi_entry_version as v', 'v.id', 'sc.coi_version_id')
    .innerJoin('coi_entry as e', 'e.id', 'v.entry_id')
    .select(['sc.session_id', 'v.id as version_id', 'v.entry_id', 'v.version', 'v.title', 'v.language', 'v.information_date', 'e.country_code', 'e.topic', 'e.version as current_version'])
    .where('sc.session_id', 'in', sessionIds)
    .orderBy('e.topic').orderBy('v.title')
    .execute();
  const map = new Map<string, unknown[]>();
  for (const r of rows) {
    const list = map.get(r.session_id) ?? [];
    list.push({
      versionId: r.version_id, entryId: r.entry_id, version: r.version, title: r.title, language: r.language, informationDate: r.information_date,
      country: r.country_code, topic: r.topic, superseded: r.current_version > r.version, stale: isStale(r.information_date, staleAfterMonths, now),
    });
    map.set(r.session_id, list);
  }
  return map;
}

function present(s: SessionRow, coi: unknown[], withNotes: boolean, now: Date) {
  return {
    id: s.id,
    caseId: s.case_id,
    startsAt: s.starts_at.toISOString(),
    mode: s.mode,
    counsellorId: s.counsellor_id,
    counsellorName: s.counsellor_name,
    participantPersonIds: s.participant_person_ids,
    otherParticipants: s.other_participants,
    languages: s.languages,
    interpreter: s.interpreter_name ? { name: s.interpreter_name, language: s.interpreter_language } : null,
    topics: s.topics,
    coi,
    ...(withNotes ? { notes: s.notes } : {}),
    nextSteps: s.next_steps,
    status: s.status,
    cancelReason: s.cancel_reason,
    /** A scheduled session still ahead. */
    appointment: s.status === 'scheduled' && s.starts_at.getTime() > now.getTime(),
    version: s.version,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

function sessionsQuery(ex: Executor) {
  return ex.selectFrom('counselling_session as s').innerJoin('app_user as u', 'u.id', 's.counsellor_id').select(SESSION_COLUMNS);
}

/** The sessions of a case, newest first; reading their notes is audited. */
export async function listSessions(actor: Actor, caseId: string, { db, clock }: Deps) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const rows = (await sessionsQuery(db).where('s.case_id', '=', caseId).orderBy('s.starts_at', 'desc').orderBy('s.id').execute()) as SessionRow[];
  // The office in the country of return reads counselling notes only with the returnee's consent.
  const withNotes = canReadNotes(actor) && (caseAudience(actor, c) === 'host' || (await sharedWithOrigin(db, caseId)).counsellingNotes);
  const coi = await coiGiven(db, rows.map((r) => r.id), clock.now());
  if (withNotes && rows.some((r) => r.notes)) {
    await audit(db, auditContextOf(actor), { event: 'counselling.notes.viewed', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id, details: { sessions: rows.filter((r) => r.notes).map((r) => r.id) } });
  }
  return { items: rows.map((r) => present(r, coi.get(r.id) ?? [], withNotes, clock.now())) };
}

async function readSession(ex: Executor, id: string, withNotes: boolean, now: Date) {
  const row = (await sessionsQuery(ex).where('s.id', '=', id).executeTakeFirstOrThrow()) as SessionRow;
  const coi = await coiGiven(ex, [id], now);
  return present(row, coi.get(id) ?? [], withNotes, now);
}

interface Checked {
  counsellorId?: string;
  participantPersonIds?: string[];
  coiVersionIds?: string[];
}

/** What refers to other records must be of this case (members), this office (counsellor) and exist (COI versions). */
async function checkReferences(ex: Executor, c: CaseRow, input: Checked) {
  if (input.counsellorId) {
    const counsellors = await counsellorsOf(ex, c.office_id);
    if (!counsellors.some((u) => u.id === input.counsellorId)) {
      throw errors.COUNSELLOR_NOT_IN_OFFICE({ field: 'counsellorId' });
    }
  }
  if (input.participantPersonIds?.length) {
    const members = new Set((await loadMembers(ex, c.id)).map((m) => m.person_id));
    if (input.participantPersonIds.some((p) => !members.has(p))) {
      throw errors.PARTICIPANT_NOT_MEMBER({ field: 'participantPersonIds' });
    }
  }
  if (input.coiVersionIds?.length) {
    const found = await ex.selectFrom('coi_entry_version').select('id').where('id', 'in', input.coiVersionIds).execute();
    if (found.length !== new Set(input.coiVersionIds).size) {
      throw errors.COI_VERSION_NOT_FOUND({ field: 'coiVersionIds' }, 'A country information version given does not exist.');
    }
  }
}

function checkNotesAllowed(actor: Actor, notes: string | null | undefined) {
  // Writing notes one could not read back would be a trap.
  if (notes && !canReadNotes(actor)) throw platformErrors.FORBIDDEN({ field: 'notes' }, 'You may not write counselling notes (they are sensitive).');
}

function checkWhen(status: string, startsAt: Date, now: Date) {
  if (status === 'held' && startsAt.getTime() > now.getTime()) {
    throw errors.SESSION_HELD_IN_FUTURE({ field: 'startsAt' });
  }
}

export async function createSession(actor: Actor, caseId: string, input: CreateSessionInput, { db, clock }: Deps) {
  requirePermission(actor, 'counselling.write');
  checkNotesAllowed(actor, input.notes);
  const now = clock.now();
  const startsAt = new Date(input.startsAt);
  checkWhen(input.status, startsAt, now);
  return changeCase({ actor, db, clock }, { caseId, permission: 'counselling.write' }, async ({ trx, case: c }) => {
    await checkReferences(trx, c, input);
    const row = await trx
      .insertInto('counselling_session')
      .values({
        case_id: caseId, starts_at: startsAt, mode: input.mode, counsellor_id: input.counsellorId, participant_person_ids: input.participantPersonIds,
        other_participants: input.otherParticipants, languages: input.languages, interpreter_name: input.interpreter?.name ?? null,
        interpreter_language: input.interpreter?.language ?? null, topics: input.topics, notes: input.notes, next_steps: input.nextSteps,
        status: input.status, cancel_reason: null, created_by: actor.userId, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const coiIds = [...new Set(input.coiVersionIds)];
    if (coiIds.length) await trx.insertInto('counselling_session_coi').values(coiIds.map((v) => ({ session_id: row.id, coi_version_id: v }))).execute();
    const { notes, ...rest } = input;
    await audit(trx, auditContextOf(actor), {
      event: 'counselling.session.created', entityType: 'counselling_session', entityId: row.id, caseId, officeId: c.office_id,
      after: { ...rest, notes: notes ? '(sensitive)' : null },
    });
    return readSession(trx, row.id, canReadNotes(actor), now);
  });
}

export async function updateSession(actor: Actor, caseId: string, sessionId: string, expected: number, input: UpdateSessionInput, { db, clock }: Deps) {
  requirePermission(actor, 'counselling.write');
  checkNotesAllowed(actor, input.notes);
  const now = clock.now();
  return changeCase({ actor, db, clock }, { caseId, permission: 'counselling.write' }, async ({ trx, case: c }) => {
    const before = await trx.selectFrom('counselling_session').selectAll().where('id', '=', sessionId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!before) throw sessionNotFound();
    if (before.version !== expected) throw staleVersion();
    if (before.status === 'cancelled' && (input.status ?? 'cancelled') === 'cancelled' && Object.keys(input).some((k) => k !== 'status' && k !== 'cancelReason')) {
      throw errors.SESSION_CANCELLED();
    }
    const status = input.status ?? before.status;
    if (before.status === 'held' && status !== 'held') {
      throw errors.SESSION_ALREADY_HELD({ field: 'status' });
    }
    if (status === 'cancelled' && !input.cancelReason && before.status !== 'cancelled') {
      throw platformErrors.VALIDATION_FAILED({ field: 'cancelReason' }, 'Say why the session was cancelled.');
    }
    if (input.cancelReason && status !== 'cancelled') {
      throw platformErrors.VALIDATION_FAILED({ field: 'cancelReason' }, 'A reason is given only when cancelling.');
    }
    const startsAt = input.startsAt ? new Date(input.startsAt) : before.starts_at;
    if (input.status === 'held' || input.startsAt) checkWhen(status, startsAt, now);
    await checkReferences(trx, c, input);
    await trx
      .updateTable('counselling_session')
      .set({
        starts_at: startsAt,
        mode: input.mode ?? before.mode,
        counsellor_id: input.counsellorId ?? before.counsellor_id,
        participant_person_ids: input.participantPersonIds ?? before.participant_person_ids,
        other_participants: input.otherParticipants ?? before.other_participants,
        languages: input.languages ?? before.languages,
        interpreter_name: input.interpreter === undefined ? before.interpreter_name : input.interpreter?.name ?? null,
        interpreter_language: input.interpreter === undefined ? before.interpreter_language : input.interpreter?.language ?? null,
        topics: input.topics ?? before.topics,
        // Without the right to notes, an actor can neither see nor clear them.
        notes: input.notes === undefined || !canReadNotes(actor) ? before.notes : input.notes || null,
        next_steps: input.nextSteps === undefined ? before.next_steps : input.nextSteps || null,
        status,
        cancel_reason: status === 'cancelled' ? input.cancelReason ?? before.cancel_reason : null,
        version: before.version + 1,
        updated_at: now,
      })
      .where('id', '=', sessionId)
      .execute();
    if (input.coiVersionIds) {
      await trx.deleteFrom('counselling_session_coi').where('session_id', '=', sessionId).execute();
      const coiIds = [...new Set(input.coiVersionIds)];
      if (coiIds.length) await trx.insertInto('counselling_session_coi').values(coiIds.map((v) => ({ session_id: sessionId, coi_version_id: v }))).execute();
    }
    const { notes, ...rest } = input;
    await audit(trx, auditContextOf(actor), {
      event: 'counselling.session.updated', entityType: 'counselling_session', entityId: sessionId, caseId, officeId: c.office_id,
      before: { status: before.status, startsAt: before.starts_at.toISOString(), mode: before.mode, counsellorId: before.counsellor_id, version: before.version },
      after: { ...rest, ...(notes !== undefined ? { notes: '(sensitive)' } : {}), version: before.version + 1 },
    });
    return readSession(trx, sessionId, canReadNotes(actor), now);
  });
}

/**
 * Upcoming appointments (scheduled sessions ahead) in the actor's case scope: a counsellor's own;
 * an office manager's view covers every counsellor, optionally one.
 */
export async function listAppointments(actor: Actor, input: { counsellorId?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'counselling.write');
  const all = seesAllAppointments(actor);
  const counsellorId = all ? input.counsellorId : actor.userId;
  if (!all && input.counsellorId && input.counsellorId !== actor.userId) {
    throw platformErrors.FORBIDDEN({ field: 'counsellorId' }, 'You see only your own appointments.');
  }
  let q = db
    .selectFrom('counselling_session as s')
    .innerJoin('return_case as c', 'c.id', 's.case_id')
    .innerJoin('person as p', 'p.id', 'c.principal_person_id')
    .innerJoin('app_user as u', 'u.id', 's.counsellor_id')
    .select(['s.id', 's.case_id', 'c.case_number', 'p.given_name', 'p.family_name', 's.starts_at', 's.mode', 's.counsellor_id', 'u.name as counsellor_name', 's.topics', 's.languages', 's.interpreter_name', 's.interpreter_language'])
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', clock.now())
    .where(caseScope(actor, 'case.read'));
  if (counsellorId) q = q.where('s.counsellor_id', '=', counsellorId);
  const rows = await q.orderBy('s.starts_at').orderBy('s.id').limit(500).execute();
  return {
    seesAll: all,
    items: rows.map((r) => ({
      id: r.id, caseId: r.case_id, caseNumber: r.case_number, principalName: `${r.given_name} ${r.family_name}`, startsAt: r.starts_at.toISOString(),
      mode: r.mode, counsellorId: r.counsellor_id, counsellorName: r.counsellor_name, topics: r.topics, languages: r.languages,
      interpreter: r.interpreter_name ? { name: r.interpreter_name, language: r.interpreter_language } : null,
    })),
  };
}

/** Whether the case has had at least one counselling session held (for the decision capability). */
export async function hasHeldCounselling(ex: Executor, caseId: string): Promise<boolean> {
  const row = await ex.selectFrom('counselling_session').select('id').where('case_id', '=', caseId).where('status', '=', 'held').limit(1).executeTakeFirst();
  return Boolean(row);
}
