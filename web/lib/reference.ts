import type { OptionsFilter } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, listOf } from './api';
import { useLocale } from './locale';
import { useSession } from './session';

type LocalisedNames = Partial<Record<'en' | 'fr' | 'es' | 'ar', string>>;

export interface Country {
  alpha2: string;
  alpha3?: string;
  region?: string;
  subregion?: string;
  names: LocalisedNames;
}

interface RawLanguage {
  tag?: string;
  autonym?: string;
  code?: string;
  alpha2?: string;
  alpha3?: string;
  iso639_1?: string;
  iso639_3?: string;
  name?: string;
  names?: LocalisedNames;
}

export interface Office {
  id: string;
  name: string;
  kind: 'host' | 'transit' | 'origin' | string;
  countryCode: string;
  organisationId: string;
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
}

export interface AssignableUser {
  id: string;
  name: string;
  officeId: string | null;
}

export interface Option {
  value: string;
  label: string;
}

// Reference lists change with a release, not during a session.
const REFERENCE = { staleTime: Infinity, gcTime: Infinity } as const;

function displayName(kind: 'region' | 'language', locale: string, code: string): string | undefined {
  try {
    return new Intl.DisplayNames([locale], { type: kind, fallback: 'none' }).of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

const byLabel = (locale: string) => (a: Option, b: Option) => a.label.localeCompare(b.label, locale);

/** The countries and offices most screens name; a route's loader may start them early. */
export const countriesQuery = {
  queryKey: ['reference', 'countries'],
  queryFn: async () => listOf<Country>(await api.get('/api/reference/countries'), 'countries'),
  ...REFERENCE,
};

export const officesQuery = {
  queryKey: ['offices'],
  queryFn: async () => listOf<Office>(await api.get('/api/offices'), 'offices'),
  staleTime: 10 * 60_000,
};

export function useCountries() {
  const { locale } = useLocale();
  const { me } = useSession();
  const query = useQuery({ ...countriesQuery, enabled: Boolean(me) });
  return useMemo(() => {
    const countries = query.data ?? [];
    const byCode = new Map(countries.map((c) => [c.alpha2.toUpperCase(), c]));
    const name = (code: string | null | undefined): string => {
      if (!code) return '';
      const country = byCode.get(code.toUpperCase());
      return (
        country?.names[locale] ?? country?.names.en ?? displayName('region', locale, code) ?? code
      );
    };
    const options: Option[] = countries
      .map((c) => ({ value: c.alpha2.toUpperCase(), label: name(c.alpha2) }))
      .sort(byLabel(locale));
    return { countries, name, options, loading: query.isPending && Boolean(me) };
  }, [query.data, query.isPending, locale, me]);
}

export function useLanguages() {
  const { locale } = useLocale();
  const { me } = useSession();
  const query = useQuery({
    queryKey: ['reference', 'languages'],
    queryFn: async () => listOf<RawLanguage>(await api.get('/api/reference/languages'), 'languages'),
    enabled: Boolean(me),
    ...REFERENCE,
  });
  return useMemo(() => {
    const raw = query.data ?? [];
    const languages = raw
      .map((l) => ({
        code: l.tag ?? l.code ?? l.alpha3 ?? l.iso639_3 ?? l.alpha2 ?? l.iso639_1 ?? '',
        names: l.names ?? (l.name ? { en: l.name } : {}),
        autonym: l.autonym,
      }))
      .filter((l) => l.code);
    const byCode = new Map(languages.map((l) => [l.code, l]));
    const name = (code: string): string => {
      const language = byCode.get(code);
      return (
        language?.names[locale] ?? displayName('language', locale, code) ?? language?.names.en ?? code
      );
    };
    // The language's own name helps when the UI language's name for it is unfamiliar.
    const options: Option[] = languages
      .map((l) => {
        const label = name(l.code);
        return { value: l.code, label: l.autonym && l.autonym !== label ? `${label} (${l.autonym})` : label };
      })
      .sort(byLabel(locale));
    return { name, options };
  }, [query.data, locale]);
}

export function useOffices() {
  const { me } = useSession();
  const query = useQuery({ ...officesQuery, enabled: Boolean(me) });
  return useMemo(() => {
    const offices = query.data ?? [];
    const byId = new Map(offices.map((o) => [o.id, o]));
    return {
      offices,
      name: (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? '') : ''),
      byId: (id: string | null | undefined) => (id ? byId.get(id) : undefined),
      options: offices.map((o) => ({ value: o.id, label: o.name })),
      loading: query.isPending,
    };
  }, [query.data, query.isPending]);
}

export function useOrganisations() {
  const { me } = useSession();
  return useQuery({
    queryKey: ['organisations'],
    queryFn: async () => listOf<Organisation>(await api.get('/api/organisations'), 'organisations'),
    enabled: Boolean(me),
    staleTime: 10 * 60_000,
  });
}

export function useAssignableUsers() {
  const { can } = useSession();
  const query = useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: async () => listOf<AssignableUser>(await api.get('/api/users/assignable'), 'users'),
    enabled: can('case.read'),
    staleTime: 5 * 60_000,
  });
  return useMemo(
    () => ({
      users: query.data ?? [],
      options: (query.data ?? []).map((u) => ({ value: u.id, label: u.name })),
    }),
    [query.data],
  );
}

/** Lower case without diacritics, for comparing what was typed with a name. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{Mn}/gu, '').toLocaleLowerCase().trim();

/**
 * How well an option's label answers what was typed: 0 the name itself ("Arabic", also
 * "Arabic (العربية)"), 1 the name starts with it, 2 a word of it does, 3 it is inside; -1 not at all.
 */
export function matchRank(label: string, search: string): number {
  const q = fold(search);
  if (!q) return 0;
  const l = fold(label);
  if (l === q || l.startsWith(`${q} (`)) return 0;
  if (l.startsWith(q)) return 1;
  if (l.split(/[\s(),-]+/).some((word) => word.startsWith(q))) return 2;
  return l.includes(q) ? 3 : -1;
}

/**
 * A Mantine combobox filter that ranks names: the exact name first ("Arabic" before "Algerian
 * Arabic"), then names starting with what was typed, then names with a word starting with it.
 */
export const rankedFilter: OptionsFilter = ({ options, search, limit }) => {
  const ranked = options
    .map((option, index) => ({ option, index, rank: 'label' in option ? matchRank(option.label, search) : 0 }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.option);
  return Number.isFinite(limit) ? ranked.slice(0, limit) : ranked;
};
