import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { searchCases } from './api';
import { personName } from '../../lib/erased';

/** Finds a case by its number or the principal applicant's name, then offers `action` on each found. */
export function CaseFinder({ label, actionLabel, onPick }: { label: string; actionLabel: string; onPick: (c: { id: string; caseNumber: string; name: string }) => void }) {
  const intl = useIntl();
  const [q, setQ] = useState('');
  const search = useMutation({ mutationFn: (text: string) => searchCases(text) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) search.mutate(q.trim());
  };
  return (
    <Stack gap="xs">
      <form onSubmit={submit} role="search" aria-label={intl.formatMessage({ id: label })}>
        <Group align="flex-end" gap="xs">
          <TextInput label={intl.formatMessage({ id: label })} value={q} onChange={(e) => setQ(e.currentTarget.value)} maxLength={200} autoComplete="off" />
          <Button type="submit" variant="light" loading={search.isPending}>
            <FormattedMessage id="community.findCase.search" />
          </Button>
        </Group>
      </form>
      {search.error ? <ApiErrorAlert error={search.error} scope="community" /> : null}
      {search.data && search.data.items.length === 0 ? <Text c="dimmed" size="sm"><FormattedMessage id="community.findCase.none" /></Text> : null}
      {search.data?.items.map((c) => {
        const name = personName(c.principal);
        return (
          <Group key={c.id} gap="xs">
            <Text size="sm"><bdi dir="ltr">{c.caseNumber}</bdi> — <bdi>{name}</bdi></Text>
            <Button size="compact-sm" onClick={() => onPick({ id: c.id, caseNumber: c.caseNumber, name })} aria-label={intl.formatMessage({ id: `${actionLabel}For` }, { name, number: c.caseNumber })}>
              <FormattedMessage id={actionLabel} />
            </Button>
          </Group>
        );
      })}
    </Stack>
  );
}
