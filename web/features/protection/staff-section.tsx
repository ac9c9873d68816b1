import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SectionCard } from '../../components/section-card';
import { useSession } from '../../lib/session';
import { assignStaff, protectionKeys, unassignStaff, useAssignments, type StaffMember } from './api';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';

/** The staff assigned to a case besides its owner: they (and supervisors) see it once restricted. */
export function StaffSection({ record, staff }: { record: CaseRecord; staff: StaffMember[] }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const { can } = useSession();
  const queryClient = useQueryClient();
  const assignments = useAssignments(record.id);
  const [userId, setUserId] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: protectionKeys.assignments(record.id), exact: true });
  const add = useMutation({
    mutationFn: () => assignStaff(record.id, userId),
    onSuccess: async () => {
      setUserId('');
      await refresh();
      notifications.show({ color: 'green', message: t('protection.staff.added') });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unassignStaff(record.id, id),
    onSuccess: refresh,
  });
  const items = assignments.data?.items ?? [];
  const canManage = Boolean(assignments.data?.canManage) && can('case.update');
  const choices = staff.filter((s) => s.id !== record.ownerId && !items.some((i) => i.userId === s.id));
  return (
    <SectionCard title="protection.staff">
      <Stack gap="sm">
        <Text size="sm">
          <FormattedMessage id="protection.staff.owner" values={{ name: <bdi>{record.ownerName}</bdi> }} />
        </Text>
        {assignments.error ? <ApiErrorAlert error={assignments.error} /> : null}
        {remove.error ? <ApiErrorAlert error={remove.error} /> : null}
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="protection.staff.none" />
          </Text>
        ) : (
          <ul className="plain-list">
            {items.map((i) => (
              <Group component="li" key={i.userId} justify="space-between">
                <Text size="sm">{i.name}</Text>
                {canManage && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(i.userId)} loading={remove.isPending && remove.variables === i.userId}
                    aria-label={intl.formatMessage({ id: 'protection.staff.removeName' }, { name: i.name })}>
                    <FormattedMessage id="protection.staff.remove" />
                  </Button>
                )}
              </Group>
            ))}
          </ul>
        )}
        {canManage && (
          <form onSubmit={(e: FormEvent) => { e.preventDefault(); if (userId) add.mutate(); }}>
            <Stack gap="xs">
              {add.error ? <ApiErrorAlert error={add.error} /> : null}
              <Group align="flex-end">
                <NativeSelect
                  label={t('protection.staff.choose')}
                  value={userId}
                  onChange={(e) => setUserId(e.currentTarget.value)}
                  data={[{ value: '', label: t('common.choose') }, ...choices.map((s) => ({ value: s.id, label: s.name }))]}
                />
                <Button type="submit" variant="light" disabled={!userId} loading={add.isPending}>
                  <FormattedMessage id="protection.staff.add" />
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </SectionCard>
  );
}
