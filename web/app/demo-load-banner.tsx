import { Alert } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DemoLoadAnswer } from '../../shared/schemas/common';
import { JobProgress } from '../components/job-progress';
import { api } from '../lib/api';
import { useSession } from '../lib/session';

const DISMISSED = 'homeward.demoInterruptedDismissed';

/**
 * On a demo database, the cases load in the background for a minute after the first start: this
 * says how far they got, and refreshes every screen once they are all in. If the load stopped
 * half-way (Homeward was stopped), it says so until dismissed for the browser session.
 */
export function DemoLoadBanner() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const { data } = useQuery({
    // Until two-step verification is set up, a session may only do that.
    enabled: !!me && !me.totpEnrolmentRequired,
    queryKey: ['demo-data'],
    queryFn: ({ signal }) => api.get<DemoLoadAnswer>('/api/demo-data', { signal }),
    refetchInterval: (q) => (q.state.data?.state === 'loading' ? 3_000 : false),
    staleTime: Infinity,
  });
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(DISMISSED) === '1');
  const wasLoading = useRef(false);

  useEffect(() => {
    if (data?.state === 'loading') wasLoading.current = true;
    // Every list and count read while the cases loaded is out of date.
    if (data?.state === 'loaded' && wasLoading.current) {
      wasLoading.current = false;
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'demo-data' });
    }
  }, [data?.state, queryClient]);

  if (data?.state === 'loading') {
    const values = { done: data.casesDone, total: data.casesTotal };
    return (
      <Alert color="blue" mb="md" role="status" title={intl.formatMessage({ id: 'demoLoad.loading.title' })} data-testid="demo-load-banner">
        <FormattedMessage id="demoLoad.loading.body" />
        <JobProgress
          label={intl.formatMessage({ id: 'demoLoad.progressLabel' })}
          percent={data.casesTotal ? (100 * data.casesDone) / data.casesTotal : 0}
          text={intl.formatMessage({ id: 'demoLoad.progress' }, values)}
        />
      </Alert>
    );
  }
  if (data?.state === 'interrupted' && !dismissed) {
    return (
      <Alert
        color="yellow"
        mb="md"
        title={intl.formatMessage({ id: 'demoLoad.interrupted.title' })}
        withCloseButton
        closeButtonLabel={intl.formatMessage({ id: 'demoLoad.interrupted.dismiss' })}
        onClose={() => {
          sessionStorage.setItem(DISMISSED, '1');
          setDismissed(true);
        }}
        data-testid="demo-load-banner"
      >
        <FormattedMessage id="demoLoad.interrupted.body" values={{ done: data.casesDone, total: data.casesTotal }} />
      </Alert>
    );
  }
  return null;
}
