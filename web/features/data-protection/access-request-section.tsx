import { Anchor, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { JobProgress } from '../../components/job-progress';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ACCESS_REQUEST_FORMATS, ACCESS_REQUEST_LANGUAGES, ACCESS_REQUEST_REFERENCE_MIN } from '../../../shared/schemas/data-protection';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { seg } from '../../lib/api';
import { formatMoment } from '../../lib/dates';
import { useAccessRequests, useStartAccessRequest } from './api';

type Language = (typeof ACCESS_REQUEST_LANGUAGES)[number];

/**
 * A returnee's access request for the chosen household member: the language of the PDF and the
 * request's reference, then the requests with their progress and, once ready, JSON, CSV and PDF.
 */
export function AccessRequestSection({ personId, name }: { personId: string; name: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [language, setLanguage] = useState<Language>('en');
  const [reference, setReference] = useState('');
  const requests = useAccessRequests(personId);
  const start = useStartAccessRequest(personId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ language, reference }, { onSuccess: () => setReference('') });
  };

  return (
    <SectionCard title="dataProtection.accessRequest.title">
      <Text size="sm" mb="sm">
        <FormattedMessage id="dataProtection.accessRequest.intro" values={{ name: <bdi>{name}</bdi> }} />
      </Text>
      <form onSubmit={submit} aria-label={t('dataProtection.accessRequest.title')}>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('dataProtection.accessRequest.language')}
            data={ACCESS_REQUEST_LANGUAGES.map((l) => ({ value: l, label: t(`dataProtection.accessRequest.lang.${l}`) }))}
            value={language}
            onChange={(v) => v && setLanguage(v as Language)}
            allowDeselect={false}
          />
          <TextInput
            style={{ flex: 1, minWidth: '16rem' }}
            label={t('dataProtection.accessRequest.reference')}
            description={t('dataProtection.accessRequest.referenceHint')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            required
            minLength={ACCESS_REQUEST_REFERENCE_MIN}
            maxLength={2000}
          />
          <Button type="submit" loading={start.isPending}>
            <FormattedMessage id="dataProtection.accessRequest.start" />
          </Button>
        </Group>
      </form>
      {start.isError ? <ApiErrorAlert error={start.error} /> : null}
      <Text fw={500} mt="md" mb="xs">
        <FormattedMessage id="dataProtection.accessRequest.list" />
      </Text>
      <QueryState query={requests} empty={t('dataProtection.accessRequest.none')} isEmpty={(v) => v.items.length === 0}>
        {(view) => (
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th><FormattedMessage id="dataProtection.accessRequest.requested" /></Table.Th>
                  <Table.Th><FormattedMessage id="dataProtection.accessRequest.by" /></Table.Th>
                  <Table.Th><FormattedMessage id="dataProtection.accessRequest.reference" /></Table.Th>
                  <Table.Th><FormattedMessage id="dataProtection.accessRequest.status" /></Table.Th>
                  <Table.Th><FormattedMessage id="dataProtection.accessRequest.download" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td><bdi>{formatMoment(intl, String(r.createdAt))}</bdi></Table.Td>
                    <Table.Td><bdi>{r.requestedBy}</bdi></Table.Td>
                    <Table.Td><bdi>{r.reference}</bdi></Table.Td>
                    <Table.Td>
                      <Text size="sm"><FormattedMessage id={`dataProtection.accessRequest.status.${r.status}`} /></Text>
                      {r.status === 'queued' || r.status === 'running' ? (
                        <JobProgress
                          label={t('dataProtection.accessRequest.progress')}
                          percent={r.sectionsTotal ? (100 * r.sectionsDone) / r.sectionsTotal : 0}
                          text={t('dataProtection.accessRequest.progressLabel', { done: r.sectionsDone, total: r.sectionsTotal })}
                          hideText
                        />
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {r.status === 'done' ? (
                        <Group gap="xs">
                          {ACCESS_REQUEST_FORMATS.map((f) => (
                            <Anchor key={f} href={`/api/access-requests/${seg(r.id)}/download?format=${f}`} download size="sm"
                              aria-label={t('dataProtection.accessRequest.downloadAs', { format: f.toUpperCase() })}>
                              {f.toUpperCase()}
                            </Anchor>
                          ))}
                        </Group>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </SectionCard>
  );
}
