import { Alert, Button, Container, Stack } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { useRouteError } from 'react-router';

/** Last resort when a screen throws while rendering: say so and offer a way back. */
export function RouteError() {
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Alert color="red" title={<FormattedMessage id="error.screen.title" />}>
          <FormattedMessage id="error.screen.body" />
        </Alert>
        <Button onClick={() => window.location.assign('/')}>
          <FormattedMessage id="notFound.home" />
        </Button>
      </Stack>
    </Container>
  );
}
