import { sql } from 'kysely';
import { isStale } from '../../../shared/counselling.js';
import { can, type Actor, type Clock } from '../../platform/actor.js';
import type { Db, Executor } from '../../platform/db.js';
import { openIfSealed } from '../../platform/person-keys.js';
import { loadMembers, type CaseRow } from '../cases/index.js';
import { coiSettings } from './coi.repo.js';
import { errors } from './counselling.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { present } from './sessions.present.js';
import { openSessionRow } from './session-sealing.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

/** Notes of a session are sensitive: absent (not blanked) for actors without case.note.sensitive. */
export const canReadNotes = (actor: Actor) => can(actor, 'case.note.sensitive');
/** Who sees every counsellor's appointments in their scope, not only their own: office managers (case approvers). */
export const seesAllAppointments = (actor: Actor) => can(actor, 'case.approve');

export const sessionNotFound = () => errors.COUNSELLING_SESSION_NOT_FOUND();

/** Users of the case's office who may counsel (hold counselling.write through an active role). */
export async function counsellorsOf(ex: Executor, officeId: string) {
  return ex
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name'])
    .where('u.office_id', '=', officeId)
    .where('u.active', '=', true)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'counselling.write' = ANY(r.permissions))`)
    .orderBy('u.name')
    .execute();
}

export type SessionRow = {
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

export async function coiGiven(ex: Executor, sessionIds: string[], now: Date) {
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

export function sessionsQuery(ex: Executor) {
  return ex.selectFrom('counselling_session as s').innerJoin('app_user as u', 'u.id', 's.counsellor_id').select(SESSION_COLUMNS);
}

export async function readSession(ex: Executor, id: string, withNotes: boolean, now: Date) {
  const row = await openSessionRow(ex, (await sessionsQuery(ex).where('s.id', '=', id).executeTakeFirstOrThrow()) as SessionRow);
  const coi = await coiGiven(ex, [id], now);
  return present(row, coi.get(id) ?? [], withNotes, now);
}

interface Checked {
  counsellorId?: string;
  participantPersonIds?: string[];
  coiVersionIds?: string[];
}

/** What refers to other records must be of this case (members), this office (counsellor) and exist (COI versions). */
export async function checkReferences(ex: Executor, c: CaseRow, input: Checked) {
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

export function checkNotesAllowed(actor: Actor, notes: string | null | undefined) {
  // Writing notes one could not read back would be a trap.
  if (notes && !canReadNotes(actor)) throw platformErrors.FORBIDDEN({ field: 'notes' }, 'You may not write counselling notes (they are sensitive).');
}

export function checkWhen(status: string, startsAt: Date, now: Date) {
  if (status === 'held' && startsAt.getTime() > now.getTime()) {
    throw errors.SESSION_HELD_IN_FUTURE({ field: 'startsAt' });
  }
}

/** Whether the case has had at least one counselling session held (for the decision capability). */
export async function hasHeldCounselling(ex: Executor, caseId: string): Promise<boolean> {
  const row = await ex.selectFrom('counselling_session').select('id').where('case_id', '=', caseId).where('status', '=', 'held').limit(1).executeTakeFirst();
  return Boolean(row);
}

/**
 * The notes of a case's counselling sessions (cancelled ones left out), newest first, for a reader
 * that has already checked the field policy or the returnee's consent: the handover package. The
 * caller audits the reading.
 */
export async function sessionNotesOf(ex: Executor, caseId: string) {
  const rows = await ex
    .selectFrom('counselling_session as s')
    .innerJoin('app_user as u', 'u.id', 's.counsellor_id')
    .select(['s.id', 's.starts_at', 's.notes', 'u.name as counsellor_name'])
    .where('s.case_id', '=', caseId)
    .where('s.status', '<>', 'cancelled')
    .where('s.notes', 'is not', null)
    .where('s.notes', '<>', '')
    .orderBy('s.starts_at', 'desc')
    .orderBy('s.id')
    .execute();
  return Promise.all(rows.map(async (r) => ({ id: r.id, startsAt: r.starts_at, notes: (await openIfSealed(ex, r.notes)) ?? '', counsellorName: r.counsellor_name })));
}
