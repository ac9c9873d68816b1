import { Alert, Anchor, Button, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { BREAK_GLASS_REASON_MIN } from '../../../shared/schemas/data-protection';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { SectionCard } from '../../components/section-card';
import { formatMoment } from '../../lib/dates';
import { useBreakGlass } from './api';

/**
 * A supervisor opens a case outside their scope: they name it by its number and say why. The
 * access is read-only, ends after a while, and every read is recorded and reviewed.
 */
export function BreakGlassPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const [caseNumber, setCaseNumber] = useState('');
  const [reason, setReason] = useState('');
  const grant = useBreakGlass();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate({ caseNumber: caseNumber.trim(), reason: reason.trim() });
  };
  return (
    <Stack>
      <PageTitle id="breakGlass.title" />
      <SectionCard title="breakGlass.form">
        <Text size="sm" mb="sm"><FormattedMessage id="breakGlass.intro" /></Text>
        <form onSubmit={submit} aria-label={t('breakGlass.form')}>
          <Stack>
            <TextInput label={t('breakGlass.caseNumber')} value={caseNumber} onChange={(e) => setCaseNumber(e.currentTarget.value)} required maxLength={64} dir="ltr" />
            <Textarea
              label={t('breakGlass.reason')}
              description={t('breakGlass.reasonHint', { min: BREAK_GLASS_REASON_MIN })}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              autosize
              minRows={3}
              maxLength={2000}
            />
            <Button type="submit" color="red" loading={grant.isPending} disabled={reason.trim().length < BREAK_GLASS_REASON_MIN || !caseNumber.trim()}>
              <FormattedMessage id="breakGlass.submit" />
            </Button>
          </Stack>
        </form>
        {grant.isError ? <ApiErrorAlert error={grant.error} /> : null}
        {grant.data ? (
          <Alert mt="md" color="orange" role="status">
            <FormattedMessage
              id="breakGlass.granted"
              values={{ number: <bdi className="ltr-value">{grant.data.caseNumber}</bdi>, until: <bdi>{formatMoment(intl, String(grant.data.expiresAt))}</bdi> }}
            />{' '}
            <Anchor component={Link} to={`/cases/${grant.data.caseId}`}>
              <FormattedMessage id="breakGlass.open" />
            </Anchor>
          </Alert>
        ) : null}
      </SectionCard>
    </Stack>
  );
}
