import { Alert, Badge, Button, Code, CopyButton, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { useMe, useSession } from '../../lib/session';
import { disableTotp, enableTotp, groupSecret, startTotpSetup } from './api';
import { OwnSessionsSection } from './sessions-section';

const CODE = /^\d{6}$/;

function CodeForm({
  submitLabel,
  onSubmit,
  color,
}: {
  submitLabel: string;
  onSubmit: (code: string) => Promise<void>;
  color?: string;
}) {
  const intl = useIntl();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!CODE.test(code)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit(code);
      setCode('');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={360}>
        <div aria-live="assertive">{failure ? <ApiErrorAlert error={failure} /> : null}</div>
        <TextInput
          label={intl.formatMessage({ id: 'security.code' })}
          description={intl.formatMessage({ id: 'security.codeHint' })}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
          error={invalid ? intl.formatMessage({ id: 'validation.totpCode' }) : undefined}
          withAsterisk
          aria-required
          dir="ltr"
        />
        <Group>
          <Button type="submit" loading={busy} color={color}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SecurityPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const me = useMe();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const t = (id: string) => intl.formatMessage({ id });
  const enabled = me.user.totpEnabled;

  const begin = async () => {
    setStarting(true);
    setSetupError(null);
    try {
      setSetup(await startTotpSetup());
    } catch (error) {
      setSetupError(error);
    } finally {
      setStarting(false);
    }
  };

  const enable = async (code: string) => {
    const wasRequired = me.totpEnrolmentRequired;
    await enableTotp(code);
    setSetup(null);
    await refresh();
    notifications.show({ color: 'green', message: t('security.enabled') });
    if (wasRequired) navigate('/', { replace: true });
  };

  const disable = async (code: string) => {
    await disableTotp(code);
    await refresh();
    notifications.show({ color: 'green', message: t('security.disabled') });
  };

  return (
    <Stack maw={720}>
      <PageTitle id="security.title" />
      {me.totpEnrolmentRequired && (
        <Alert color="orange" title={t('security.required.title')}>
          <FormattedMessage id="security.required.body" />
        </Alert>
      )}
      <Group gap="sm">
        <Text fw={500}>
          <FormattedMessage id="security.status" />
        </Text>
        <Badge color={enabled ? 'green' : 'gray'} variant="light" tt="none">
          <FormattedMessage id={enabled ? 'security.status.on' : 'security.status.off'} />
        </Badge>
      </Group>
      <Text size="sm">
        <FormattedMessage id="security.explanation" />
      </Text>

      {!enabled && !setup && (
        <Stack gap="sm" align="flex-start">
          <div aria-live="assertive">{setupError ? <ApiErrorAlert error={setupError} /> : null}</div>
          <Button onClick={() => void begin()} loading={starting}>
            <FormattedMessage id="security.start" />
          </Button>
        </Stack>
      )}

      {!enabled && setup && (
        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h4">
              <FormattedMessage id="security.setup.heading" />
            </Title>
            <List type="ordered" spacing="sm">
              <List.Item>
                <FormattedMessage id="security.setup.step1" />
              </List.Item>
              <List.Item>
                <Stack gap={4}>
                  <FormattedMessage id="security.setup.step2" />
                  <Group gap="sm">
                    <Text className="totp-secret" data-testid="totp-secret">
                      {groupSecret(setup.secret)}
                    </Text>
                    <CopyButton value={setup.secret}>
                      {({ copied, copy }) => (
                        <Button size="compact-sm" variant="light" onClick={copy}>
                          <FormattedMessage id={copied ? 'common.copied' : 'security.copySecret'} />
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                </Stack>
              </List.Item>
              <List.Item>
                <Stack gap={4}>
                  <FormattedMessage id="security.setup.uri" />
                  <Code block className="ltr-value totp-uri" data-testid="totp-uri">
                    {setup.otpauthUri}
                  </Code>
                </Stack>
              </List.Item>
              <List.Item>
                <FormattedMessage id="security.setup.step3" />
              </List.Item>
            </List>
            <CodeForm submitLabel={t('security.enable')} onSubmit={enable} />
          </Stack>
        </Paper>
      )}

      {enabled && (
        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h4">
              <FormattedMessage id="security.disable.heading" />
            </Title>
            <Text size="sm">
              <FormattedMessage id="security.disable.body" />
            </Text>
            <CodeForm submitLabel={t('security.disable')} onSubmit={disable} color="red" />
          </Stack>
        </Paper>
      )}
      {me.totpEnrolmentRequired ? null : <OwnSessionsSection />}
    </Stack>
  );
}
