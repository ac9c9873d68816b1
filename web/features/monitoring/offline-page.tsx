import { Alert, Anchor, Badge, Button, Container, Group, List, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { Definition, OfflineConflictDetails, OfflineVisitView, RecordVisitBody } from '../../../shared/schemas/monitoring';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { PasswordField } from '../../components/password-field';
import { SectionCard } from '../../components/section-card';
import { isApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { fetchOfflinePack, uploadOfflineRecord } from './api';
import { ConflictResolver } from './offline-conflict';
import {
  MAX_ATTEMPTS, createStore, lockStore, offlineSupported, saveRecord, storeState, unlockStore, updateData, wipeOfflineStore,
  type OfflineData, type OfflineRecord, type StoreState,
} from './offline-store';
import { VisitForm } from './visit-form';
import { shownPersonName } from '../../lib/erased';

/** The shortest passphrase the store accepts. */
const PASSPHRASE_MIN = 10;

/**
 * Whether the browser has a connection. When it comes back, who is signed in is read again: a page
 * opened without a connection could not ask, and would otherwise ask the officer to sign in to
 * send the records although the session is still open.
 */
function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  const { refresh: refreshSession } = useSession();
  useEffect(() => {
    const on = () => {
      setOnline(true);
      void refreshSession().catch(() => undefined);
    };
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, [refreshSession]);
  return online;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Offline visits (`/monitoring/offline`, outside the signed-in layout so that it opens without a
 * connection): download the visits to make, kept encrypted in this browser under a passphrase;
 * record them with the visit form while offline; synchronise when back online, each record
 * applied once, and settle conflicts field by field.
 */
export function OfflinePage() {
  const intl = useIntl();
  const online = useOnline();
  const [state, setState] = useState<StoreState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = useCallback(async () => setState(await storeState()), []);
  useEffect(() => {
    if (offlineSupported()) void refresh();
  }, [refresh]);

  return (
    <Container size="lg" py="md">
      <Stack>
        <Group justify="space-between" align="center">
          <PageTitle id="monitoring.offline.title" mb={0} />
          <Group>
            <Badge color={online ? 'green' : 'gray'} variant="light" role="status">
              <FormattedMessage id={online ? 'monitoring.offline.online' : 'monitoring.offline.offline'} />
            </Badge>
            <Anchor component={Link} to="/monitoring"><FormattedMessage id="monitoring.offline.back" /></Anchor>
          </Group>
        </Group>
        {problem && <Alert color="red" role="alert" withCloseButton closeButtonLabel={intl.formatMessage({ id: 'common.close' })} onClose={() => setProblem(null)}>{problem}</Alert>}
        {!offlineSupported() ? (
          <Alert color="yellow" role="status"><FormattedMessage id="monitoring.offline.unsupported" /></Alert>
        ) : state === null ? null : state.kind === 'none' ? (
          <DownloadSection online={online} onDone={refresh} />
        ) : state.kind === 'locked' ? (
          <UnlockSection failedAttempts={state.failedAttempts} onDone={refresh} onWiped={(msg) => { setProblem(msg); void refresh(); }} />
        ) : (
          <StoreView data={state.data} userId={state.userId} online={online} onChange={(d) => setState({ ...state, data: d })} onClosed={refresh} />
        )}
      </Stack>
    </Container>
  );
}

function DownloadSection({ online, onDone, replace }: { online: boolean; onDone: () => void; replace?: (pack: Awaited<ReturnType<typeof fetchOfflinePack>>) => Promise<void> }) {
  const intl = useIntl();
  const { me, can } = useSession();
  const [scope, setScope] = useState<'mine' | 'office'>('mine');
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [issue, setIssue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!online) return <Alert color="yellow" role="status"><FormattedMessage id="monitoring.offline.needOnline" /></Alert>;
  if (!me) {
    return (
      <Alert color="yellow" role="status">
        <FormattedMessage id="monitoring.offline.signInFirst" />{' '}
        <Anchor component={Link} to="/login" state={{ from: '/monitoring/offline' }}><FormattedMessage id="monitoring.offline.signIn" /></Anchor>
      </Alert>
    );
  }
  if (!can('monitoring.visit.record')) return <Alert color="yellow" role="status"><FormattedMessage id="access.notPermitted.body" /></Alert>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setIssue(null);
    if (!replace) {
      if (pass.length < PASSPHRASE_MIN) return setIssue(intl.formatMessage({ id: 'monitoring.offline.passphraseShort' }, { min: PASSPHRASE_MIN }));
      if (pass !== again) return setIssue(intl.formatMessage({ id: 'monitoring.offline.passphraseMismatch' }));
    }
    setBusy(true);
    try {
      const pack = await fetchOfflinePack(scope);
      if (replace) await replace(pack);
      else await createStore(pass, me.user.id, pack);
      setPass('');
      setAgain('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <SectionCard title={replace ? 'monitoring.offline.downloadAgain' : 'monitoring.offline.download'}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm" maw={520}>
          <Text size="sm"><FormattedMessage id="monitoring.offline.downloadHelp" /></Text>
          <SegmentedControl
            aria-label={intl.formatMessage({ id: 'monitoring.worklist.scope' })}
            value={scope}
            onChange={(v) => setScope(v as 'mine' | 'office')}
            data={[
              { value: 'mine', label: intl.formatMessage({ id: 'monitoring.worklist.mine' }) },
              { value: 'office', label: intl.formatMessage({ id: 'monitoring.worklist.office' }) },
            ]}
            w="fit-content"
          />
          {!replace && (
            <>
              <PasswordField
                label={intl.formatMessage({ id: 'monitoring.offline.passphrase' })}
                description={intl.formatMessage({ id: 'monitoring.offline.passphraseHelp' }, { min: PASSPHRASE_MIN })}
                value={pass} onChange={(e) => setPass(e.currentTarget.value)} required autoComplete="new-password"
                error={issue && pass.length < PASSPHRASE_MIN ? issue : undefined}
              />
              <PasswordField
                label={intl.formatMessage({ id: 'monitoring.offline.passphraseAgain' })}
                value={again} onChange={(e) => setAgain(e.currentTarget.value)} required autoComplete="new-password"
                error={issue && pass.length >= PASSPHRASE_MIN ? issue : undefined}
              />
            </>
          )}
          {error !== null && <ApiErrorAlert error={error} scope="monitoring" />}
          <Button type="submit" loading={busy} w="fit-content">
            <FormattedMessage id={replace ? 'monitoring.offline.downloadAgainButton' : 'monitoring.offline.downloadButton'} />
          </Button>
        </Stack>
      </form>
    </SectionCard>
  );
}

function UnlockSection({ failedAttempts, onDone, onWiped }: { failedAttempts: number; onDone: () => void; onWiped: (message: string) => void }) {
  const intl = useIntl();
  const [pass, setPass] = useState('');
  const [wrong, setWrong] = useState<number>(failedAttempts);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await unlockStore(pass);
      setPass('');
      if (r === true) onDone();
      else if (r === 'wiped') onWiped(intl.formatMessage({ id: 'monitoring.offline.wipedAfterAttempts' }, { max: MAX_ATTEMPTS }));
      else setWrong(r.failedAttempts);
    } finally {
      setBusy(false);
    }
  };
  return (
    <SectionCard title="monitoring.offline.unlock">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm" maw={520}>
          <Text size="sm"><FormattedMessage id="monitoring.offline.lockedHelp" /></Text>
          <PasswordField
            label={intl.formatMessage({ id: 'monitoring.offline.passphrase' })}
            value={pass} onChange={(e) => setPass(e.currentTarget.value)} required autoComplete="current-password" data-autofocus
            error={wrong > 0 ? intl.formatMessage({ id: 'monitoring.offline.wrongPassphrase' }, { left: MAX_ATTEMPTS - wrong }) : undefined}
          />
          <Group>
            <Button type="submit" loading={busy}><FormattedMessage id="monitoring.offline.unlockButton" /></Button>
            <EraseButton onErased={onDone} />
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

function EraseButton({ onErased }: { onErased: () => void }) {
  const intl = useIntl();
  return (
    <Button
      variant="outline" color="red"
      onClick={() => {
        if (window.confirm(intl.formatMessage({ id: 'monitoring.offline.eraseConfirm' }))) void wipeOfflineStore().then(onErased);
      }}
    >
      <FormattedMessage id="monitoring.offline.erase" />
    </Button>
  );
}

const dateOf = (intl: ReturnType<typeof useIntl>, day: string) => intl.formatDate(`${day}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

function StoreView({ data, userId, online, onChange, onClosed }: { data: OfflineData; userId: string; online: boolean; onChange: (d: OfflineData) => void; onClosed: () => void }) {
  const intl = useIntl();
  const { me } = useSession();
  const [open, setOpen] = useState<OfflineVisitView | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<unknown>(null);
  const pack = data.pack;
  const recordOf = (visitId: string) => data.records.find((r) => r.visitId === visitId);
  const pending = data.records.filter((r) => r.status === 'pending' || r.status === 'failed');
  const conflicts = data.records.filter((r) => r.status === 'conflict');
  const sameUser = me?.user.id === userId;

  const sync = async (only?: OfflineRecord) => {
    setSyncing(true);
    setSyncError(null);
    try {
      for (const r of only ? [only] : pending) {
        let change: Partial<OfflineRecord>;
        try {
          await uploadOfflineRecord(r.visitId, { clientId: r.clientId, baseVersion: r.baseVersion, merged: r.merged, record: r.record });
          change = { status: 'synced', syncedAt: new Date().toISOString(), conflict: undefined, error: undefined };
        } catch (err) {
          if (isApiError(err, 'MONITORING_OFFLINE_CONFLICT')) change = { status: 'conflict', conflict: err.details as unknown as OfflineConflictDetails, error: undefined };
          else if (isApiError(err) && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403) change = { status: 'failed', error: err.code };
          else {
            setSyncError(err);
            break;
          }
        }
        await updateData((d) => ({ ...d, records: d.records.map((x) => (x.clientId === r.clientId ? { ...x, ...change } : x)) }));
      }
    } finally {
      const s = await storeState();
      if (s.kind === 'unlocked') onChange(s.data);
      setSyncing(false);
    }
  };

  if (open && pack) {
    const existing = recordOf(open.visitId);
    return (
      <SectionCard title="monitoring.offline.recordTitle" values={{ number: open.caseNumber }}>
        <Text size="sm" mb="sm">
          <FormattedMessage id="monitoring.offline.recordFor" values={{ name: <bdi>{shownPersonName(open.returneeName)}</bdi>, place: <bdi>{open.place ?? open.countryOfReturn}</bdi> }} />
        </Text>
        <VisitForm<OfflineData>
          visit={{ id: open.visitId, version: open.version, plannedOn: open.plannedOn }}
          monitoring={{ components: open.components }}
          today={today()}
          survey={pack.instrumentVersion ? { id: pack.instrumentVersion.id, definition: pack.instrumentVersion.definition as Definition } : null}
          initial={existing?.record}
          submitLabel="monitoring.offline.saveOffline"
          submit={(body: RecordVisitBody) => saveRecord(open.visitId, open.version, body, existing && existing.status !== 'synced' ? existing : undefined)}
          onDone={(d) => {
            onChange(d);
            setOpen(null);
          }}
          onCancel={() => setOpen(null)}
        />
      </SectionCard>
    );
  }

  return (
    <Stack>
      <SectionCard title="monitoring.offline.stored">
        <Stack gap="xs">
          {pack && (
            <Text size="sm">
              <FormattedMessage
                id="monitoring.offline.downloadedAt"
                values={{ date: <bdi>{intl.formatDate(pack.downloadedAt, { dateStyle: 'medium', timeStyle: 'short' })}</bdi>, count: pack.visits.length }}
              />
            </Text>
          )}
          <Text size="sm"><FormattedMessage id="monitoring.offline.whatIsStored" /></Text>
          <Text size="sm"><FormattedMessage id="monitoring.offline.records" values={{ pending: pending.length, conflicts: conflicts.length, synced: data.records.filter((r) => r.status === 'synced').length }} /></Text>
          <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.offline.encryption" values={{ max: MAX_ATTEMPTS }} /></Text>
          <Group>
            <Button variant="default" onClick={() => { lockStore(); onClosed(); }}><FormattedMessage id="monitoring.offline.lock" /></Button>
            <EraseButton onErased={onClosed} />
          </Group>
        </Stack>
      </SectionCard>

      <SectionCard title="monitoring.offline.visits" values={{ count: pack?.visits.length ?? 0 }}>
        {pack && pack.visits.length ? (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Caption><FormattedMessage id="monitoring.offline.visits" values={{ count: pack.visits.length }} /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.visit.case" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.offline.returnee" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.offline.place" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.visit.plannedOn" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.visit.status" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.visit.action" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pack.visits.map((v) => {
                  const r = recordOf(v.visitId);
                  return (
                    <Table.Tr key={v.visitId}>
                      <Table.Th scope="row"><bdi className="ltr-value">{v.caseNumber}</bdi></Table.Th>
                      <Table.Td><bdi>{shownPersonName(v.returneeName)}</bdi></Table.Td>
                      <Table.Td><bdi>{v.place ?? ''}</bdi> <bdi>({v.countryOfReturn})</bdi></Table.Td>
                      <Table.Td>
                        <bdi>{dateOf(intl, v.plannedOn)}</bdi>{' '}
                        {v.overdue && <Badge color="red" variant="light"><FormattedMessage id="monitoring.worklist.overdueBadge" /></Badge>}
                      </Table.Td>
                      <Table.Td><FormattedMessage id={`monitoring.offline.status.${r?.status ?? 'none'}`} /></Table.Td>
                      <Table.Td>
                        {r?.status !== 'synced' && r?.status !== 'conflict' && (
                          <Button size="xs" variant="light" onClick={() => setOpen(v)}>
                            <FormattedMessage id={r ? 'monitoring.offline.edit' : 'monitoring.offline.record'} values={{ number: v.caseNumber }} />
                          </Button>
                        )}
                        {r?.status === 'synced' && (
                          <Anchor component={Link} to={`/cases/${v.caseId}?tab=monitoring`}><FormattedMessage id="monitoring.offline.openCase" values={{ number: v.caseNumber }} /></Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : <Text c="dimmed" size="sm"><FormattedMessage id="monitoring.offline.noVisits" /></Text>}
      </SectionCard>

      <SectionCard title="monitoring.offline.sync">
        <Stack gap="sm">
          {!online ? <Text size="sm"><FormattedMessage id="monitoring.offline.syncWhenOnline" /></Text>
            : !me ? (
              <Text size="sm">
                <FormattedMessage id="monitoring.offline.signInToSync" />{' '}
                <Anchor component={Link} to="/login" state={{ from: '/monitoring/offline' }}><FormattedMessage id="monitoring.offline.signIn" /></Anchor>
              </Text>
            ) : !sameUser ? <Alert color="yellow" role="status"><FormattedMessage id="monitoring.offline.otherUser" /></Alert>
              : (
                <Button w="fit-content" onClick={() => void sync()} loading={syncing} disabled={!pending.length}>
                  <FormattedMessage id="monitoring.offline.syncButton" values={{ count: pending.length }} />
                </Button>
              )}
          {syncError !== null && <ApiErrorAlert error={syncError} scope="monitoring" />}
          {data.records.some((r) => r.status === 'failed') && (
            <List size="sm">
              {data.records.filter((r) => r.status === 'failed').map((r) => {
                const v = pack?.visits.find((x) => x.visitId === r.visitId);
                return (
                  <List.Item key={r.clientId}>
                    <FormattedMessage id="monitoring.offline.failed" values={{ number: <bdi>{v?.caseNumber ?? r.visitId}</bdi>, code: r.error ?? '' }} />
                  </List.Item>
                );
              })}
            </List>
          )}
          {online && me && sameUser && pack && (
            <DownloadSection online={online} onDone={() => undefined} replace={async (p) => onChange(await updateData((d) => ({ ...d, pack: p })))} />
          )}
        </Stack>
      </SectionCard>

      {conflicts.map((r) => {
        const v = pack?.visits.find((x) => x.visitId === r.visitId);
        return (
          <ConflictResolver
            key={r.clientId}
            record={r}
            caseNumber={v?.caseNumber ?? ''}
            components={v?.components ?? []}
            canSend={online && sameUser}
            onMerged={async (merged) => {
              const conflict = r.conflict!;
              const next = { ...r, record: merged, baseVersion: conflict.currentVersion, merged: true, status: 'pending' as const, conflict: undefined };
              onChange(await updateData((d) => ({ ...d, records: d.records.map((x) => (x.clientId === r.clientId ? next : x)) })));
              await sync(next);
            }}
          />
        );
      })}
    </Stack>
  );
}
