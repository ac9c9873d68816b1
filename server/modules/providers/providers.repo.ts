import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { PaymentDetailsInput, ProviderValues } from '../../../shared/schemas/providers.js';
import { widerScope, type Scope } from '../../../shared/access.js';
import type { Actor } from '../../platform/actor.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { scopeSql } from '../../platform/scope.js';
import { errors } from './providers.errors.js';
import type { ServiceProviderTable } from './providers.tables.js';

export type ProviderRow = Selectable<ServiceProviderTable>;

export const providerNotFound = () => errors.PROVIDER_NOT_FOUND();

/**
 * Who reads the registry: staff of the office holding `case.read`, `provider.manage` or
 * `disbursement.record` (who pays providers), in the widest of those scopes (users with scope `all`
 * see every office's providers). 403 without any.
 */
const READERS = ['case.read', 'provider.manage', 'disbursement.record'] as const;
export function readScope(actor: Actor): Scope {
  const scopes = READERS.map((p) => actor.grants.get(p)).filter((s): s is Scope => !!s);
  if (!scopes.length) throw platformErrors.FORBIDDEN({ permission: [...READERS] });
  return scopes.reduce(widerScope);
}

/** The providers the actor may read (`p` is `service_provider`). */
export const readable = (actor: Actor): RawBuilder<boolean> => scopeSql(actor, readScope(actor), { office: 'p.office_id' });

/** The providers the actor may manage (`provider.manage`'s scope). */
export const manageable = (actor: Actor): RawBuilder<boolean> => {
  const scope = actor.grants.get('provider.manage');
  return scope ? scopeSql(actor, scope, { office: 'p.office_id' }) : sql<boolean>`false`;
};

/** One provider the actor may manage, its row locked for the change (404 outside the scope). */
export async function lockManaged(ex: Executor, actor: Actor, id: string): Promise<ProviderRow> {
  const row = await ex.selectFrom('service_provider as p').selectAll('p').where('p.id', '=', id).where(manageable(actor)).forUpdate().executeTakeFirst();
  if (!row) throw providerNotFound();
  return row;
}

/** The last four characters of an account number or wallet, for the masked view. */
export const lastFour = (accountNumber: string) => accountNumber.replace(/\s+/g, '').slice(-4);
export const maskPayment = (last: string | null) => `••••${last ?? ''}`;

/** The columns of a provider as given (the payment details apart: see `paymentColumns`). */
export const columns = (input: ProviderValues) => ({
  name: input.name,
  kind: input.kind,
  country_code: input.countryCode,
  place: input.place,
  contact_person: input.contactPerson,
  phone: input.phone,
  email: input.email,
  services: [...input.services],
  services_note: input.servicesNote,
});

/** The payment details sealed with the field cipher; null removes them. */
export function paymentColumns(payment: PaymentDetailsInput | null, cipher: FieldCipher) {
  if (!payment) return { payment_method: null, payment_encrypted: null, payment_last: null };
  const { method, accountName, institution, accountNumber, branch } = payment;
  return {
    payment_method: method,
    payment_encrypted: cipher.encrypt(JSON.stringify({ accountName, institution, accountNumber, branch: branch ?? null })),
    payment_last: lastFour(accountNumber),
  };
}

/**
 * What the audit trail keeps of a provider: everything but the bank or mobile-money details,
 * of which only the method is kept (a change of the details is said in the event's `details`).
 */
export const audited = (p: ProviderRow) => ({
  officeId: p.office_id, name: p.name, kind: p.kind, countryCode: p.country_code, place: p.place, contactPerson: p.contact_person,
  phone: p.phone, email: p.email, services: p.services, servicesNote: p.services_note, paymentMethod: p.payment_method, status: p.status,
  statusReason: p.status_reason,
});

/** Providers the actor reads with their office's name, who last changed their status and whether the actor manages each (`p`). */
export const providerQuery = (ex: Executor, actor: Actor) =>
  ex
    .selectFrom('service_provider as p')
    .innerJoin('office as o', 'o.id', 'p.office_id')
    .leftJoin('app_user as su', 'su.id', 'p.status_changed_by')
    .selectAll('p')
    .select(['o.name as office_name', 'su.name as status_changed_by_name', manageable(actor).as('managed')])
    .where(readable(actor));

export type ProviderListRow = ProviderRow & { office_name: string; status_changed_by_name: string | null; managed: boolean };

/** The answer about a provider; the masked payment details only for a manager of it. */
export function presentProvider(p: ProviderListRow) {
  const manager = p.managed === true;
  return {
    id: p.id, version: p.version, officeId: p.office_id, officeName: p.office_name, name: p.name, kind: p.kind, countryCode: p.country_code,
    place: p.place, contactPerson: p.contact_person, phone: p.phone, email: p.email, services: p.services, servicesNote: p.services_note,
    status: p.status, statusReason: p.status_reason, statusChangedAt: p.status_changed_at, statusChangedByName: p.status_changed_by_name,
    ...(manager ? { payment: p.payment_method ? { method: p.payment_method, maskedNumber: maskPayment(p.payment_last) } : null } : {}),
    canManage: manager,
    createdAt: p.created_at, updatedAt: p.updated_at,
  };
}

/** One provider as the actor reads it (404 outside the read scope). */
export async function loadProvider(ex: Executor, actor: Actor, id: string) {
  const row = await providerQuery(ex, actor).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw providerNotFound();
  return presentProvider(row);
}
