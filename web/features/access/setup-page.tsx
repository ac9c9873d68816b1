import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PasswordField } from '../../components/password-field';
import { fieldErrorMap } from '../../lib/error-message';
import { PASSWORD_MIN_LENGTH, setupFirstAdministrator } from './api';
import { PublicPage } from './public-page';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Errors {
  organisationName?: string;
  name?: string;
  email?: string;
  password?: string;
  confirm?: string;
}

/** First run: the one-time link printed by the server creates the first administrator. */
export function SetupPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // The token is a one-time setup secret, not personal data; it is only read from the link.
  const token = params.get('token') ?? '';
  const [organisationName, setOrganisationName] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);

  useEffect(() => {
    document.title = `${intl.formatMessage({ id: 'setup.title' })} · ${intl.formatMessage({ id: 'app.name' })}`;
  }, [intl]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: Errors = {};
    if (organisationName.trim() && organisationName.trim().length < 2) next.organisationName = t('validation.tooShort');
    if (!name.trim()) next.name = t('validation.required');
    if (!EMAIL.test(email.trim())) next.email = t('validation.email');
    if (password.length < PASSWORD_MIN_LENGTH) next.password = t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH });
    if (confirm !== password) next.confirm = t('validation.passwordMismatch');
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusFirstInvalid();
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      await setupFirstAdministrator({
        token,
        ...(organisationName.trim() ? { organisationName: organisationName.trim() } : {}),
        name: name.trim(),
        email: email.trim(),
        password,
      });
      notifications.show({ color: 'green', message: t('setup.done') });
      navigate('/login', { replace: true });
    } catch (error) {
      const fields = fieldErrorMap(error, intl);
      setErrors({
        organisationName: fields.organisationName,
        name: fields.name,
        email: fields.email,
        password: fields.password,
      });
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PublicPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            <FormattedMessage id="setup.title" />
          </Title>
          <Text size="sm">
            <FormattedMessage id="setup.intro" />
          </Text>
          {!token && (
            <Alert color="orange" title={t('setup.noToken.title')}>
              <FormattedMessage id="setup.noToken.body" />
            </Alert>
          )}
          <div aria-live="assertive">{failure ? <ApiErrorAlert error={failure} hideFieldIssues /> : null}</div>
          <TextInput
            label={t('setup.organisationName')}
            description={t('setup.organisationName.hint')}
            autoComplete="organization"
            value={organisationName}
            onChange={(e) => setOrganisationName(e.currentTarget.value)}
            error={errors.organisationName}
          />
          <TextInput
            label={t('setup.name')}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            withAsterisk={false}
          />
          <TextInput
            label={t('setup.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            required
            withAsterisk={false}
            dir="ltr"
          />
          <PasswordField
            label={t('setup.password')}
            description={t('setup.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            required
            withAsterisk={false}
          />
          <PasswordField
            label={t('setup.confirmPassword')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errors.confirm}
            required
            withAsterisk={false}
          />
          <Button type="submit" loading={submitting} disabled={!token}>
            <FormattedMessage id="setup.submit" />
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
