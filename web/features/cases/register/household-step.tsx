import { Button, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { optionalEnumOptions } from '../../../lib/enum-options';
import { RELATIONSHIPS, type Relationship } from '../../../../shared/cases';
import { PersonSection, type DuplicateStatus } from '../person/person-section';
import { emptyMember, memberPrefix, type MemberDraft } from './wizard-state';

interface HouseholdStepProps {
  members: MemberDraft[];
  onChange: (update: (members: MemberDraft[]) => MemberDraft[]) => void;
  errors: Record<string, string>;
  onDuplicateStatus: (key: string, status: DuplicateStatus) => void;
}

function MemberFieldset({
  member,
  index,
  onChange,
  onRemove,
  errors,
  onDuplicateStatus,
}: {
  member: MemberDraft;
  index: number;
  onChange: (patch: Partial<MemberDraft>) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  onDuplicateStatus: (key: string, status: DuplicateStatus) => void;
}) {
  const intl = useIntl();
  const report = useCallback((status: DuplicateStatus) => onDuplicateStatus(member.key, status), [member.key, onDuplicateStatus]);
  const confirm = useCallback((signature: string | null) => onChange({ confirmedFor: signature }), [onChange]);
  return (
    <Fieldset legend={intl.formatMessage({ id: 'register.member.legend' }, { n: index + 1 })}>
      <Stack gap="sm">
        <NativeSelect
          label={intl.formatMessage({ id: 'member.relationship' })}
          data={optionalEnumOptions(intl, 'relationship', RELATIONSHIPS)}
          value={member.relationship}
          onChange={(e) => onChange({ relationship: e.currentTarget.value as Relationship | '' })}
          error={errors[`members.${index}.relationship`]}
          withAsterisk
          aria-required
          maw={360}
        />
        <PersonSection
          value={member.person}
          onChange={(person) => onChange({ person })}
          errors={errors}
          prefix={memberPrefix(index)}
          confirmedFor={member.confirmedFor}
          onConfirm={confirm}
          onDuplicateStatus={report}
        />
        <Group justify="flex-end">
          <Button variant="subtle" color="red" onClick={onRemove}>
            <FormattedMessage id="register.member.remove" values={{ n: index + 1 }} />
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

export function HouseholdStep({ members, onChange, errors, onDuplicateStatus }: HouseholdStepProps) {
  return (
    <Stack>
      <Text size="sm">
        <FormattedMessage id="register.household.intro" />
      </Text>
      {members.length === 0 && (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="register.household.none" />
        </Text>
      )}
      {members.map((member, index) => (
        <MemberFieldset
          key={member.key}
          member={member}
          index={index}
          errors={errors}
          onDuplicateStatus={onDuplicateStatus}
          onChange={(patch) =>
            onChange((list) => list.map((m) => (m.key === member.key ? { ...m, ...patch } : m)))
          }
          onRemove={() => onChange((list) => list.filter((m) => m.key !== member.key))}
        />
      ))}
      <Group>
        <Button variant="light" onClick={() => onChange((list) => [...list, emptyMember()])}>
          <FormattedMessage id="register.member.add" />
        </Button>
      </Group>
    </Stack>
  );
}
