import { Button, Group, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { ConfirmAction } from '../../../components/confirm-action';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { seg } from '../../../lib/api';
import { formatMoment } from '../../../lib/dates';
import { changeCase, useCaseChanged, useCaseHistory, useInvalidateCase } from '../api';
import type { AllowedTransition, CaseView as CaseRecord } from '../../../../shared/schemas/cases';
import { StageBadge } from '../stage-badge';

function Transitions({ record, etag }: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const invalidate = useInvalidateCase(record.id);
  const changed = useCaseChanged(record.id);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (body: { to: string; reason?: string }) =>
      changeCase('POST', `/api/cases/${seg(record.id)}/transitions`, body, { etag }),
    onSuccess: async (result, body) => {
      setReason('');
      setClosing(false);
      await changed(result);
      notifications.show({
        color: 'green',
        message: t('transition.done', { stage: t(`stage.${body.to}`) }),
      });
    },
  });
  const transitions = record.allowedTransitions ?? [];
  const needsReason = transitions.filter((tr) => tr.reasonRequired);
  // Closing is final: asked once in a dialog before it is sent.
  const [closing, setClosing] = useState(false);
  const send = (to: string) => mutation.mutate({ to, ...(reason.trim() ? { reason: reason.trim() } : {}) });

  const move = (transition: AllowedTransition) => {
    if (transition.reasonRequired && !reason.trim()) {
      setReasonError(t('transition.reasonRequired', { stage: t(`stage.${transition.to}`) }));
      document.getElementById('transition-reason')?.focus();
      return;
    }
    setReasonError(undefined);
    if (transition.to === 'closed') {
      mutation.reset();
      setClosing(true);
      return;
    }
    send(transition.to);
  };

  return (
    <SectionCard title="transition.heading">
      <Group gap="sm" mb="sm">
        <Text size="sm">
          <FormattedMessage id="transition.current" />
        </Text>
        <StageBadge stage={record.stage} />
      </Group>
      {transitions.length === 0 ? (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="transition.none" />
        </Text>
      ) : (
        <Stack gap="sm">
          <div aria-live="assertive">
            {mutation.error && !closing ? (
              <ApiErrorAlert error={mutation.error} onReload={() => void invalidate().then(() => mutation.reset())} />
            ) : null}
          </div>
          <Textarea
            id="transition-reason"
            label={t('transition.reason')}
            description={
              needsReason.length
                ? t('transition.reasonHint', {
                    stages: intl.formatList(needsReason.map((tr) => t(`stage.${tr.to}`)), { type: 'conjunction' }),
                  })
                : t('transition.reasonOptional')
            }
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonError(undefined);
            }}
            error={reasonError}
            autosize
            minRows={2}
            maxRows={6}
          />
          <Group gap="sm" wrap="wrap">
            {transitions.map((transition) => (
              <Button
                key={transition.to}
                variant={transition.reasonRequired ? 'outline' : 'filled'}
                color={transition.reasonRequired ? 'orange' : undefined}
                onClick={() => move(transition)}
                loading={mutation.isPending && mutation.variables?.to === transition.to}
                disabled={mutation.isPending && mutation.variables?.to !== transition.to}
              >
                <FormattedMessage id="transition.moveTo" values={{ stage: t(`stage.${transition.to}`) }} />
              </Button>
            ))}
          </Group>
          <ConfirmAction
            opened={closing}
            onCancel={() => setClosing(false)}
            onConfirm={() => send('closed')}
            title="transition.closeConfirm.title"
            body="transition.closeConfirm.body"
            confirmLabel="transition.closeConfirm.action"
            color="orange"
            pending={mutation.isPending}
            error={mutation.error}
            onReload={() => void invalidate().then(() => mutation.reset())}
          />
        </Stack>
      )}
    </SectionCard>
  );
}

function StageHistory({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const history = useCaseHistory(caseId);
  return (
    <SectionCard title="history.heading">
      <QueryState query={history} empty="history.empty" isEmpty={(data) => data.transitions.length === 0}>
        {(data) => (
        <Timeline bulletSize={14} lineWidth={2} active={data.transitions.length - 1}>
          {data.transitions.map((tr, i) => (
            <Timeline.Item
              key={`${tr.at}-${i}`}
              title={
                tr.fromStage ? (
                  <FormattedMessage
                    id="history.moved"
                    values={{
                      from: intl.formatMessage({ id: `stage.${tr.fromStage}` }),
                      to: intl.formatMessage({ id: `stage.${tr.toStage}` }),
                    }}
                  />
                ) : (
                  <FormattedMessage id="history.opened" values={{ to: intl.formatMessage({ id: `stage.${tr.toStage}` }) }} />
                )
              }
            >
              <Text size="sm" c="dimmed">
                <FormattedMessage id="history.byAt" values={{ actor: <bdi>{tr.actorName}</bdi>, at: <bdi>{formatMoment(intl, tr.at)}</bdi> }} />
              </Text>
              {tr.reason && (
                <Text size="sm" mt={4}>
                  <FormattedMessage id="history.reason" values={{ reason: tr.reason }} />
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
        )}
      </QueryState>
    </SectionCard>
  );
}

export function StageTab({ record, etag }: { record: CaseRecord; etag: string }) {
  return (
    <Stack>
      <Transitions record={record} etag={etag} />
      <StageHistory caseId={record.id} />
    </Stack>
  );
}
