import { Badge, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { SCHEDULE_ANCHORS, type projectScheduleView } from '../../../shared/schemas/monitoring';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SectionCard } from '../../components/section-card';
import { api, apiRequest, etagOf, seg } from '../../lib/api';

type ProjectScheduleView = z.input<typeof projectScheduleView>;

const scheduleKey = (projectId: string) => ['monitoring', 'project-schedule', projectId] as const;

/** "3, 6, 12" → [3, 6, 12]; null when a value is not a whole number of months. */
export function parseOffsets(text: string): number[] | null {
  const parts = text.split(/[,،;\s]+/).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d{1,2}$/.test(p))) return null;
  return parts.map(Number);
}

/**
 * A project's monitoring schedule (for `project.manage`): what the visits count from (the arrival
 * or the last disbursement) and the months after it. Saved with If-Match: a change by someone else
 * meanwhile is refused (412) with the offer to reload.
 */
export function ProjectScheduleCard({ projectId }: { projectId: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const schedule = useQuery({ queryKey: scheduleKey(projectId), queryFn: () => api.get<ProjectScheduleView>(`/api/projects/${seg(projectId)}/monitoring-schedule`) });
  const [anchor, setAnchor] = useState<string>('arrival');
  const [offsets, setOffsets] = useState('');
  useEffect(() => {
    if (!schedule.data) return;
    setAnchor(schedule.data.anchor);
    setOffsets(schedule.data.offsetsMonths.join(', '));
  }, [schedule.data]);
  const parsed = parseOffsets(offsets);
  const ascending = parsed !== null && parsed.every((m, i) => i === 0 || m > parsed[i - 1]!);
  const save = useMutation({
    mutationFn: () => apiRequest<ProjectScheduleView>('PUT', `/api/projects/${seg(projectId)}/monitoring-schedule`, {
      body: { anchor, offsetsMonths: parsed }, etag: etagOf(projectId, schedule.data?.version ?? 0),
    }).then((r) => r.data),
    onSuccess: (data) => {
      queryClient.setQueryData(scheduleKey(projectId), data);
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'monitoring.projectSchedule.saved' }) });
    },
  });
  const offsetsError = offsets && parsed === null ? 'monitoring.projectSchedule.offsetsInvalid' : parsed && !ascending ? 'monitoring.issue.offsetsAscending' : null;
  return (
    <SectionCard title="monitoring.projectSchedule.title">
      {schedule.isError ? <ApiErrorAlert error={schedule.error} scope="monitoring" /> : (
        <Stack gap="sm">
          {schedule.data?.isDefault && <Badge variant="light" w="fit-content"><FormattedMessage id="monitoring.projectSchedule.default" /></Badge>}
          <Radio.Group label={intl.formatMessage({ id: 'monitoring.projectSchedule.anchor' })} value={anchor} onChange={setAnchor}>
            <Group mt={4}>
              {SCHEDULE_ANCHORS.map((a) => <Radio key={a} value={a} label={intl.formatMessage({ id: `monitoring.projectSchedule.anchor.${a}` })} />)}
            </Group>
          </Radio.Group>
          <TextInput
            label={intl.formatMessage({ id: 'monitoring.projectSchedule.offsets' })}
            description={intl.formatMessage({ id: 'monitoring.projectSchedule.offsetsHint' })}
            value={offsets}
            onChange={(e) => setOffsets(e.currentTarget.value)}
            error={offsetsError ? intl.formatMessage({ id: offsetsError }) : undefined}
            dir="ltr"
            maw={320}
          />
          <div aria-live="assertive">
            {save.error ? <ApiErrorAlert error={save.error} scope="monitoring" onReload={() => { save.reset(); void schedule.refetch(); }} /> : null}
          </div>
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!parsed || !ascending || schedule.isPending}>
              <FormattedMessage id="monitoring.projectSchedule.save" />
            </Button>
          </Group>
          <Text size="xs" c="dimmed"><FormattedMessage id="monitoring.projectSchedule.note" /></Text>
        </Stack>
      )}
    </SectionCard>
  );
}
