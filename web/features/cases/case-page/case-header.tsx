import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { seg } from '../../../lib/api';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { PageTitle } from '../../../components/page-title';
import { useCountries } from '../../../lib/reference';
import type { CaseView as CaseRecord } from '../../../../shared/schemas/cases';
import { fullName } from '../case-display';
import { StageBadge } from '../stage-badge';

function Fact({ labelId, children }: { labelId: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        <FormattedMessage id={labelId} />
      </Text>
      <Text size="sm">{children || <FormattedMessage id="common.notRecorded" />}</Text>
    </div>
  );
}

export function CaseHeader({ record }: { record: CaseRecord }) {
  const intl = useIntl();
  const countries = useCountries();
  const principal = record.members.find((m) => m.isPrincipal) ?? record.members[0];
  const principalName = principal ? fullName(principal.person) : '';
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group gap="sm" align="center" wrap="wrap">
          {/* The document title (kept in browser history) names the case, never the person. */}
          <PageTitle mb={0} text={intl.formatMessage({ id: 'case.page.title' }, { caseNumber: record.caseNumber })}>
            <span className="ltr-value">{record.caseNumber}</span>
            {principalName ? ` · ${principalName}` : ''}
          </PageTitle>
          <StageBadge stage={record.stage} size="lg" />
          {record.restricted && (
            <Badge color="red" variant="outline" tt="none">
              <FormattedMessage id="case.restricted" />
            </Badge>
          )}
          <Button component={Link} to={`/cases/${seg(record.id)}/print`} variant="default" size="xs" ms="auto">
            <FormattedMessage id="print.open" />
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
          <Fact labelId="case.principal">{principalName}</Fact>
          <Fact labelId="case.kind">{intl.formatMessage({ id: `caseKind.${record.kind}` })}</Fact>
          <Fact labelId="case.legalStatus">{intl.formatMessage({ id: record.legalStatus ? `legalStatus.${record.legalStatus}` : 'handover.notShared' })}</Fact>
          <Fact labelId="case.countryOfReturn">{countries.name(record.countryOfReturn)}</Fact>
          <Fact labelId="case.office">{record.officeName}</Fact>
          <Fact labelId="case.owner">{record.ownerName}</Fact>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
