import type { IntlShape } from 'react-intl';

/** `{ value, label }` options for a closed list, labelled from the catalogue (`<prefix>.<value>`). */
export function enumOptions(intl: IntlShape, prefix: string, values: readonly string[]) {
  return values.map((value) => ({ value, label: intl.formatMessage({ id: `${prefix}.${value}` }) }));
}

/** The same with a leading empty choice, for optional native selects. */
export function optionalEnumOptions(intl: IntlShape, prefix: string, values: readonly string[], emptyId = 'common.choose') {
  return [{ value: '', label: intl.formatMessage({ id: emptyId }) }, ...enumOptions(intl, prefix, values)];
}
