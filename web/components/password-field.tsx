import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useIntl } from 'react-intl';

/** The shortest password the server accepts (`password` in shared/schemas/access.ts). */
export const PASSWORD_MIN_LENGTH = 12;

/** PasswordInput with a translated, focusable show/hide toggle that does not share the field's label. */
export function PasswordField(props: PasswordInputProps) {
  const intl = useIntl();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.showCharacters' }) }}
      visibilityToggleFocusable
      {...props}
    />
  );
}
