import { Button, Group, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import type { FollowUpView } from '../../../shared/schemas/monitoring';
import { ConfirmAction } from '../../components/confirm-action';
import { DateField } from '../../components/date-field';
import { useSession } from '../../lib/session';
import { completeFollowUp, reassignFollowUp, rescheduleFollowUp, useFollowUpOfficers, useReferralProviders } from './follow-ups-api';

type Target = Pick<FollowUpView, 'id' | 'caseId' | 'kind' | 'ownerId' | 'dueOn' | 'version'> & { caseNumber?: string };
type Dialog = 'done' | 'owner' | 'due' | null;

/** Whether the signed-in user may change the follow-up: its owner, or a manager of the case's office. */
export function useMayChangeFollowUp() {
  const { me, can } = useSession();
  return (f: { ownerId: string }) => (f.ownerId === me?.user.id && can('monitoring.visit.record')) || can('case.close');
}

/**
 * The actions on an open follow-up: mark it done with the outcome (a referral names the provider
 * referred to or the protection measure), give it to another officer, or move its due date with a
 * reason. `only: 'done'` shows the first alone (the worklist).
 */
export function FollowUpActions({ followUp, only, onChanged }: { followUp: Target; only?: 'done'; onChanged: () => Promise<unknown> | void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [note, setNote] = useState('');
  const [providerId, setProviderId] = useState('');
  const [measure, setMeasure] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [dueOn, setDueOn] = useState(followUp.dueOn);
  const [reason, setReason] = useState('');
  const referral = followUp.kind === 'referral';
  const providers = useReferralProviders(dialog === 'done' && referral);
  const officers = useFollowUpOfficers(followUp.caseId, dialog === 'owner');
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const action = useMutation({
    mutationFn: async () => {
      if (dialog === 'done') {
        return completeFollowUp(followUp, {
          outcomeNote: note,
          ...(referral && providerId ? { referredProviderId: providerId } : {}),
          ...(referral && measure.trim() ? { protectionMeasure: measure } : {}),
        });
      }
      if (dialog === 'owner') return reassignFollowUp(followUp, ownerId);
      return rescheduleFollowUp(followUp, { dueOn, reason });
    },
    onSuccess: async () => {
      setDialog(null);
      await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
      await onChanged();
    },
  });
  const open = (d: Dialog) => {
    action.reset();
    setDialog(d);
  };
  const subject = followUp.caseNumber ? { number: followUp.caseNumber } : { number: '' };
  return (
    <>
      <Group gap="xs">
        <Button size="compact-sm" onClick={() => open('done')} aria-label={followUp.caseNumber ? t('monitoring.followUps.doneFor', subject) : undefined}>
          {t('monitoring.followUps.done')}
        </Button>
        {only !== 'done' && (
          <>
            <Button size="compact-sm" variant="default" onClick={() => open('owner')}>{t('monitoring.followUps.reassign')}</Button>
            <Button size="compact-sm" variant="default" onClick={() => open('due')}>{t('monitoring.followUps.changeDue')}</Button>
          </>
        )}
      </Group>
      <ConfirmAction
        opened={dialog === 'done'}
        onCancel={() => setDialog(null)}
        onConfirm={() => action.mutate()}
        title="monitoring.followUps.doneTitle"
        body={referral ? 'monitoring.followUps.doneBodyReferral' : 'monitoring.followUps.doneBody'}
        confirmLabel="monitoring.followUps.doneConfirm"
        pending={action.isPending}
        error={action.error}
        errorScope="monitoring"
      >
        <Textarea label={t('monitoring.followUps.outcomeNote')} required value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} />
        {referral && (
          <>
            <NativeSelect
              label={t('monitoring.followUps.provider')}
              value={providerId}
              onChange={(e) => setProviderId(e.currentTarget.value)}
              data={[{ value: '', label: t('monitoring.followUps.noProvider') }, ...(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))]}
            />
            <TextInput label={t('monitoring.followUps.protectionMeasure')} value={measure} onChange={(e) => setMeasure(e.currentTarget.value)} />
          </>
        )}
      </ConfirmAction>
      <ConfirmAction
        opened={dialog === 'owner'}
        onCancel={() => setDialog(null)}
        onConfirm={() => action.mutate()}
        title="monitoring.followUps.reassignTitle"
        body="monitoring.followUps.reassignBody"
        confirmLabel="monitoring.followUps.reassignConfirm"
        pending={action.isPending}
        error={action.error}
        errorScope="monitoring"
      >
        <NativeSelect
          label={t('monitoring.followUps.newOwner')}
          required
          value={ownerId}
          onChange={(e) => setOwnerId(e.currentTarget.value)}
          data={[{ value: '', label: t('monitoring.followUps.chooseOwner') }, ...(officers.data?.items ?? []).filter((o) => o.id !== followUp.ownerId).map((o) => ({ value: o.id, label: o.name }))]}
        />
      </ConfirmAction>
      <ConfirmAction
        opened={dialog === 'due'}
        onCancel={() => setDialog(null)}
        onConfirm={() => action.mutate()}
        title="monitoring.followUps.changeDueTitle"
        body="monitoring.followUps.changeDueBody"
        confirmLabel="monitoring.followUps.changeDueConfirm"
        pending={action.isPending}
        error={action.error}
        errorScope="monitoring"
      >
        <DateField label={t('monitoring.followUps.dueOn')} required value={dueOn} onChange={setDueOn} />
        <Textarea label={t('monitoring.followUps.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} />
      </ConfirmAction>
    </>
  );
}
