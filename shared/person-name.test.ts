import { describe, expect, it } from 'vitest';
import { ERASED_VALUE } from './crypto.js';
import { isErasedPersonName, personDisplayName } from './person-name.js';

describe('a person\'s name as read', () => {
  it('joins given and family names, or gives the label of an erased person instead of the marker', () => {
    expect(personDisplayName('Amina', 'Haddad', 'Erased person')).toBe('Amina Haddad');
    expect(personDisplayName('Amina', '', 'Erased person')).toBe('Amina');
    expect(personDisplayName(null, 'Haddad', 'Erased person')).toBe('Haddad');
    expect(personDisplayName(ERASED_VALUE, '', 'Personne effacée')).toBe('Personne effacée');
    expect(personDisplayName(` ${ERASED_VALUE} `, null, 'Erased person')).toBe('Erased person');
    expect(isErasedPersonName(ERASED_VALUE)).toBe(true);
    expect(isErasedPersonName(`${ERASED_VALUE} `)).toBe(true);
    expect(isErasedPersonName('Erased')).toBe(false);
    expect(isErasedPersonName(null)).toBe(false);
  });
});
