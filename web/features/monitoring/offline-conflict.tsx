import { Alert, Button, List, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { recordVisitBody, type OfflineConflictDetails, type RecordVisitBody } from '../../../shared/schemas/monitoring';
import { SectionCard } from '../../components/section-card';
import type { OfflineRecord } from './offline-store';

/** The parts of a record compared and chosen one by one; an outcome goes with its reason, a survey's answers with their version. */
const FIELDS = ['method', 'visitedOn', 'outcome', 'componentUse', 'sensitiveNotes', 'nextSteps', 'survey'] as const;
type Field = (typeof FIELDS)[number];
type Side = 'server' | 'offline';
type Values = Partial<RecordVisitBody> & { status?: string };

function part(v: Values, f: Field): unknown {
  switch (f) {
    case 'outcome': return v.outcome ? { outcome: v.outcome, notReachedReason: v.notReachedReason ?? null } : null;
    case 'survey': return v.answers ? { instrumentVersionId: v.instrumentVersionId, answers: v.answers } : null;
    case 'componentUse': return [...(v.componentUse ?? [])].sort((a, b) => a.componentKey.localeCompare(b.componentKey));
    default: return v[f] ?? null;
  }
}
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function shown(intl: IntlShape, f: Field, v: Values, components: { componentKey: string; type: string }[]): string {
  const none = intl.formatMessage({ id: 'monitoring.offline.conflict.none' });
  switch (f) {
    case 'method': return v.method ? intl.formatMessage({ id: `monitoring.method.${v.method}` }) : none;
    case 'visitedOn': return v.visitedOn ? intl.formatDate(`${v.visitedOn}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) : none;
    case 'outcome':
      if (!v.outcome) return none;
      return intl.formatMessage({ id: `monitoring.outcome.${v.outcome}` }) + (v.notReachedReason ? ` (${intl.formatMessage({ id: `monitoring.notReached.${v.notReachedReason}` })})` : '');
    case 'componentUse':
      if (!v.componentUse?.length) return none;
      return v.componentUse.map((u) => {
        const i = components.findIndex((c) => c.componentKey === u.componentKey);
        const type = i >= 0 ? intl.formatMessage({ id: `reintegration.componentType.${components[i]!.type}` }) : u.componentKey;
        return `${type}: ${intl.formatMessage({ id: `monitoring.use.${u.use}` })}`;
      }).join('; ');
    case 'survey': return v.answers ? intl.formatMessage({ id: 'monitoring.offline.conflict.answers' }, { count: Object.keys(v.answers).length }) : none;
    default: return (v[f] as string | undefined) ?? none;
  }
}

/**
 * A record refused because the visit changed on the server after the download: each part that
 * differs is shown with the server's value and the offline one, and the officer keeps one of the
 * two for each; the merged record is then sent against the server's current version. Nothing is
 * chosen for the officer, and nothing is sent before every difference is settled.
 */
export function ConflictResolver({ record, caseNumber, components, canSend, onMerged }: {
  record: OfflineRecord; caseNumber: string; components: { componentKey: string; type: string }[]; canSend: boolean; onMerged: (merged: RecordVisitBody) => Promise<void>;
}) {
  const intl = useIntl();
  const conflict = record.conflict as OfflineConflictDetails;
  const server = conflict.server as Values;
  const offline = record.record as Values;
  const differing = FIELDS.filter((f) => !same(part(server, f), part(offline, f)));
  const equal = FIELDS.filter((f) => !differing.includes(f));
  const [choice, setChoice] = useState<Partial<Record<Field, Side>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Sensitive notes the reader may not see cannot be kept from the server's side by sending them.
  const hidden = (f: Field) => f === 'sensitiveNotes' && !('sensitiveNotes' in conflict.server);

  const merge = async () => {
    setProblem(null);
    const pick = (f: Field) => (differing.includes(f) && choice[f] === 'server' ? server : offline);
    const outcome = pick('outcome');
    const survey = pick('survey');
    const use = pick('componentUse');
    const merged = {
      method: pick('method').method,
      visitedOn: pick('visitedOn').visitedOn,
      outcome: outcome.outcome,
      ...(outcome.notReachedReason ? { notReachedReason: outcome.notReachedReason } : {}),
      componentUse: use.componentUse ?? [],
      ...(pick('sensitiveNotes').sensitiveNotes ? { sensitiveNotes: pick('sensitiveNotes').sensitiveNotes } : {}),
      ...(pick('nextSteps').nextSteps ? { nextSteps: pick('nextSteps').nextSteps } : {}),
      ...(survey.answers && survey.instrumentVersionId ? { instrumentVersionId: survey.instrumentVersionId, answers: survey.answers } : {}),
    };
    const checked = recordVisitBody.safeParse(merged);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      setProblem(issue.message.startsWith('monitoring.') ? intl.formatMessage({ id: issue.message }) : intl.formatMessage({ id: 'monitoring.offline.conflict.invalid' }));
      return;
    }
    setBusy(true);
    try {
      await onMerged(merged as RecordVisitBody);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SectionCard title="monitoring.offline.conflict.title" values={{ number: caseNumber }}>
      <Stack gap="sm">
        <Alert color="orange" role="status">
          <FormattedMessage
            id="monitoring.offline.conflict.body"
            values={{
              who: <bdi>{server.status === 'recorded' ? (conflict.server.recordedByName ?? '') : ''}</bdi>,
              when: <bdi>{conflict.server.recordedAt ? intl.formatDate(conflict.server.recordedAt, { dateStyle: 'medium', timeStyle: 'short' }) : ''}</bdi>,
            }}
          />
        </Alert>
        {differing.map((f) => (
          <Radio.Group
            key={f}
            label={intl.formatMessage({ id: `monitoring.offline.conflict.field.${f}` })}
            value={choice[f] ?? null}
            onChange={(v) => setChoice((c) => ({ ...c, [f]: v as Side }))}
            required
          >
            <Stack gap={4} mt={4}>
              <Radio
                value="server"
                disabled={hidden(f)}
                label={<FormattedMessage id="monitoring.offline.conflict.keepServer" values={{ value: <bdi>{hidden(f) ? intl.formatMessage({ id: 'monitoring.offline.conflict.hidden' }) : shown(intl, f, server, components)}</bdi> }} />}
              />
              <Radio value="offline" label={<FormattedMessage id="monitoring.offline.conflict.keepOffline" values={{ value: <bdi>{shown(intl, f, offline, components)}</bdi> }} />} />
            </Stack>
          </Radio.Group>
        ))}
        {equal.length > 0 && (
          <>
            <Text size="sm"><FormattedMessage id="monitoring.offline.conflict.same" /></Text>
            <List size="sm">
              {equal.map((f) => (
                <List.Item key={f}>
                  <FormattedMessage id={`monitoring.offline.conflict.field.${f}`} />: <bdi>{shown(intl, f, offline, components)}</bdi>
                </List.Item>
              ))}
            </List>
          </>
        )}
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
        <Button w="fit-content" onClick={() => void merge()} loading={busy} disabled={!canSend || differing.some((f) => !choice[f])}>
          <FormattedMessage id="monitoring.offline.conflict.send" />
        </Button>
      </Stack>
    </SectionCard>
  );
}
