import { isMoneyCurrency } from '../../../shared/money.js';
import { type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { type CaseRow } from '../cases/index.js';
import { errors } from './handover.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { caseErrors } from '../cases/index.js';

/**
 * Whether assistance may be recorded on a case: a person returned by a government is assisted
 * only once admitted into the country, so the admission date must be on record first.
 */
export function requireAdmissionDate(c: Pick<CaseRow, 'kind' | 'admission_date'>) {
  if (c.kind === 'post_arrival' && !c.admission_date) {
    throw caseErrors.ADMISSION_DATE_REQUIRED({ field: 'admissionDate' });
  }
}

/** Only the origin office (the case's origin office, not the host office) records reception. */
export function requireOriginOffice(actor: Actor, c: Pick<CaseRow, 'origin_office_id'>) {
  if (!actor.officeId || actor.officeId !== c.origin_office_id) {
    throw platformErrors.FORBIDDEN(undefined, 'Reception is recorded by the office in the country of return.');
  }
}

export const presentService = (s: {
  id: string; service: string; status: string; cost_minor: number | null; currency: string | null; note: string | null; version: number;
  created_at: Date | string; updated_at: Date | string; recorded_by_name: string;
}) => ({
  id: s.id,
  service: s.service,
  status: s.status,
  costMinor: s.cost_minor,
  currency: s.currency,
  note: s.note,
  version: s.version,
  recordedByName: s.recorded_by_name,
  createdAt: new Date(s.created_at).toISOString(),
  updatedAt: new Date(s.updated_at).toISOString(),
});

export const serviceQuery = (ex: Executor) =>
  ex
    .selectFrom('reception_service as s')
    .innerJoin('app_user as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.case_id', 's.service', 's.status', 's.cost_minor', 's.currency', 's.note', 's.version', 's.created_at', 's.updated_at', 'u.name as recorded_by_name']);

export function checkCost(cost: number | null, currency: string | null) {
  if ((cost === null) !== (currency === null)) {
    throw errors.RECEPTION_COST_INVALID({ field: cost === null ? 'costMinor' : 'currency' });
  }
  if (currency !== null && !isMoneyCurrency(currency)) throw errors.RECEPTION_COST_INVALID({ field: 'currency' }, 'An active ISO 4217 currency with a minor unit is required.');
}
