import type { SessionRow } from './sessions.repo.js';

export function present(s: SessionRow, coi: unknown[], withNotes: boolean, now: Date) {
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
