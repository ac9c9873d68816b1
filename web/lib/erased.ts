import type { IntlShape } from 'react-intl';
import { ERASED_VALUE } from '../../shared/crypto';
import { isErasedPersonName, personDisplayName } from '../../shared/person-name';

/**
 * A sensitive text as shown: the server answers `ERASED_VALUE` for a value sealed for a person
 * whose key was destroyed (the person was erased); it is shown as "Erased" in the reader's language.
 */
export const shownText = (intl: IntlShape, v: string): string => (v === ERASED_VALUE ? intl.formatMessage({ id: 'crypto.erased' }) : v);

/**
 * The label of an erased person, in the reader's language: an erased person's given name is the
 * marker `ERASED_VALUE` (family name empty), on every screen that names them. `LocaleProvider` sets
 * it from the loaded catalogue (key `erasure.erasedPerson`), so that the plain functions naming a
 * person (`personName`, the cases' `fullName`) need no `intl` of their own.
 */
let erasedPersonLabel = 'Erased person';
export const setErasedPersonLabel = (label: string): void => {
  erasedPersonLabel = label;
};

/** A whole name the server put together ("given family"): "Erased person" in the reader's language for an erased person. */
export const shownPersonName = (name: string): string => (isErasedPersonName(name) ? erasedPersonLabel : name);

/** Whether the person, as the server answers them, was erased. */
export const isErasedName = (person: { givenName: string | null }): boolean => isErasedPersonName(person.givenName);

/** A person's name as shown: given and family names, or "Erased person" in the reader's language. */
export const personName = (person: { givenName: string | null; familyName: string | null }): string =>
  personDisplayName(person.givenName, person.familyName, erasedPersonLabel);
