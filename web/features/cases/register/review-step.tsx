import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatDay } from '../../../lib/dates';
import { FormattedMessage, useIntl } from 'react-intl';
import { DetailList } from '../../../components/detail-list';
import { useCountries, useOffices } from '../../../lib/reference';
import { fullName } from '../case-display';
import { PersonSummary } from '../person/person-summary';
import { STEP_DETAILS, STEP_HOUSEHOLD, STEP_PRINCIPAL, toRegisterBody, type WizardDraft } from './wizard-state';

export function ReviewStep({ draft, onEdit }: { draft: WizardDraft; onEdit: (step: number) => void }) {
  const intl = useIntl();
  const countries = useCountries();
  const offices = useOffices();
  const body = toRegisterBody(draft);
  const editButton = (step: number, labelId: string) => (
    <Button variant="subtle" size="xs" onClick={() => onEdit(step)}>
      <FormattedMessage id={labelId} />
    </Button>
  );

  return (
    <Stack>
      <Text size="sm">
        <FormattedMessage id="register.review.intro" />
      </Text>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            <FormattedMessage id="register.step.details" />
          </Title>
          {editButton(STEP_DETAILS, 'register.review.editDetails')}
        </Group>
        <DetailList
          items={[
            { label: 'case.kind', value: intl.formatMessage({ id: `caseKind.${body.kind}` }) },
            { label: 'case.legalStatus', value: body.legalStatus ? intl.formatMessage({ id: `legalStatus.${body.legalStatus}` }) : '' },
            { label: 'register.countryOfReturn', value: countries.name(body.countryOfReturn) },
            { label: 'case.office', value: offices.name(body.officeId) },
            ...(body.kind === 'post_arrival' ? [{ label: 'handover.admission.date', value: body.admissionDate ? formatDay(intl, body.admissionDate) : '' }] : []),
          ]}
        />
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            <FormattedMessage id="register.review.principal" values={{ name: fullName(body.principal) }} />
          </Title>
          {editButton(STEP_PRINCIPAL, 'register.review.editPrincipal')}
        </Group>
        <PersonSummary
          person={body.principal}
          caption={intl.formatMessage({ id: 'person.documents.caption' }, { name: fullName(body.principal) })}
        />
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            <FormattedMessage id="register.review.members" values={{ count: body.members.length }} />
          </Title>
          {editButton(STEP_HOUSEHOLD, 'register.review.editMembers')}
        </Group>
        {body.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="register.household.none" />
          </Text>
        ) : (
          <Stack gap="lg">
            {body.members.map((member, i) => (
              <Stack key={draft.members[i].key} gap="xs">
                <Title order={4} size="h5">
                  <FormattedMessage
                    id="register.review.member"
                    values={{
                      name: fullName(member.person),
                      relationship: intl.formatMessage({ id: `relationship.${member.relationship}` }),
                    }}
                  />
                </Title>
                <PersonSummary
                  person={member.person}
                  caption={intl.formatMessage({ id: 'person.documents.caption' }, { name: fullName(member.person) })}
                />
              </Stack>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
