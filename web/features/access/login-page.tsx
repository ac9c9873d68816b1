import { Alert, Button, Divider, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { FullPageLoader } from '../../components/guards';
import { PasswordField } from '../../components/password-field';
import { isApiError, setCsrfToken } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { useSession } from '../../lib/session';
import { fetchSsoOptions, login, SSO_START_URL } from './api';
import { PublicPage } from './public-page';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';

/** Where to go after sign-in: only same-app paths, never an absolute URL (open redirect). */
function safeReturnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login'
    ? from
    : '/';
}

/** The code a refused single sign-on came back with (`/login?sso=SSO_USER_UNKNOWN`), if it is one. */
function ssoRefusal(search: string): string | null {
  const code = new URLSearchParams(search).get('sso');
  return code && /^SSO_[A-Z_]{1,40}$/.test(code) ? code : null;
}

export function LoginPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const location = useLocation();
  const sso = useQuery({ queryKey: ['auth', 'sso'], queryFn: fetchSsoOptions, staleTime: Infinity, retry: false });
  const ssoCode = ssoRefusal(location.search);
  const { me, loading, refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [totpRequired, setTotpRequired] = useState(false);
  const [errors, setErrors] = useState<{ email?: string; password?: string; totpCode?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${intl.formatMessage({ id: 'login.title' })} · ${intl.formatMessage({ id: 'app.name' })}`;
  }, [intl]);

  useEffect(() => {
    if (totpRequired) totpRef.current?.focus();
  }, [totpRequired]);

  if (loading) return <FullPageLoader />;
  if (me && !submitting) {
    return <Navigate to={me.totpEnrolmentRequired ? '/account/security' : safeReturnPath(location.state)} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!email.trim()) next.email = intl.formatMessage({ id: 'validation.required' });
    if (!password) next.password = intl.formatMessage({ id: 'validation.required' });
    if (totpRequired && !/^\d{6}$/.test(totpCode.trim())) {
      next.totpCode = intl.formatMessage({ id: 'validation.totpCode' });
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      focusFirstInvalid();
      return;
    }

    setSubmitting(true);
    setFailure(null);
    try {
      const result = await login({
        email: email.trim(),
        password,
        ...(totpRequired ? { totpCode: totpCode.trim() } : {}),
      });
      setCsrfToken(result.csrfToken);
      await refresh();
      navigate(result.totpEnrolmentRequired ? '/account/security' : safeReturnPath(location.state), {
        replace: true,
      });
    } catch (error) {
      if (isApiError(error, 'AUTH_TOTP_REQUIRED')) {
        setTotpRequired(true);
      } else {
        setFailure(error);
        if (totpRequired) setTotpCode('');
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PublicPage>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            <FormattedMessage id="login.title" />
          </Title>
          <div aria-live="assertive">
            {ssoCode && !failure ? (
              <Alert color="red" title={intl.formatMessage({ id: 'login.sso.failed' })}>
                {intl.formatMessage({ id: `error.${ssoCode}` in intl.messages ? `error.${ssoCode}` : 'error.SSO_PROVIDER_ERROR' })}
              </Alert>
            ) : null}
            {failure ? (
              <Alert color={isApiError(failure, 'AUTH_LOCKED') ? 'orange' : 'red'} title={intl.formatMessage({ id: 'login.failed' })}>
                {errorMessage(intl, failure)}
              </Alert>
            ) : null}
          </div>
          {sso.data?.oidc ? (
            <>
              <Button component="a" href={SSO_START_URL} variant="default">
                <FormattedMessage id="login.sso.button" />
              </Button>
              <Divider label={intl.formatMessage({ id: 'login.sso.or' })} labelPosition="center" />
            </>
          ) : null}
          <TextInput
            label={intl.formatMessage({ id: 'login.email' })}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            required
            withAsterisk={false}
            autoFocus
            dir="ltr"
          />
          <PasswordField
            label={intl.formatMessage({ id: 'login.password' })}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            required
            withAsterisk={false}
          />
          {totpRequired && (
            <>
              <Text size="sm" role="status">
                <FormattedMessage id="login.totpPrompt" />
              </Text>
              <TextInput
                ref={totpRef}
                label={intl.formatMessage({ id: 'login.totpCode' })}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={totpCode}
                onChange={(e) => setTotpCode(e.currentTarget.value.replace(/\D/g, ''))}
                error={errors.totpCode}
                required
                withAsterisk={false}
                dir="ltr"
              />
            </>
          )}
          <Button type="submit" loading={submitting}>
            <FormattedMessage id="login.submit" />
          </Button>
        </Stack>
      </form>
    </PublicPage>
  );
}
