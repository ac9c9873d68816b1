import { can, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { openSealedValues } from '../../platform/person-keys.js';
import { caseScope } from './cases.policy.js';
import { caseFieldPolicy } from './field-policy.js';
import { medicalCertificates } from './medical-certificates.js';

/**
 * What a reader may read of one case right now, for the values its audit entries recorded. A case
 * the reader may not open (outside their scope, restricted, or no `case.read` at all) has none.
 */
export interface CaseFieldAccess {
  /** The legal status (asylum history): the host office, or the origin office with consent. */
  legalStatus: boolean;
  /** Health records: `case.health`, and consent for the origin office, as on the protection tab. */
  health: boolean;
  /** Vulnerability details: every reader of the case at the host office, the origin office with consent to share health information. */
  vulnerabilityDetails: boolean;
  /** Sensitive notes and counselling notes: `case.note.sensitive`, and consent for the origin office. */
  sensitiveNotes: boolean;
  /**
   * Attachments that are medical certificates (health records point to them): health information,
   * so their file names and descriptions follow `health`, as the attachment list does.
   */
  healthAttachments: ReadonlySet<string>;
}

/**
 * For each case id, what the actor may read of it right now; cases missing from the map are
 * cases the actor may not open. Same scope, restriction and origin-office rules as opening it.
 */
export async function caseFieldAccess(ex: Executor, actor: Actor, caseIds: readonly string[]): Promise<Map<string, CaseFieldAccess>> {
  const access = new Map<string, CaseFieldAccess>();
  const ids = [...new Set(caseIds)];
  if (!ids.length || !can(actor, 'case.read')) return access;
  const rows = await ex
    .selectFrom('return_case as c')
    .select(['c.id', 'c.office_id', 'c.origin_office_id'])
    .where('c.id', 'in', ids)
    .where(caseScope(actor, 'case.read', { oneCase: ids.length === 1 }))
    .execute();
  for (const c of rows) {
    const policy = await caseFieldPolicy(ex, actor, c);
    access.set(c.id, {
      healthAttachments: await medicalCertificates(ex, c.id),
      legalStatus: policy.legalStatus,
      health: policy.healthRecords,
      vulnerabilityDetails: policy.healthInformation,
      sensitiveNotes: policy.sensitiveNotes,
    });
  }
  return access;
}

/** One audit entry as stored. */
export interface StoredAuditValues {
  event: string;
  entityType: string | null;
  entityId?: string | null;
  caseId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

/**
 * What a reader is shown of an entry's values: always the names of the fields it changed; the
 * values (`before`, `after`, `details`) only when the reader may read them, with the fields they
 * may not read left out and named in `withheldFields`.
 */
export interface AuditValuesView {
  changedFields: string[];
  withheldFields: string[];
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/** Never shown to anyone, should a value ever carry one. */
const SECRET_KEYS = new Set(['password', 'passwordHash', 'password_hash', 'totpSecret', 'totp_secret', 'secret', 'numberEncrypted', 'number_encrypted']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keysOf = (v: unknown): string[] => (isObject(v) ? Object.keys(v) : v === null || v === undefined ? [] : ['value']);

/** Document numbers are read only through the explicit, audited reveal: the trail shows the last three characters. */
const maskNumber = (n: unknown) => (typeof n === 'string' && n.length ? `••••${n.slice(-3)}` : n);

function maskDocuments(v: unknown, inDocuments = false): unknown {
  if (Array.isArray(v)) return v.map((x) => maskDocuments(x, inDocuments));
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (SECRET_KEYS.has(k)) continue;
    out[k] = inDocuments && k === 'number' ? maskNumber(x) : maskDocuments(x, k === 'documents');
  }
  return out;
}

type GuardedField = Exclude<keyof CaseFieldAccess, 'healthAttachments'>;

/** The field of an entry that needs a right the reader may lack, and that right. */
function guardOf(entry: StoredAuditValues, field: string, access: CaseFieldAccess): GuardedField | null {
  if (entry.entityType === 'health_record') return 'health';
  if (entry.entityType === 'attachment' && entry.entityId && access.healthAttachments.has(entry.entityId)) return 'health';
  if (field === 'legalStatus') return 'legalStatus';
  if (entry.entityType === 'vulnerability' && field === 'details') return 'vulnerabilityDetails';
  if (entry.entityType === 'counselling_session' && field === 'notes') return 'sensitiveNotes';
  if (entry.entityType === 'note' && field === 'body' && isObject(entry.after) && entry.after.sensitive === true) return 'sensitiveNotes';
  return null;
}

/**
 * The view of an entry's values for a reader. `access` is what the reader may read of the entry's
 * case (undefined when they may not open it); entries without a case (users, roles, projects, the
 * information library) show their values, secrets and document numbers excepted.
 */
export function auditValuesView(entry: StoredAuditValues, access: CaseFieldAccess | undefined): AuditValuesView {
  const changedFields = [...new Set([...keysOf(entry.before), ...keysOf(entry.after)])].filter((k) => !SECRET_KEYS.has(k));
  if (entry.caseId !== null && !access) {
    return { changedFields, withheldFields: [...new Set([...changedFields, ...keysOf(entry.details)])] };
  }
  const withheld = new Set<string>();
  const filter = (v: unknown): unknown => {
    const masked = maskDocuments(v, entry.entityType === 'travel_document' || entry.entityType === 'identity_document');
    if (!isObject(masked) || !access) return masked;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(masked)) {
      const guard = guardOf(entry, k, access);
      if (guard && !access[guard]) withheld.add(k);
      else out[k] = x;
    }
    return out;
  };
  const before = filter(entry.before);
  const after = filter(entry.after);
  const details = filter(entry.details);
  return { changedFields, withheldFields: [...withheld], before, after, details };
}

/**
 * The values of a view with the sensitive fields sealed for a person opened (health records,
 * vulnerability details, sensitive notes: `platform/person-keys.ts`), or the erased marker once the
 * person's key is destroyed. Run on the view, after `auditValuesView` left out what the reader may
 * not read: nothing withheld is ever opened.
 */
export async function openAuditValues(ex: Executor, view: AuditValuesView): Promise<AuditValuesView> {
  return {
    ...view,
    ...(view.before !== undefined ? { before: await openSealedValues(ex, view.before) } : {}),
    ...(view.after !== undefined ? { after: await openSealedValues(ex, view.after) } : {}),
    ...(view.details !== undefined ? { details: await openSealedValues(ex, view.details) } : {}),
  };
}
