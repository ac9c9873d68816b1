import { NativeSelect } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { AUTONYMS, isLocale } from '../i18n/locales';
import { api } from '../lib/api';
import { errorMessage } from '../lib/error-message';
import { useLocale } from '../lib/locale';
import { ME_QUERY_KEY, useSession, type Me } from '../lib/session';

/**
 * Options are shown in their own language so that anyone can find theirs. Signed in, the choice
 * is saved to the user's profile; before sign-in it stays in this browser.
 */
export function LanguageSwitcher() {
  const intl = useIntl();
  const { locale, locales, setLocale } = useLocale();
  const { me } = useSession();
  const queryClient = useQueryClient();

  const change = async (value: string) => {
    if (!isLocale(value)) return;
    setLocale(value);
    if (!me) return;
    try {
      await api.patch('/api/auth/me', { preferredLanguage: value });
      queryClient.setQueryData<Me | null>(ME_QUERY_KEY, (old) =>
        old ? { ...old, user: { ...old.user, preferredLanguage: value } } : old,
      );
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(intl, error) });
    }
  };

  return (
    <NativeSelect
      label={intl.formatMessage({ id: 'language.label' })}
      value={locale}
      onChange={(event) => void change(event.currentTarget.value)}
      data={locales.map((l) => ({ value: l, label: AUTONYMS[l] }))}
      size="xs"
      classNames={{ root: 'language-switcher' }}
    />
  );
}
