import { sql, type RawBuilder } from 'kysely';
import type { ErasureKind } from '../../../shared/schemas/person-erasure.js';
import type { Executor } from '../../platform/db.js';

/**
 * What an erasure destroys, kind by kind, and what blocks it (docs/data-protection.md, "Erasure").
 * The count of the preview and the purge of the erasure share each part's condition, so the
 * preview lists exactly what the erasure destroys. Free text of a case (notes, counselling notes,
 * stage reasons, ...) and its attachments are about the person when no other member of the case
 * remains (the case's only member, or the last one not erased: "sole cases"); in a household they
 * stay while another member is not erased, as they are about the others too. What is tied
 * to the person themselves (documents, health records, vulnerability details, certificates,
 * declarations) goes in every case.
 *
 * Erasure writes other modules' tables (travel, protection, counselling, handover, monitoring,
 * decisions, imports) directly in SQL: their modules import cases, so cases cannot call them, and
 * an erasure must be one transaction.
 */
export interface ErasureTarget {
  personId: string;
  /** Every case the person is a member of. */
  cases: string[];
  /** The cases no other member remains in: the person is the only member, or every other one was erased. */
  soleCases: string[];
}

interface Part {
  kind: ErasureKind;
  table: string;
  /** The rows of the table this part reaches (no alias: the table's own columns). */
  where: (t: ErasureTarget) => RawBuilder<boolean>;
  /** The columns set (anonymised), or the rows deleted. */
  purge: RawBuilder<unknown> | 'delete';
}

const ids = (list: string[]) => sql`${list}::uuid[]`;
const ofPerson = (t: ErasureTarget) => sql<boolean>`person_id = ${t.personId}`;
const ofSoleCases = (t: ErasureTarget) => sql<boolean>`case_id = ANY(${ids(t.soleCases)})`;

/** The person's attachments: every file of their sole cases, and certificates and declarations that are theirs in any case. */
const personAttachments = (t: ErasureTarget) => sql<boolean>`(case_id = ANY(${ids(t.soleCases)})
  OR id IN (SELECT certificate_attachment_id FROM health_record WHERE person_id = ${t.personId})
  OR id IN (SELECT declaration_attachment_id FROM informed_decision WHERE person_id = ${t.personId}))`;

const PARTS: Part[] = [
  { kind: 'identity_documents', table: 'identity_document', where: ofPerson, purge: 'delete' },
  {
    kind: 'travel_documents', table: 'travel_document',
    where: (t) => sql<boolean>`person_id = ${t.personId} AND (number_encrypted IS NOT NULL OR number_last IS NOT NULL OR issuing_authority IS NOT NULL OR notes IS NOT NULL)`,
    purge: sql`number_encrypted = NULL, number_last = NULL, issuing_authority = NULL, notes = NULL`,
  },
  { kind: 'notes', table: 'case_note', where: ofSoleCases, purge: 'delete' },
  {
    kind: 'attachments', table: 'case_attachment', where: (t) => sql<boolean>`${personAttachments(t)} AND size_bytes > 0`,
    purge: sql`content = ''::bytea, size_bytes = 0, file_name = 'erased', description = NULL, sha256 = encode(sha256(''::bytea), 'hex')`,
  },
  {
    kind: 'health_records', table: 'health_record',
    where: (t) => sql<boolean>`person_id = ${t.personId} AND (conditions IS NOT NULL OR medication IS NOT NULL OR travel_needs IS NOT NULL OR certified_by IS NOT NULL)`,
    purge: sql`conditions = NULL, medication = NULL, travel_needs = NULL, certified_by = NULL`,
  },
  { kind: 'vulnerability_details', table: 'vulnerability', where: (t) => sql<boolean>`person_id = ${t.personId} AND details IS NOT NULL`, purge: sql`details = NULL` },
  { kind: 'vulnerability_details', table: 'special_measure', where: (t) => sql<boolean>`person_id = ${t.personId} AND notes IS NOT NULL`, purge: sql`notes = NULL` },
  {
    kind: 'counselling_notes', table: 'counselling_session',
    where: (t) => sql<boolean>`case_id = ANY(${ids(t.soleCases)}) AND (notes IS NOT NULL OR next_steps IS NOT NULL OR interpreter_name IS NOT NULL OR cardinality(other_participants) > 0)`,
    purge: sql`notes = NULL, next_steps = NULL, interpreter_name = NULL, other_participants = '{}'`,
  },
  { kind: 'case_texts', table: 'stage_transition', where: (t) => sql<boolean>`${ofSoleCases(t)} AND reason IS NOT NULL`, purge: sql`reason = NULL` },
  { kind: 'case_texts', table: 'travel_booking', where: (t) => sql<boolean>`${ofSoleCases(t)} AND notes IS NOT NULL`, purge: sql`notes = NULL` },
  { kind: 'case_texts', table: 'handover', where: (t) => sql<boolean>`${ofSoleCases(t)} AND note IS NOT NULL`, purge: sql`note = NULL` },
  { kind: 'case_texts', table: 'reception_service', where: (t) => sql<boolean>`${ofSoleCases(t)} AND note IS NOT NULL`, purge: sql`note = NULL` },
  {
    kind: 'case_texts', table: 'monitoring_visit', where: (t) => sql<boolean>`${ofSoleCases(t)} AND (sensitive_notes IS NOT NULL OR next_steps IS NOT NULL)`,
    purge: sql`sensitive_notes = NULL, next_steps = NULL`,
  },
  { kind: 'case_texts', table: 'monitoring_follow_up', where: (t) => sql<boolean>`${ofSoleCases(t)} AND outcome_note IS NOT NULL`, purge: sql`outcome_note = NULL` },
  { kind: 'case_texts', table: 'monitoring_schedule', where: (t) => sql<boolean>`${ofSoleCases(t)} AND closing_summary IS NOT NULL`, purge: sql`closing_summary = NULL` },
  { kind: 'case_texts', table: 'informed_decision', where: (t) => sql<boolean>`person_id = ${t.personId} AND representative_name IS NOT NULL`, purge: sql`representative_name = NULL` },
  { kind: 'case_texts', table: 'travel_member_assistance', where: (t) => sql<boolean>`person_id = ${t.personId} AND needs <> ''`, purge: sql`needs = ''` },
  {
    kind: 'import_rows', table: 'import_row', where: (t) => sql<boolean>`person_id = ${t.personId} AND given_name IS DISTINCT FROM ''`,
    purge: sql`given_name = '', family_name = '', original_script_name = NULL, name_folded = '', name_skeleton = '', document_number = NULL, document_number_norm = NULL, entity_values = NULL, legacy_id = NULL, person_legacy_id = NULL`,
  },
];

/** The person's cases, and those no other member remains in (every other member, if any, was erased). */
export async function erasureTarget(ex: Executor, personId: string): Promise<ErasureTarget> {
  const rows = await ex
    .selectFrom('case_member as m')
    .select(['m.case_id', sql<number>`(SELECT count(*)::int FROM case_member o JOIN person op ON op.id = o.person_id
      WHERE o.case_id = m.case_id AND o.person_id <> m.person_id AND op.erased_at IS NULL)`.as('others')])
    .where('m.person_id', '=', personId)
    .execute();
  return { personId, cases: rows.map((r) => r.case_id), soleCases: rows.filter((r) => r.others === 0).map((r) => r.case_id) };
}

/** The person's own fields: names (every script) and contacts. */
async function personFields(ex: Executor, personId: string) {
  const p = await ex.selectFrom('person').select(['given_name', 'family_name', 'other_names', 'original_script_name', 'transliteration', 'phone', 'email']).where('id', '=', personId).executeTakeFirstOrThrow();
  const names = [p.given_name, p.family_name, ...p.other_names, p.original_script_name, p.transliteration].filter((n) => n !== null && n !== '').length;
  const contacts = [p.phone, p.email].filter((c) => c !== null && c !== '').length;
  return { names, contacts };
}

/** How many items of each kind an erasure of the person destroys now (kinds with none included, as 0). */
export async function erasureCounts(ex: Executor, t: ErasureTarget): Promise<{ kind: ErasureKind; count: number }[]> {
  const own = await personFields(ex, t.personId);
  const counts = new Map<ErasureKind, number>([['names', own.names], ['contacts', own.contacts]]);
  for (const part of PARTS) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(part.table)} WHERE ${part.where(t)}`.execute(ex);
    counts.set(part.kind, (counts.get(part.kind) ?? 0) + (rows[0]?.n ?? 0));
  }
  return [...counts].map(([kind, count]) => ({ kind, count }));
}

/**
 * Destroys what `erasureCounts` counted, in the caller's transaction, and answers the ids it
 * reached per table (for the audit entry: ids only, never the values).
 */
export async function purgeErasable(ex: Executor, t: ErasureTarget): Promise<Record<string, string[]>> {
  const reached: Record<string, string[]> = {};
  for (const part of PARTS) {
    const returning = part.table === 'import_row' ? sql`run_id::text || ':' || line AS id`
      : part.table === 'monitoring_schedule' ? sql`case_id::text AS id`
        : part.table === 'travel_member_assistance' ? sql`booking_id::text AS id` : sql`id::text AS id`;
    const statement = part.purge === 'delete'
      ? sql<{ id: string }>`DELETE FROM ${sql.table(part.table)} WHERE ${part.where(t)} RETURNING ${returning}`
      : sql<{ id: string }>`UPDATE ${sql.table(part.table)} SET ${part.purge} WHERE ${part.where(t)} RETURNING ${returning}`;
    const { rows } = await statement.execute(ex);
    if (rows.length > 0) reached[part.table] = [...(reached[part.table] ?? []), ...rows.map((r) => r.id)];
  }
  return reached;
}

/** Why the person may not be erased now: each blocker's error code. */
export async function erasureBlockers(ex: Executor, t: ErasureTarget): Promise<ErasureBlocker[]> {
  const blockers: ErasureBlocker[] = [];
  const hold = await ex.selectFrom('person_legal_hold').select('id').where('person_id', '=', t.personId).where('lifted_at', 'is', null).executeTakeFirst();
  if (hold) blockers.push('ERASURE_BLOCKED_LEGAL_HOLD');
  if (t.cases.length > 0) {
    // A tranche planned or released but neither paid (a disbursement neither reversed nor rejected)
    // nor cancelled (its component cancelled), or a payment still waiting for its approval.
    const { rows: open } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM payment_tranche t
      WHERE t.case_id = ANY(${ids(t.cases)})
        AND NOT EXISTS (SELECT 1 FROM disbursement d WHERE d.tranche_id = t.id
              AND NOT EXISTS (SELECT 1 FROM disbursement_reversal r WHERE r.disbursement_id = d.id)
              AND NOT EXISTS (SELECT 1 FROM disbursement_decision x WHERE x.disbursement_id = d.id AND x.decision = 'rejected'))
        AND NOT EXISTS (SELECT 1 FROM reintegration_component rc WHERE rc.case_id = t.case_id AND rc.component_key = t.component_key AND rc.status = 'cancelled')
      UNION ALL
      SELECT count(*)::int FROM disbursement d WHERE d.case_id = ANY(${ids(t.cases)}) AND d.needs_approval
        AND NOT EXISTS (SELECT 1 FROM disbursement_decision x WHERE x.disbursement_id = d.id)`.execute(ex);
    if (open.some((r) => r.n > 0)) blockers.push('ERASURE_BLOCKED_OPEN_PAYMENT');
    const active = await ex.selectFrom('return_case').select('id').where('id', 'in', t.cases).where('stage', 'not in', ENDED_STAGES).executeTakeFirst();
    if (active) blockers.push('ERASURE_BLOCKED_ACTIVE_CASE');
  }
  return blockers;
}

/** A case is over (no longer active) in these stages. */
export const ENDED_STAGES = ['closed', 'withdrawn', 'ineligible'] as const;

export type ErasureBlocker = 'ERASURE_BLOCKED_LEGAL_HOLD' | 'ERASURE_BLOCKED_OPEN_PAYMENT' | 'ERASURE_BLOCKED_ACTIVE_CASE';
