import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

export interface DetailItem {
  /** Catalogue key of the label. */
  label: string;
  value: ReactNode;
  key?: string;
}

/** A `<dl>` of label/value pairs; empty values read "Not recorded" rather than nothing. */
export function DetailList({ items }: { items: DetailItem[] }) {
  return (
    <dl className="detail-list">
      {items.map((item) => (
        <div key={item.key ?? item.label} style={{ display: 'contents' }}>
          <dt>
            <FormattedMessage id={item.label} />
          </dt>
          <dd>
            {item.value === null || item.value === undefined || item.value === '' ? (
              <FormattedMessage id="common.notRecorded" />
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
