import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring';
import type { Definition, InstrumentVersionView, InstrumentView } from '../../../shared/schemas/monitoring';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmAction } from '../../components/confirm-action';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useSession } from '../../lib/session';
import { createDraft, monitoringKeys, publishVersion, useInstrumentVersion, useInstruments } from './api';
import { DefinitionView } from './definition-view';
import { DraftEditor } from './draft-editor';
import { RescoreCard } from './rescore-card';
import { ScoringPanel } from './scoring-panel';

/** Survey instruments: their versions, a version's definition, the draft's editor and the scoring test. */
export function InstrumentsPage() {
  const instruments = useInstruments();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const list = instruments.data ?? [];
  const versionId = params.get('version') ?? list[0]?.versions.find((v) => v.status === 'published')?.id ?? list[0]?.versions[0]?.id ?? null;
  return (
    <Stack>
      <PageTitle id="monitoring.instruments.title" />
      <QueryState query={instruments} empty="monitoring.instruments.empty" isEmpty={(l) => l.length === 0} errorScope="monitoring">
        {(items) => (
          <Stack>
            {items.map((i) => <InstrumentCard key={i.id} instrument={i} selected={versionId} onOpen={(id) => setParams({ version: id })} />)}
          </Stack>
        )}
      </QueryState>
      {versionId && <VersionPanel versionId={versionId} />}
      {can('monitoring.instrument.manage') && instruments.data && <RescoreCard instruments={instruments.data} />}
    </Stack>
  );
}

function useInstrumentName() {
  const intl = useIntl();
  return (i: { builtin: boolean; name: string; key?: string }) => (i.builtin ? intl.formatMessage({ id: 'monitoring.instrument.builtinName' }) : i.name);
}

function InstrumentCard({ instrument, selected, onOpen }: { instrument: InstrumentView; selected: string | null; onOpen: (versionId: string) => void }) {
  const intl = useIntl();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const name = useInstrumentName();
  const hasDraft = instrument.versions.some((v) => v.status === 'draft');
  const draft = useMutation({
    mutationFn: () => createDraft(instrument.id),
    onSuccess: async (v) => {
      await queryClient.invalidateQueries({ queryKey: monitoringKeys.instruments });
      onOpen(v.id);
    },
  });
  return (
    <SectionCard
      title="monitoring.instrument.heading"
      values={{ name: name(instrument) }}
      actions={can('monitoring.instrument.manage') && !hasDraft ? (
        <Button size="xs" onClick={() => draft.mutate()} loading={draft.isPending}><FormattedMessage id="monitoring.draft.create" /></Button>
      ) : undefined}
    >
      <Stack gap="xs">
        {instrument.builtin && <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.instrument.builtinNote" /></Text>}
        {draft.error ? <ApiErrorAlert error={draft.error} scope="monitoring" /> : null}
        <Group gap="xs" role="list" aria-label={intl.formatMessage({ id: 'monitoring.instruments.versions' })}>
          {instrument.versions.map((v) => (
            <div role="listitem" key={v.id}>
              <Button
                size="xs"
                variant={v.id === selected ? 'filled' : 'default'}
                aria-current={v.id === selected ? 'true' : undefined}
                onClick={() => onOpen(v.id)}
              >
                <FormattedMessage id="monitoring.version.button" values={{ number: v.number, status: intl.formatMessage({ id: `monitoring.status.${v.status}` }) }} />
              </Button>
            </div>
          ))}
        </Group>
      </Stack>
    </SectionCard>
  );
}

function VersionPanel({ versionId }: { versionId: string }) {
  const query = useInstrumentVersion(versionId);
  return (
    <QueryState query={query} errorScope="monitoring">
      {(v) => <Version key={`${v.id}.${v.version}`} version={v} />}
    </QueryState>
  );
}

function Version({ version }: { version: InstrumentVersionView }) {
  const intl = useIntl();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const name = useInstrumentName();
  const [confirming, setConfirming] = useState(false);
  const manage = can('monitoring.instrument.manage');
  const editable = manage && version.status === 'draft';
  const publish = useMutation({
    mutationFn: () => publishVersion(version),
    onSuccess: async (saved) => {
      setConfirming(false);
      queryClient.setQueryData(monitoringKeys.version(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: monitoringKeys.instruments });
    },
  });
  const instrumentName = name({ builtin: version.instrumentKey === DEFAULT_INSTRUMENT_KEY, name: version.instrumentName });
  return (
    <Stack>
      <SectionCard
        title="monitoring.version.heading"
        values={{ name: instrumentName, number: version.number }}
        actions={editable ? (
          <Button color="green" onClick={() => setConfirming(true)}><FormattedMessage id="monitoring.publish" /></Button>
        ) : undefined}
      >
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={version.status === 'published' ? 'green' : 'yellow'}>{intl.formatMessage({ id: `monitoring.status.${version.status}` })}</Badge>
            {version.publishedAt && (
              <Text size="sm" c="dimmed">
                <FormattedMessage id="monitoring.version.publishedOn" values={{ date: <bdi>{intl.formatDate(version.publishedAt, { dateStyle: 'medium' })}</bdi> }} />
              </Text>
            )}
          </Group>
          {version.provisionalWeights && <Alert color="yellow" title={intl.formatMessage({ id: 'monitoring.provisional.title' })}><FormattedMessage id="monitoring.provisional" /></Alert>}
          {editable && <Text size="sm"><FormattedMessage id="monitoring.draft.hint" /></Text>}
          {!editable && <DefinitionView definition={version.definition as Definition} />}
        </Stack>
      </SectionCard>
      {editable ? <DraftEditor version={version} /> : <ScoringPanel definition={version.definition as Definition} />}
      <ConfirmAction
        opened={confirming}
        onCancel={() => setConfirming(false)}
        onConfirm={() => publish.mutate()}
        title="monitoring.publish.title"
        body="monitoring.publish.body"
        bodyValues={{ number: version.number }}
        confirmLabel="monitoring.publish.confirm"
        color="green"
        pending={publish.isPending}
        error={publish.error}
        errorScope="monitoring"
      />
    </Stack>
  );
}
