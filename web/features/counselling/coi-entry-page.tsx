import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { UploadForm } from '../../components/upload-form';
import { DetailList } from '../../components/detail-list';
import { PageTitle } from '../../components/page-title';
import { isApiError, seg } from '../../lib/api';
import { formatDay, formatMoment } from '../../lib/dates';
import { useCountries, useLanguages } from '../../lib/reference';
import { useSession } from '../../lib/session';
import { counsellingKeys, useCoiEntry, useCoiVersion, type CoiEntry } from './api';
import { isolate } from '../../components/bidi';

function VersionView({ entry, version }: { entry: CoiEntry; version: number | null }) {
  const intl = useIntl();
  const { name: languageName } = useLanguages();
  const older = useCoiVersion(entry.id, version !== null && version !== entry.version ? version : null);
  const v = version === null || version === entry.version ? entry.current : older.data;
  if (!v) return older.isError ? <ApiErrorAlert error={older.error} /> : <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          <FormattedMessage id="counselling.coi.versionN" values={{ version: v.version }} />
        </Title>
        {v.version !== entry.version && (
          <Alert color="gray" py={4} role="status">
            <FormattedMessage id="counselling.coi.olderVersion" values={{ current: entry.version }} />
          </Alert>
        )}
      </Group>
      <DetailList
        items={[
          { label: 'counselling.coi.language', value: languageName(v.language) },
          { label: 'counselling.coi.source', value: v.source },
          { label: 'counselling.coi.informationDate', value: formatDay(intl, v.informationDate) },
          { label: 'counselling.coi.editedBy', value: <><bdi>{v.createdByName}</bdi> · <bdi>{formatMoment(intl, v.createdAt)}</bdi></> },
        ]}
      />
      {v.summary ? (
        <Text fw={600} mt="sm" dir="auto">
          {v.summary}
        </Text>
      ) : null}
      <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto" lang={v.language}>
        {v.body}
      </Text>
    </Card>
  );
}

/** One entry of the library: the current (or a chosen older) version, every version, the files. */
export function CoiEntryPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { entryId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { can } = useSession();
  const { name: countryName } = useCountries();
  const query = useCoiEntry(entryId);
  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.isError) {
    return (
      <Stack align="flex-start">
        <PageTitle id={isApiError(query.error) && query.error.status === 404 ? 'counselling.coi.notFound' : 'error.title'} />
        <ApiErrorAlert error={query.error} />
        <Button component={Link} to="/country-information" variant="default">
          <FormattedMessage id="counselling.coi.back" />
        </Button>
      </Stack>
    );
  }
  const { entry } = query.data;
  const requested = Number(params.get('version'));
  const version = Number.isInteger(requested) && requested >= 1 && requested <= entry.version ? requested : null;
  return (
    <Stack>
      <Anchor component={Link} to="/country-information" size="sm">
        <FormattedMessage id="counselling.coi.back" />
      </Anchor>
      <Group justify="space-between" wrap="wrap">
        <PageTitle text={entry.title} mb={0} />
        {can('coi.manage') && (
          <Button component={Link} to={`/country-information/${entry.id}/edit`}>
            <FormattedMessage id="counselling.coi.edit" />
          </Button>
        )}
      </Group>
      <Group gap="xs">
        <Badge variant="light" tt="none">{countryName(entry.country)}</Badge>
        <Badge variant="light" tt="none">{t(`counselling.coiTopic.${entry.topic}`)}</Badge>
        {entry.stale && (
          <Badge color="orange" variant="light" tt="none">
            <FormattedMessage id="counselling.coi.staleSince" values={{ months: entry.staleAfterMonths }} />
          </Badge>
        )}
      </Group>
      <VersionView entry={entry} version={version} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id="counselling.coi.versions" />
        </Title>
        <div className="table-scroll">
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="counselling.coi.version" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="counselling.coi.entryTitle" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="counselling.coi.informationDate" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="counselling.coi.editedBy" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entry.versions.map((v) => (
                <Table.Tr key={v.id} aria-current={(version ?? entry.version) === v.version ? 'true' : undefined}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setParams(v.version === entry.version ? {} : { version: String(v.version) }, { replace: true })}>
                      {t('counselling.coi.versionN', { version: v.version })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td dir="auto">{v.title}</Table.Td>
                  <Table.Td>
                    {formatDay(intl, v.informationDate)}
                    {v.stale && (
                      <Badge ms={6} size="sm" color="orange" variant="light" tt="none">
                        <FormattedMessage id="counselling.coi.stale" />
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td><bdi>{v.createdByName}</bdi> · <bdi>{formatMoment(intl, v.createdAt)}</bdi></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id="counselling.coi.attachments" />
        </Title>
        {entry.attachments.length === 0 ? (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="attachments.empty" />
          </Text>
        ) : (
          <ul className="plain-list">
            {entry.attachments.map((a) => (
              <li key={a.id}>
                <Anchor href={`/api/coi/${seg(entry.id)}/attachments/${seg(a.id)}`} download={a.fileName}>
                  {a.fileName}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  {[a.description, t('counselling.coi.versionN', { version: a.entryVersion }), formatMoment(intl, a.createdAt)].filter(Boolean).map((part) => isolate(part as string)).join(' · ')}
                </Text>
              </li>
            ))}
          </ul>
        )}
        {can('coi.manage') && (
          <Stack mt="md">
            <Title order={3} size="h5">
              <FormattedMessage id="attachments.uploadHeading" />
            </Title>
            <UploadForm url={`/api/coi/${seg(entry.id)}/attachments`} refresh={counsellingKeys.coiEntry(entry.id)} />
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
