import { Text } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

/**
 * The names of the fields an audit entry recorded, for a reader who is not shown (some of) their
 * values: the server withholds what the reader may not read of that case right now.
 */
export function AuditFields({ messageId, fields }: { messageId: 'audit.changedFields' | 'audit.withheldFields'; fields?: string[] }) {
  if (!fields?.length) return null;
  return (
    <Text size="xs" c="dimmed">
      <FormattedMessage id={messageId} values={{ fields: <span className="ltr-value">{fields.join(', ')}</span> }} />
    </Text>
  );
}
