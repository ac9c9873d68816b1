import { Anchor, Checkbox, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatDay } from '../../../lib/dates';
import { useCountries } from '../../../lib/reference';
import { findDuplicates, type DuplicateQuery } from '../api';
import type { DuplicateCandidate } from '../../../../shared/schemas/cases';
import { personName } from '../../../lib/erased';

export interface DuplicateState {
  /** A check is waiting for the user to stop typing or for the server. */
  checking: boolean;
  candidates: DuplicateCandidate[];
  /** Identifies the candidate list, so a confirmation does not carry over to new candidates. */
  signature: string;
  failed: boolean;
}

/** Asks the server for people who may already have a case, 400 ms after the user stops typing. */
export function useDuplicateCheck(query: DuplicateQuery, excludePersonId?: string): DuplicateState {
  const key = JSON.stringify(query);
  const [debouncedKey] = useDebouncedValue(key, 400);
  const debounced = useMemo(() => JSON.parse(debouncedKey) as DuplicateQuery, [debouncedKey]);
  const ready = Boolean(debounced.givenName && debounced.familyName);
  const result = useQuery({
    // Kept in memory only; personal data never goes into a URL or storage.
    queryKey: ['cases', 'duplicates', debouncedKey],
    queryFn: ({ signal }) => findDuplicates(debounced, signal),
    enabled: ready,
    // Keep showing the last candidates while a refined check (birth date added...) runs.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const candidates = (ready ? (result.data ?? []) : []).filter((c) => c.personId !== excludePersonId);
  const wantsCheck = Boolean(query.givenName && query.familyName);
  return {
    checking: wantsCheck && (key !== debouncedKey || (ready && result.isFetching)),
    candidates,
    signature: candidates.map((c) => c.personId).sort().join(','),
    failed: result.isError,
  };
}

interface DuplicateWarningProps {
  state: DuplicateState;
  confirmedFor: string | null;
  onConfirm: (signature: string | null) => void;
  /** Offer the "different person" checkbox (registration) or only inform (correction). */
  confirmable?: boolean;
  error?: string;
}

/**
 * Always rendered, so that the live region exists before candidates arrive and screen readers
 * announce the warning when it appears.
 */
export function DuplicateWarning({ state, confirmedFor, onConfirm, confirmable = true, error }: DuplicateWarningProps) {
  const intl = useIntl();
  const countries = useCountries();
  const headingId = useId();
  const { candidates, signature } = state;
  const confirmed = candidates.length > 0 && confirmedFor === signature;

  useEffect(() => {
    if (!state.checking && confirmedFor && confirmedFor !== signature) onConfirm(null);
  }, [state.checking, confirmedFor, signature, onConfirm]);

  return (
    <div aria-live="polite">
      {state.checking && (
        <Text size="sm" c="dimmed" role="status">
          <Loader size="xs" me="xs" />
          <FormattedMessage id="duplicates.checking" />
        </Text>
      )}
      {state.failed && !state.checking && (
        <Text size="sm" c="orange.8">
          <FormattedMessage id="duplicates.failed" />
        </Text>
      )}
      {candidates.length > 0 && (
        <Paper
          component="section"
          aria-labelledby={headingId}
          className="duplicate-warning"
          withBorder
          p="md"
          bg="orange.0"
        >
          <Stack gap="sm">
            <Title order={3} size="h4" id={headingId} c="orange.9">
              <FormattedMessage id="duplicates.heading" />
            </Title>
            <Text size="sm">
              <FormattedMessage id="duplicates.body" values={{ count: candidates.length }} />
            </Text>
            <div className="table-scroll">
              <Table withTableBorder bg="white">
                <Table.Caption className="visually-hidden">
                  <FormattedMessage id="duplicates.heading" />
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">
                      <FormattedMessage id="duplicates.name" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="person.birthDate" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="person.nationality" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="case.caseNumber" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <FormattedMessage id="duplicates.score" />
                    </Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>
                        <FormattedMessage id="common.actions" />
                      </VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {candidates.map((c) => (
                    <Table.Tr key={`${c.personId}:${c.caseId}`}>
                      <Table.Td>{personName(c)}</Table.Td>
                      <Table.Td>{formatDay(intl, c.birthDate)}</Table.Td>
                      <Table.Td>{countries.name(c.nationality)}</Table.Td>
                      <Table.Td className="ltr-value">{c.caseNumber}</Table.Td>
                      <Table.Td>
                        {intl.formatNumber(c.score > 1 ? c.score / 100 : c.score, { style: 'percent' })}
                      </Table.Td>
                      <Table.Td>
                        {/* A new tab keeps the half-filled registration. */}
                        <Anchor href={`/cases/${c.caseId}`} target="_blank" rel="noopener">
                          <FormattedMessage id="duplicates.open" />
                          <VisuallyHidden>
                            <FormattedMessage id="duplicates.openHint" values={{ caseNumber: c.caseNumber }} />
                          </VisuallyHidden>
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {confirmable && (
              <Checkbox
                label={intl.formatMessage({ id: 'duplicates.confirm' })}
                checked={confirmed}
                onChange={(e) => onConfirm(e.currentTarget.checked ? signature : null)}
                error={error}
              />
            )}
          </Stack>
        </Paper>
      )}
    </div>
  );
}
