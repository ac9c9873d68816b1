import { Button, Stack, Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { PageTitle } from '../components/page-title';

export function NotFoundPage() {
  return (
    <Stack align="flex-start">
      <PageTitle id="notFound.title" />
      <Text>
        <FormattedMessage id="notFound.body" />
      </Text>
      <Button component={Link} to="/">
        <FormattedMessage id="notFound.home" />
      </Button>
    </Stack>
  );
}
