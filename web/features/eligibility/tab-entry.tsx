import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useIntl } from 'react-intl';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';

const EligibilityTab = lazy(() => import('./eligibility-tab').then((m) => ({ default: m.EligibilityTab })));

/** The case tab, loaded when first shown without replacing the whole page while it loads. */
export function EligibilityTabEntry(props: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  return (
    <Suspense fallback={<Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />}>
      <EligibilityTab {...props} />
    </Suspense>
  );
}
