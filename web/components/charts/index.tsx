import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { BarChartFigureProps, LineChartFigureProps } from './types';

export { CHART_COLOURS, type ChartColour, type ChartRow, type ChartSeries, type BarChartFigureProps, type LineChartFigureProps } from './types';

/*
 * The app's chart kit (see docs/architecture.md, "Charts"). The chart code (@mantine/charts and
 * Recharts, some 100 kB gzipped) is loaded only when a chart is drawn, in its own chunk, so that
 * pages without charts never ship it, whichever page imports this kit.
 */
const Figure = lazy(() => import('./bar-chart-figure'));
const LineFigure = lazy(() => import('./line-chart-figure'));

/** Grouped bars with a title, a description and the same figures as a table for assistive technology. */
export function BarChartFigure(props: BarChartFigureProps) {
  return (
    <Suspense fallback={<Loader size="sm" aria-label={props.title} />}>
      <Figure {...props} />
    </Suspense>
  );
}

/** Lines across ordered categories (a trend), with the same title, description and hidden table. */
export function LineChartFigure(props: LineChartFigureProps) {
  return (
    <Suspense fallback={<Loader size="sm" aria-label={props.title} />}>
      <LineFigure {...props} />
    </Suspense>
  );
}
