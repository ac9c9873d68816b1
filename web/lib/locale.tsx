import { useDirection } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import 'dayjs/locale/ar';
import 'dayjs/locale/es';
import 'dayjs/locale/fr';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import {
  directionOf,
  englishMessages,
  isLocale,
  loadMessages,
  LOCALES,
  type Locale,
  type Messages,
} from '../i18n/locales';
import { setErasedPersonLabel } from './erased';
import { useSession } from './session';

const STORAGE_KEY = 'homeward.language';

// Date fields read and write dates in the user's language (`components/date-field.tsx`).
dayjs.extend(customParseFormat);
dayjs.extend(localizedFormat);

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage disabled: fall back to the browser's languages.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function remember(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // The choice still applies for this visit.
  }
}

interface LocaleValue {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  setLocale: (locale: Locale) => void;
  locales: readonly Locale[];
}

const LocaleContext = createContext<LocaleValue | null>(null);

function DirectionSync({ dir }: { dir: 'ltr' | 'rtl' }) {
  const { setDirection } = useDirection();
  useEffect(() => setDirection(dir), [dir, setDirection]);
  return null;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [messages, setMessages] = useState<{ locale: Locale; messages: Messages }>({
    locale: 'en',
    messages: englishMessages,
  });

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    remember(next);
  }, []);

  // The signed-in user's preference wins over the choice made before sign-in.
  const preferred = me?.user.preferredLanguage;
  useEffect(() => {
    if (isLocale(preferred)) setLocale(preferred);
  }, [preferred, setLocale]);

  useEffect(() => {
    let cancelled = false;
    loadMessages(locale).then(
      (loaded) => {
        // English is the fallback for any key a translation lacks.
        if (!cancelled) setMessages({ locale, messages: { ...englishMessages, ...loaded } });
      },
      () => {
        if (!cancelled) setMessages({ locale: 'en', messages: englishMessages });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [locale]);

  // Every screen names an erased person in the reader's language (`lib/erased.ts`).
  setErasedPersonLabel(messages.messages['erasure.erasedPerson'] ?? englishMessages['erasure.erasedPerson'] ?? 'Erased person');
  const activeLocale = messages.locale;
  const dir = directionOf(activeLocale);
  useEffect(() => {
    document.documentElement.lang = activeLocale;
    document.documentElement.dir = dir;
  }, [activeLocale, dir]);

  const value = useMemo<LocaleValue>(
    () => ({ locale: activeLocale, dir, setLocale, locales: LOCALES }),
    [activeLocale, dir, setLocale],
  );

  return (
    <LocaleContext.Provider value={value}>
      <DirectionSync dir={dir} />
      <IntlProvider
        locale={activeLocale}
        messages={messages.messages}
        defaultLocale="en"
        onError={(error) => {
          if (import.meta.env.DEV) console.warn(error.message);
        }}
      >
        <DatesProvider settings={{ locale: activeLocale, firstDayOfWeek: activeLocale === 'en' ? 0 : activeLocale === 'ar' ? 6 : 1 }}>
          {children}
        </DatesProvider>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale must be used inside LocaleProvider');
  return value;
}
