import { Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useIntl } from 'react-intl';

interface PageTitleProps {
  /** Catalogue key of the heading; or pass `text` when the heading is data (a case number). */
  id?: string;
  values?: Record<string, string | number>;
  text?: string;
  children?: ReactNode;
  mb?: number | string;
}

/** The page's one h1, also used as the document title so that screen readers announce the page. */
export function PageTitle({ id, values, text, children, mb = 'md' }: PageTitleProps) {
  const intl = useIntl();
  const heading = text ?? (id ? intl.formatMessage({ id }, values) : '');
  const appName = intl.formatMessage({ id: 'app.name' });
  useEffect(() => {
    document.title = heading ? `${heading} · ${appName}` : appName;
  }, [heading, appName]);
  return (
    <Title order={1} size="h2" mb={mb}>
      {children ?? heading}
    </Title>
  );
}
