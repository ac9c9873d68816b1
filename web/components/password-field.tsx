import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useIntl } from 'react-intl';

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
