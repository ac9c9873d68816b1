import { Progress, Text, type MantineColor } from '@mantine/core';

export interface JobProgressProps {
  /** What the bar measures, for screen readers ("Progress of the run"). */
  label: string;
  /** Done so far, 0 to 100. */
  percent: number;
  /** The progress in words ("3 of 12"), read by screen readers and shown under the bar. */
  text: string;
  color?: MantineColor;
  /** Leaves out the words under the bar (where the row already shows them). */
  hideText?: boolean;
}

/**
 * The progress of a background job (an import, a re-scoring, a report, an access request, a
 * retention run). The root is the progress bar, so that it is there to read, and to see, at 0%
 * too: a Mantine `Progress` puts its role on the filled part only, and an empty bar then carries
 * `aria-valuetext` on an element without a role, which the accessibility check refuses.
 */
export function JobProgress({ label, percent, text, color, hideText }: JobProgressProps) {
  const pct = Math.max(0, Math.min(100, percent));
  return (
    <>
      <Progress.Root mt={4} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} aria-valuetext={text}>
        <Progress.Section value={pct} color={color} withAria={false} />
      </Progress.Root>
      {hideText ? null : <Text size="xs" mt={4}>{text}</Text>}
    </>
  );
}
