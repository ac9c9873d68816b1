import { ERASED_VALUE } from './crypto.js';

/**
 * Whether a person's stored names are those of an erased person: erasure leaves the given name
 * the marker `ERASED_VALUE` and the family name empty (`server/modules/cases/erase-person.ts`).
 */
export const isErasedPersonName = (givenName: string | null | undefined): boolean => (givenName ?? '').trim() === ERASED_VALUE;

/**
 * A person's name as read by a human, on screen or in a file the server writes: given and family
 * names joined, or `erasedLabel` ("Erased person" in the reader's language) for an erased person,
 * never the stored marker.
 */
export const personDisplayName = (givenName: string | null | undefined, familyName: string | null | undefined, erasedLabel: string): string =>
  isErasedPersonName(givenName) ? erasedLabel : [givenName, familyName].map((n) => (n ?? '').trim()).filter(Boolean).join(' ');
