import { Button, Menu } from '@mantine/core';
import { useIntl } from 'react-intl';
import { STAT_EXPORT_FORMATS, type StatFigure, type StatQuery } from '../../../shared/schemas/statistics';

/** Where a figure downloads as a file, with the filters in hand and headings in the page's language. */
export function figureExportUrl(figure: StatFigure, query: StatQuery, format: (typeof STAT_EXPORT_FORMATS)[number], lang: string) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  params.set('format', format);
  if (['en', 'fr', 'es', 'ar'].includes(lang)) params.set('lang', lang);
  return `/api/statistics/figures/${encodeURIComponent(figure)}/export?${params.toString()}`;
}

/**
 * "Download: CSV · Excel · HXL" beside a figure's title: a menu (keyboard: Enter opens it, the
 * arrows move, Escape closes) named after the figure for screen readers.
 */
export function FigureExportMenu({ figure, query, title }: { figure: StatFigure; query: StatQuery; title?: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const name = title ?? (intl.messages[`statistics.export.figure.${figure}`] ? t(`statistics.export.figure.${figure}`) : figure);
  const lang = intl.locale.slice(0, 2);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="light" size="compact-sm" aria-label={t('statistics.export.menuLabel', { figure: name })}>
          {t('statistics.export.download')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {STAT_EXPORT_FORMATS.map((format) => (
          <Menu.Item key={format} component="a" href={figureExportUrl(figure, query, format, lang)} download>
            {t(`statistics.export.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
