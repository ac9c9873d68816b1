import type { PersonInput, PersonPatch } from '../../../shared/schemas/cases.js';
import { nameKeys } from '../../../shared/names/name-keys.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import type { Executor } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { normaliseDocumentNumber } from '../../../shared/cases.js';
import { documentNumberIndex, openDocumentNumbers, sealDocumentNumber } from './document-numbers.js';
import { ERASED_VALUE, sealManyFor } from '../../platform/person-keys.js';

export { normaliseDocumentNumber };

type PersonFields = Omit<PersonInput, 'documents'>;

/** Every spelling Homeward knows for a person, for the search keys. */
const nameParts = (p: Pick<PersonFields, 'givenName' | 'familyName' | 'otherNames' | 'originalScriptName' | 'transliteration'>) =>
  [p.givenName, p.familyName, ...(p.otherNames ?? []), p.originalScriptName ?? '', p.transliteration ?? ''].filter(Boolean);

/** Rejects codes that are well-formed but not real, naming the field. */
export function checkPersonCodes(p: Partial<PersonInput>, path: string) {
  if (p.nationality && !isCountryCode(p.nationality)) throw platformErrors.VALIDATION_FAILED({ field: `${path}.nationality` }, 'Unknown nationality code.');
  p.documents?.forEach((d, i) => {
    if (d.issuingCountry && !isCountryCode(d.issuingCountry)) throw platformErrors.VALIDATION_FAILED({ field: `${path}.documents.${i}.issuingCountry` }, 'Unknown issuing country code.');
  });
  if (p.birthDate && p.birthDate > new Date().toISOString().slice(0, 10)) {
    throw platformErrors.VALIDATION_FAILED({ field: `${path}.birthDate` }, 'The date of birth is in the future.');
  }
}

const columns = (p: PersonFields) => {
  const keys = nameKeys(nameParts(p));
  return {
    given_name: p.givenName,
    family_name: p.familyName,
    other_names: p.otherNames ?? [],
    original_script_name: p.originalScriptName ?? null,
    transliteration: p.transliteration ?? null,
    sex: p.sex,
    birth_date: p.birthDate ?? null,
    birth_date_estimated: p.birthDateEstimated ?? false,
    nationality: p.nationality ?? null,
    languages: p.languages ?? [],
    phone: p.phone ?? null,
    email: p.email ?? null,
    name_folded: keys.folded,
    name_skeleton: keys.skeleton,
  };
};

async function replaceDocuments(ex: Executor, personId: string, documents: PersonInput['documents']) {
  await ex.deleteFrom('identity_document').where('person_id', '=', personId).execute();
  if (!documents.length) return;
  await ex
    .insertInto('identity_document')
    .values(await Promise.all(documents.map(async (d) => ({
      person_id: personId,
      type: d.type,
      number: await sealDocumentNumber(ex, personId, d.number),
      number_norm: documentNumberIndex(d.number),
      issuing_country: d.issuingCountry ?? null,
      expiry_date: d.expiryDate ?? null,
    }))))
    .execute();
}

export async function insertPerson(ex: Executor, p: PersonInput, now: Date): Promise<string> {
  const row = await ex.insertInto('person').values({ ...columns(p), updated_at: now }).returning('id').executeTakeFirstOrThrow();
  await replaceDocuments(ex, row.id, p.documents ?? []);
  return row.id;
}

/** A person as the API shows it, also used as the audit snapshot. */
export async function personSnapshot(ex: Executor, personId: string) {
  const p = await ex.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
  const docs = await openDocumentNumbers(ex, await ex.selectFrom('identity_document').select(['type', 'number', 'issuing_country', 'expiry_date']).where('person_id', '=', personId).orderBy('created_at').execute());
  return {
    version: p.version,
    fields: {
      givenName: p.given_name,
      familyName: p.family_name,
      otherNames: p.other_names,
      originalScriptName: p.original_script_name,
      transliteration: p.transliteration,
      sex: p.sex,
      birthDate: p.birth_date,
      birthDateEstimated: p.birth_date_estimated,
      nationality: p.nationality,
      languages: p.languages,
      phone: p.phone,
      email: p.email,
      documents: docs.map((d) => ({ type: d.type as PersonInput['documents'][number]['type'], number: d.number, issuingCountry: d.issuing_country, expiryDate: d.expiry_date })),
    } satisfies PersonInput,
  };
}

/** Applies a partial change; returns false when the version is stale. */
export async function patchPerson(ex: Executor, personId: string, expectedVersion: number, current: PersonInput, patch: PersonPatch, now: Date) {
  const next: PersonInput = { ...current, ...patch };
  // No date of birth, nothing estimated: a correction that removes the date clears the mark with it.
  if (!next.birthDate) next.birthDateEstimated = false;
  const res = await ex
    .updateTable('person')
    .set({ ...columns(next), version: (eb) => eb('version', '+', 1), updated_at: now })
    .where('id', '=', personId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return null;
  if (patch.documents) await replaceDocuments(ex, personId, patch.documents);
  return next;
}

/** A document number as the audit trail keeps it: its last three characters (what a reader of the trail is shown of it anyway). */
export const maskDocumentNumber = (number: string) => `••••${number.slice(-3)}`;

/**
 * A person's values as the audit trail keeps them: document numbers masked to their last three
 * characters (`maskDocumentNumber`), never in clear.
 */
export function auditedPerson<T extends { documents?: { number: string }[] | undefined }>(p: T): T {
  return p.documents ? { ...p, documents: p.documents.map((d) => ({ ...d, number: maskDocumentNumber(d.number) })) } : p;
}

/** The values of a person that identify them, sealed for them in the audit trail (the facts the statistics count stay in clear). */
const IDENTIFYING_FIELDS = ['givenName', 'familyName', 'otherNames', 'originalScriptName', 'transliteration', 'birthDate', 'phone', 'email'] as const;

/**
 * `auditedPerson`, with the values that identify the person (names in every spelling, date of
 * birth, telephone, e-mail) sealed for them (`platform/person-keys.ts`): readers of the trail see
 * them opened, and once the person is erased and their key destroyed, every copy the trail keeps
 * reads as erased. Sex, nationality, languages and whether the birth date is estimated stay in
 * clear: the statistics keep them too; document numbers stay masked to their last three characters
 * (the trail's reader masks what it reads again). One read of the person's key whatever the number
 * of values.
 */
export async function sealedAuditedPerson<T extends Partial<Record<(typeof IDENTIFYING_FIELDS)[number], unknown>> & { documents?: { number: string }[] | undefined }>(
  ex: Executor, personId: string, p: T,
): Promise<T> {
  const [sealed] = await sealIdentifyingValues(ex, [{ personId, values: auditedPerson(p) }]);
  return sealed as T;
}

/**
 * The identifying values (`IDENTIFYING_FIELDS`) of many persons' audited values sealed, each for
 * its person, with one read of their keys (a batch of a legacy import): the other values are kept
 * as they are, and a null stays null. A person whose key was destroyed gets the erased marker.
 */
export async function sealIdentifyingValues(ex: Executor, items: readonly { personId: string; values: unknown }[]): Promise<unknown[]> {
  const plain: { personId: string; plain: string }[] = [];
  const put: ((sealed: string) => void)[] = [];
  const out = items.map(({ personId, values }) => {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return values;
    const copy: Record<string, unknown> = { ...values };
    const take = (value: unknown, into: (sealed: string) => void) => {
      if (typeof value === 'string' && value !== '') { plain.push({ personId, plain: value }); put.push(into); }
    };
    for (const f of IDENTIFYING_FIELDS) {
      const v = copy[f];
      if (Array.isArray(v)) {
        const list = [...v];
        copy[f] = list;
        list.forEach((x, i) => take(x, (sealed) => { list[i] = sealed; }));
      } else take(v, (sealed) => { copy[f] = sealed; });
    }
    return copy;
  });
  const sealed = await sealManyFor(ex, plain);
  sealed.forEach((v, i) => put[i]!(v ?? ERASED_VALUE));
  return out;
}
