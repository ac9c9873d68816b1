import { type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { caseFieldPolicy, findCase } from '../cases/index.js';
import { Deps, SessionRow, coiGiven, sessionsQuery } from './sessions.repo.js';
import { present } from './sessions.present.js';
import { openSessionRow } from './session-sealing.js';

/** The sessions of a case, newest first; reading their notes is audited. */
export async function listSessions(actor: Actor, caseId: string, { db, clock }: Deps) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const stored = (await sessionsQuery(db).where('s.case_id', '=', caseId).orderBy('s.starts_at', 'desc').orderBy('s.id').execute()) as SessionRow[];
  const rows = await Promise.all(stored.map((r) => openSessionRow(db, r)));
  // The office in the country of return reads counselling notes only with the returnee's consent.
  const withNotes = (await caseFieldPolicy(db, actor, c)).sensitiveNotes;
  const coi = await coiGiven(db, rows.map((r) => r.id), clock.now());
  if (withNotes && rows.some((r) => r.notes)) {
    await audit(db, auditContextOf(actor), { event: 'counselling.notes.viewed', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id, details: { sessions: rows.filter((r) => r.notes).map((r) => r.id) } });
  }
  return { items: rows.map((r) => present(r, coi.get(r.id) ?? [], withNotes, clock.now())) };
}
