import { Badge, Button, Card, Group, Stack, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSession } from '../../../lib/session';
import type { CaseMemberView as CaseMember, CaseView as CaseRecord } from '../../../../shared/schemas/cases';
import { fullName } from '../case-display';
import { PersonSummary } from '../person/person-summary';
import { AddMemberModal, EditPersonModal } from './person-modals';

export function HouseholdTab({ record, etag }: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const canUpdate = can('case.update');
  const [editing, setEditing] = useState<CaseMember | null>(null);
  const [adding, setAdding] = useState(false);
  // The principal applicant first, then the others in their registered order.
  const members = [...record.members].sort((a, b) => Number(b.isPrincipal) - Number(a.isPrincipal));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h4">
          <FormattedMessage id="household.heading" values={{ count: members.length }} />
        </Title>
        {canUpdate && (
          <Button variant="light" onClick={() => setAdding(true)}>
            <FormattedMessage id="register.member.add" />
          </Button>
        )}
      </Group>
      {members.map((member) => {
        const name = fullName(member.person);
        return (
          <Card key={member.id} withBorder component="section" aria-label={name}>
            <Group justify="space-between" mb="sm" wrap="wrap">
              <Group gap="sm">
                <Title order={3} size="h5">
                  {name}
                </Title>
                <Badge variant="light" color={member.isPrincipal ? 'indigo' : 'gray'} tt="none">
                  <FormattedMessage id={`relationship.${member.isPrincipal ? 'principal' : member.relationship}`} />
                </Badge>
              </Group>
              {canUpdate && (
                <Button variant="subtle" size="xs" onClick={() => setEditing(member)}>
                  <FormattedMessage
                    id="household.edit.button"
                    values={{ name, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }}
                  />
                </Button>
              )}
            </Group>
            <PersonSummary
              person={member.person}
              caption={intl.formatMessage({ id: 'person.documents.caption' }, { name })}
            />
          </Card>
        );
      })}
      {editing && <EditPersonModal caseId={record.id} member={editing} onClose={() => setEditing(null)} />}
      {adding && <AddMemberModal caseId={record.id} etag={etag} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
