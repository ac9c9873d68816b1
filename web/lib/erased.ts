import type { IntlShape } from 'react-intl';
import { ERASED_VALUE } from '../../shared/crypto';

/**
 * A sensitive text as shown: the server answers `ERASED_VALUE` for a value sealed for a person
 * whose key was destroyed (the person was erased); it is shown as "Erased" in the reader's language.
 */
export const shownText = (intl: IntlShape, v: string): string => (v === ERASED_VALUE ? intl.formatMessage({ id: 'crypto.erased' }) : v);
