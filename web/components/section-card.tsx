import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

interface SectionCardProps {
  /** Catalogue id of the heading (a level-2 heading: the page title is the level 1). */
  title: string;
  values?: Record<string, string | number>;
  /** Buttons beside the heading. */
  actions?: ReactNode;
  children?: ReactNode;
}

/** A bordered part of a page or a case tab, with its heading. */
export function SectionCard({ title, values, actions, children }: SectionCardProps) {
  const heading = (
    <Title order={2} size="h4">
      <FormattedMessage id={title} values={values} />
    </Title>
  );
  return (
    <Card withBorder component="section">
      {actions ? (
        <Group justify="space-between" mb="sm" wrap="wrap">
          {heading}
          {actions}
        </Group>
      ) : (
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id={title} values={values} />
        </Title>
      )}
      {children}
    </Card>
  );
}
