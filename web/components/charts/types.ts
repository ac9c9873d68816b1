/**
 * Colours of chart series: Mantine shades with at least 3:1 contrast against the white page
 * (WCAG 2.x non-text contrast, 1.4.11) and distinct from each other; series are also told apart
 * by the legend's labels, never by colour alone.
 */
export const CHART_COLOURS = ['blue.8', 'orange.9', 'teal.9', 'grape.8', 'gray.7', 'red.9'] as const;
export type ChartColour = (typeof CHART_COLOURS)[number];

export interface ChartSeries {
  key: string;
  /** The legend's and the table's column header, from the catalogue. */
  label: string;
  color: ChartColour;
}

export interface ChartRow {
  /** The category (the x axis and the table's row header). */
  category: string;
  /** Per series: the value drawn (display only) and the exact text the table shows. */
  values: Record<string, { value: number; text: string }>;
}

export interface BarChartFigureProps {
  title: string;
  description?: string;
  /** The header of the table's first column (what a category is). */
  categoryLabel: string;
  series: ChartSeries[];
  rows: ChartRow[];
  height?: number;
}

export interface LineChartFigureProps extends BarChartFigureProps {
  /** The value axis' range, e.g. [0, 1] for scores; by default fitted to the values. */
  yDomain?: [number, number];
}
