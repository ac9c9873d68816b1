import { Button, Checkbox, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DetailList } from '../../components/detail-list';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { formatDay } from '../../lib/dates';
import {
  COMPLETIONS, communityKeys, enrol, recordAttendance, setCompletion, unenrol, useCaseMembers, useTraining, useTrainings,
  type Completion, type TrainingView,
} from './api';
import { CaseFinder } from './case-finder';
import { SessionFormModal, TrainingFormModal } from './training-forms';
import { personName, shownPersonName } from '../../lib/erased';

type Session = TrainingView['sessions'][number];

/** Chooses the person of a found case to enrol. */
function Enrol({ training, onChanged }: { training: TrainingView; onChanged: () => void }) {
  const intl = useIntl();
  const [picked, setPicked] = useState<{ id: string; caseNumber: string } | null>(null);
  const [personId, setPersonId] = useState('');
  const household = useCaseMembers(picked?.id ?? null);
  const add = useMutation({
    mutationFn: () => enrol(training.id, picked!.id, personId),
    onSuccess: () => { setPicked(null); setPersonId(''); onChanged(); },
  });
  return (
    <Stack gap="xs">
      <CaseFinder label="trainings.enrol.find" actionLabel="trainings.enrol.choose" onPick={(c) => { setPicked(c); setPersonId(''); }} />
      {picked && (
        <Group align="flex-end" gap="xs">
          <NativeSelect
            label={intl.formatMessage({ id: 'trainings.enrol.person' }, { number: picked.caseNumber })}
            data={[{ value: '', label: intl.formatMessage({ id: 'trainings.enrol.choosePerson' }) },
              ...(household.data?.members ?? []).map((m) => ({ value: m.person.id, label: personName(m.person) }))]}
            value={personId}
            onChange={(e) => setPersonId(e.currentTarget.value)}
          />
          <Button disabled={!personId} loading={add.isPending} onClick={() => add.mutate()}><FormattedMessage id="trainings.enrol.submit" /></Button>
        </Group>
      )}
      {add.error ? <ApiErrorAlert error={add.error} scope="community" /> : null}
    </Stack>
  );
}

/** Who attended which session: one labelled checkbox per person and session, saved as it is ticked. */
function AttendanceGrid({ training, onChanged }: { training: TrainingView; onChanged: () => void }) {
  const intl = useIntl();
  const mark = useMutation({
    mutationFn: ({ sessionId, personId, present }: { sessionId: string; personId: string; present: boolean }) => recordAttendance(training.id, sessionId, [{ personId, present }]),
    onSuccess: onChanged,
  });
  const complete = useMutation({ mutationFn: ({ personId, completion }: { personId: string; completion: Completion }) => setCompletion(training.id, personId, completion), onSuccess: onChanged });
  const out = useMutation({ mutationFn: (personId: string) => unenrol(training.id, personId), onSuccess: onChanged });
  const sessionName = (s: Session) => `${formatDay(intl, s.heldOn)} ${s.startsAt}`;
  if (training.participants.length === 0) return <Text c="dimmed"><FormattedMessage id="trainings.participants.none" /></Text>;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={480}>
        <Table>
          <Table.Caption><FormattedMessage id="trainings.attendance.caption" /></Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th><FormattedMessage id="trainings.participants.name" /></Table.Th>
              {training.sessions.map((s) => <Table.Th key={s.id}><bdi>{sessionName(s)}</bdi></Table.Th>)}
              <Table.Th><FormattedMessage id="trainings.participants.attended" /></Table.Th>
              <Table.Th><FormattedMessage id="trainings.participants.completion" /></Table.Th>
              <Table.Th><FormattedMessage id="trainings.participants.actions" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {training.participants.map((p) => (
              <Table.Tr key={p.personId}>
                <Table.Th scope="row"><bdi>{shownPersonName(p.name)}</bdi> <Text span size="xs" c="dimmed"><bdi dir="ltr">{p.caseNumber}</bdi></Text></Table.Th>
                {training.sessions.map((s) => (
                  <Table.Td key={s.id}>
                    <Checkbox
                      checked={p.attendance[s.id] === true}
                      onChange={(e) => mark.mutate({ sessionId: s.id, personId: p.personId, present: e.currentTarget.checked })}
                      aria-label={intl.formatMessage({ id: 'trainings.attendance.present' }, { name: shownPersonName(p.name), session: sessionName(s) })}
                    />
                  </Table.Td>
                ))}
                <Table.Td>{intl.formatMessage({ id: 'trainings.participants.attendedOf' }, { attended: p.attended, total: p.totalSessions })}</Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={intl.formatMessage({ id: 'trainings.participants.completionFor' }, { name: shownPersonName(p.name) })}
                    data={[{ value: '', label: intl.formatMessage({ id: 'trainings.completion.unset' }) }, ...COMPLETIONS.map((c) => ({ value: c, label: intl.formatMessage({ id: `trainings.completion.${c}` }) }))]}
                    value={p.completion ?? ''}
                    onChange={(e) => e.currentTarget.value && complete.mutate({ personId: p.personId, completion: e.currentTarget.value as Completion })}
                  />
                  {p.suggestedCompletion && (
                    <Text size="xs" c="dimmed"><FormattedMessage id="trainings.completion.suggested" values={{ completion: intl.formatMessage({ id: `trainings.completion.${p.suggestedCompletion}` }) }} /></Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => out.mutate(p.personId)} aria-label={intl.formatMessage({ id: 'trainings.participants.unenrolFor' }, { name: shownPersonName(p.name) })}>
                    <FormattedMessage id="trainings.participants.unenrol" />
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {[mark.error, complete.error, out.error].map((e, i) => (e ? <ApiErrorAlert key={i} error={e} scope="community" /> : null))}
    </Stack>
  );
}

function TrainingDetails({ id, onEdit }: { id: string; onEdit: (t: TrainingView) => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const training = useTraining(id);
  const [session, setSession] = useState<{ session: Session | null } | null>(null);
  const heading = useRef<HTMLElement>(null);
  useEffect(() => heading.current?.focus(), [id]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: communityKeys.all });
  return (
    <section ref={heading} tabIndex={-1} aria-label={training.data?.title ?? ''}>
      <QueryState query={training} errorScope="community">
        {(t) => (
          <Stack>
            <SectionCard title="trainings.details.title" values={{ title: t.title }} actions={<Button variant="default" onClick={() => onEdit(t)}><FormattedMessage id="trainings.edit" /></Button>}>
              <DetailList items={[
                { label: 'trainings.field.kind', value: intl.formatMessage({ id: `trainings.kind.${t.kind}` }) },
                { label: 'trainings.field.provider', value: <bdi>{t.providerName}</bdi> },
                { label: 'trainings.field.office', value: <bdi>{t.officeName}</bdi> },
              ]} />
            </SectionCard>
            <SectionCard title="trainings.sessions.title" actions={<Button variant="light" onClick={() => setSession({ session: null })}><FormattedMessage id="trainings.session.add" /></Button>}>
              {t.sessions.length === 0 ? <Text c="dimmed"><FormattedMessage id="trainings.sessions.none" /></Text> : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th><FormattedMessage id="trainings.session.heldOn" /></Table.Th>
                      <Table.Th><FormattedMessage id="trainings.session.startsAt" /></Table.Th>
                      <Table.Th><FormattedMessage id="trainings.session.duration" /></Table.Th>
                      <Table.Th><FormattedMessage id="trainings.session.place" /></Table.Th>
                      <Table.Th><FormattedMessage id="trainings.participants.actions" /></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {t.sessions.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>{formatDay(intl, s.heldOn)}</Table.Td>
                        <Table.Td><bdi dir="ltr">{s.startsAt}</bdi></Table.Td>
                        <Table.Td>{intl.formatNumber(s.durationMinutes)}</Table.Td>
                        <Table.Td><bdi>{s.place}</bdi></Table.Td>
                        <Table.Td>
                          <Button size="compact-sm" variant="subtle" onClick={() => setSession({ session: s })} aria-label={intl.formatMessage({ id: 'trainings.session.editFor' }, { day: formatDay(intl, s.heldOn) })}>
                            <FormattedMessage id="trainings.edit" />
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </SectionCard>
            <SectionCard title="trainings.participants.title">
              <Stack>
                <AttendanceGrid training={t} onChanged={refresh} />
                {t.hiddenParticipants > 0 && <Text size="sm" c="dimmed"><FormattedMessage id="trainings.participants.hidden" values={{ count: t.hiddenParticipants }} /></Text>}
                <Enrol training={t} onChanged={refresh} />
              </Stack>
            </SectionCard>
            {session && <SessionFormModal trainingId={t.id} session={session.session} onClose={() => setSession(null)} />}
          </Stack>
        )}
      </QueryState>
    </section>
  );
}

type Summary = { id: string; title: string; kind: string; providerName: string; sessionCount: number; participantCount: number };

/** The office's group trainings; one opened below with its sessions, participants and attendance. */
export function GroupTrainingsPage() {
  const intl = useIntl();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const trainings = useTrainings(paging);
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<{ training: TrainingView | null } | null>(null);
  const columns: DataColumn<Summary>[] = [
    {
      id: 'title', header: 'trainings.field.title',
      cell: (t) => (
        <Button variant="subtle" size="compact-sm" onClick={() => setSelected(t.id)} aria-pressed={t.id === selected} aria-label={intl.formatMessage({ id: 'trainings.open' }, { title: t.title })}>
          <bdi>{t.title}</bdi>
        </Button>
      ),
    },
    { id: 'kind', header: 'trainings.field.kind', cell: (t) => intl.formatMessage({ id: `trainings.kind.${t.kind}` }) },
    { id: 'provider', header: 'trainings.field.provider', cell: (t) => <bdi>{t.providerName}</bdi> },
    { id: 'sessions', header: 'trainings.field.sessions', cell: (t) => intl.formatNumber(t.sessionCount) },
    { id: 'participants', header: 'trainings.field.participants', cell: (t) => intl.formatNumber(t.participantCount) },
  ];
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <PageTitle id="trainings.title" mb={0} />
        <Button onClick={() => setForm({ training: null })}><FormattedMessage id="trainings.create" /></Button>
      </Group>
      <DataTable
        columns={columns}
        rows={trainings.data?.items}
        rowKey={(t) => t.id}
        loading={trainings.isPending}
        fetching={trainings.isFetching}
        error={trainings.error}
        errorScope="community"
        empty="trainings.none"
        caption={trainings.data ? <FormattedMessage id="trainings.caption" values={{ total: trainings.data.total }} /> : null}
        paging={trainings.data && {
          page: trainings.data.page, pageSize: trainings.data.pageSize, total: trainings.data.total,
          onPage: (page) => setPaging((old) => ({ ...old, page })),
          onPageSize: (pageSize) => setPaging({ page: 1, pageSize }),
        }}
        minWidth={640}
      />
      {selected ? <TrainingDetails key={selected} id={selected} onEdit={(t) => setForm({ training: t })} /> : null}
      {form && <TrainingFormModal training={form.training} onClose={() => setForm(null)} onSaved={(t) => setSelected(t.id)} />}
    </Stack>
  );
}
