import { Alert, Badge, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { isolate } from '../../components/bidi';
import { ConfirmAction } from '../../components/confirm-action';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { formatMoment } from '../../lib/dates';
import { useSession } from '../../lib/session';
import { PERSON_DECISION_REASON_MIN, type PersonProtectionView } from '../../../shared/schemas/person-erasure';
import { useErasePerson, useErasurePreview, usePersonDecision, usePersonProtection, type PersonDecision } from './erasure-api';
import { personName } from '../../lib/erased';

/**
 * "Restriction, legal hold and erasure" of the person chosen on the Data protection screen: what
 * is in force, and the officer's decisions, each with a reason and a confirmation. The erasure
 * dialog shows what will be destroyed and what blocks it before the officer confirms.
 */
export function ErasureSection({ personId }: { personId: string }) {
  const { can } = useSession();
  if (!can('person.erasure') && !can('person.legal_hold.manage') && !can('person.restriction.manage')) return null;
  return <ErasureStateQuery personId={personId} />;
}

function ErasureStateQuery({ personId }: { personId: string }) {
  const state = usePersonProtection(personId);
  return (
    <QueryState query={state}>
      {(view) => <ErasureState view={view} />}
    </QueryState>
  );
}

function ErasureState({ view }: { view: PersonProtectionView }) {
  const intl = useIntl();
  const { can } = useSession();
  const [decision, setDecision] = useState<PersonDecision | null>(null);
  const [erasing, setErasing] = useState(false);
  const erased = view.person.erasedAt !== null;
  const name = erased ? intl.formatMessage({ id: 'erasure.erasedPerson' }) : personName(view.person);

  return (
    <SectionCard title="erasure.title" values={{ name: isolate(name) }}>
      <Stack gap="sm">
        {erased ? (
          <Alert color="gray" title={intl.formatMessage({ id: 'erasure.erasedPerson' })}>
            <FormattedMessage id="erasure.erasedOn" values={{ at: <bdi>{formatMoment(intl, String(view.person.erasedAt))}</bdi> }} />
          </Alert>
        ) : null}
        <Text size="sm">
          <FormattedMessage id="erasure.cases" />{' '}
          {view.cases.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? ', ' : null}
              <bdi className="ltr-value">{c.caseNumber}</bdi> ({intl.formatMessage({ id: `stage.${c.stage}` })})
            </span>
          ))}
        </Text>
        <DecisionState kind="restriction" decision={view.restriction} />
        <DecisionState kind="legalHold" decision={view.legalHold} />
        {erased ? null : (
          <Group gap="sm">
            {can('person.restriction.manage') ? (
              <Button variant="default" onClick={() => setDecision(view.restriction ? 'restriction/lift' : 'restriction')}>
                <FormattedMessage id={view.restriction ? 'erasure.restriction.lift' : 'erasure.restriction.place'} />
              </Button>
            ) : null}
            {can('person.legal_hold.manage') ? (
              <Button variant="default" onClick={() => setDecision(view.legalHold ? 'legal-hold/lift' : 'legal-hold')}>
                <FormattedMessage id={view.legalHold ? 'erasure.legalHold.lift' : 'erasure.legalHold.place'} />
              </Button>
            ) : null}
            {can('person.erasure') ? (
              <Button color="red" variant="light" onClick={() => setErasing(true)}>
                <FormattedMessage id="erasure.erase" />
              </Button>
            ) : null}
          </Group>
        )}
      </Stack>
      {decision ? <DecisionDialog personId={view.person.id} decision={decision} name={name} onClose={() => setDecision(null)} /> : null}
      {erasing ? <ErasureDialog personId={view.person.id} name={name} onClose={() => setErasing(false)} /> : null}
    </SectionCard>
  );
}

function DecisionState({ kind, decision }: { kind: 'restriction' | 'legalHold'; decision: PersonProtectionView['restriction'] }) {
  const intl = useIntl();
  if (!decision) {
    return <Text size="sm"><FormattedMessage id={`erasure.${kind}.none`} /></Text>;
  }
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge color={kind === 'restriction' ? 'orange' : 'blue'} variant="light"><FormattedMessage id={`erasure.${kind}.active`} /></Badge>
        <Text size="sm">
          <FormattedMessage id="erasure.placed" values={{ at: <bdi>{formatMoment(intl, String(decision.placedAt))}</bdi>, who: <bdi>{decision.placedBy}</bdi> }} />
        </Text>
      </Group>
      <Text size="sm" c="dimmed"><bdi>{decision.reason}</bdi></Text>
    </Stack>
  );
}

function ReasonField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const intl = useIntl();
  return (
    <Textarea
      label={intl.formatMessage({ id: 'erasure.reason' })}
      description={intl.formatMessage({ id: 'erasure.reasonHint' }, { min: PERSON_DECISION_REASON_MIN })}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      required
      autosize
      minRows={2}
      maxLength={2000}
    />
  );
}

const DECISION_IDS: Record<PersonDecision, string> = {
  restriction: 'erasure.restriction.place',
  'restriction/lift': 'erasure.restriction.lift',
  'legal-hold': 'erasure.legalHold.place',
  'legal-hold/lift': 'erasure.legalHold.lift',
};

function DecisionDialog({ personId, decision, name, onClose }: { personId: string; decision: PersonDecision; name: string; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const mutation = usePersonDecision(personId);
  const id = DECISION_IDS[decision];
  return (
    <ConfirmAction
      opened
      onCancel={onClose}
      onConfirm={() => mutation.mutate({ decision, reason }, { onSuccess: onClose })}
      title={id}
      body={`${id}.confirm`}
      bodyValues={{ name: <bdi>{name}</bdi> }}
      confirmLabel={id}
      pending={mutation.isPending}
      error={mutation.error}
    >
      <ReasonField value={reason} onChange={setReason} />
    </ConfirmAction>
  );
}

function ErasureDialog({ personId, name, onClose }: { personId: string; name: string; onClose: () => void }) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const preview = useErasurePreview(personId, true);
  const erase = useErasePerson(personId);
  return (
    <AppModal opened onClose={() => !erase.isPending && onClose()} title={intl.formatMessage({ id: 'erasure.dialog.title' }, { name: isolate(name) })} size="md" centered>
      <QueryState query={preview}>
        {(view) => (
          <Stack gap="sm">
            <Text size="sm"><FormattedMessage id="erasure.dialog.intro" /></Text>
            <List size="sm" aria-label={intl.formatMessage({ id: 'erasure.dialog.destroyed' })}>
              {view.counts.map((c) => (
                <List.Item key={c.kind}>
                  <FormattedMessage id={`erasure.kind.${c.kind}`} values={{ count: c.count }} />
                </List.Item>
              ))}
            </List>
            <Text size="sm" c="dimmed"><FormattedMessage id="erasure.dialog.kept" /></Text>
            {view.blockers.length > 0 ? (
              <Alert color="red" title={intl.formatMessage({ id: 'erasure.dialog.blocked' })} role="alert">
                <List size="sm">
                  {view.blockers.map((code) => <List.Item key={code}>{intl.formatMessage({ id: `error.${code}` })}</List.Item>)}
                </List>
              </Alert>
            ) : <ReasonField value={reason} onChange={setReason} />}
            <div aria-live="assertive"><ApiErrorAlert error={erase.error} /></div>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} disabled={erase.isPending} data-autofocus>
                <FormattedMessage id="common.cancel" />
              </Button>
              {view.blockers.length === 0 ? (
                <Button color="red" loading={erase.isPending} onClick={() => erase.mutate(reason, { onSuccess: onClose })}>
                  <FormattedMessage id="erasure.dialog.confirm" />
                </Button>
              ) : null}
            </Group>
          </Stack>
        )}
      </QueryState>
    </AppModal>
  );
}
