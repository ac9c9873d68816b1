import { Badge } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { STAGE_COLOURS } from './case-display';

export function StageBadge({ stage, size = 'md' }: { stage: string; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={STAGE_COLOURS[stage] ?? 'gray'} variant="light" size={size} tt="none" className="stage-badge">
      <FormattedMessage id={`stage.${stage}`} />
    </Badge>
  );
}
