import { Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { LanguageSwitcher } from '../../components/language-switcher';

/** Frame for the screens shown before sign-in. */
export function PublicPage({ children }: { children: ReactNode }) {
  return (
    <div className="public-page">
      <main id="main-content" className="public-card">
        <Group justify="space-between" align="flex-end" mb="md">
          <Text component="p" fz="h2" fw={700} c="indigo.8">
            <FormattedMessage id="app.name" />
          </Text>
          <LanguageSwitcher />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          {children}
        </Paper>
      </main>
    </div>
  );
}
