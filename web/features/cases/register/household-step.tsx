import { Button, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { optionalEnumOptions } from '../../../lib/enum-options';
import { RELATIONSHIPS, type Relationship } from '../../../../shared/cases';
import type { PersonDraft } from '../person/person-draft';
import { PersonSection, type DuplicateStatus } from '../person/person-section';
import { emptyMember, memberPrefix, type MemberDraft } from './wizard-state';

interface HouseholdStepProps {
  members: MemberDraft[];
  onChange: (update: (members: MemberDraft[]) => MemberDraft[]) => void;
  errors: Record<string, string>;
  onDuplicateStatus: (key: string, status: DuplicateStatus) => void;
  /** The principal applicant, whose family name and nationality a new member is offered. */
  principal: PersonDraft;
}

/** A new member, offered the principal's family name and nationality (editable). */
function memberOf(principal: PersonDraft): MemberDraft {
  const member = emptyMember();
  return { ...member, person: { ...member.person, familyName: principal.familyName.trim(), nationality: principal.nationality } };
}

function MemberFieldset({
  member,
  index,
  onChange,
  onRemove,
  errors,
  onDuplicateStatus,
  focusFirst,
}: {
  member: MemberDraft;
  index: number;
  onChange: (patch: Partial<MemberDraft>) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  onDuplicateStatus: (key: string, status: DuplicateStatus) => void;
  /** Just added: its first field takes the focus. */
  focusFirst: boolean;
}) {
  const intl = useIntl();
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusFirst) first.current?.focus();
  }, [focusFirst]);
  const report = useCallback((status: DuplicateStatus) => onDuplicateStatus(member.key, status), [member.key, onDuplicateStatus]);
  const confirm = useCallback((signature: string | null) => onChange({ confirmedFor: signature }), [onChange]);
  return (
    <Fieldset legend={intl.formatMessage({ id: 'register.member.legend' }, { n: index + 1 })}>
      <Stack gap="sm">
        <NativeSelect
          ref={first}
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

export function HouseholdStep({ members, onChange, errors, onDuplicateStatus, principal }: HouseholdStepProps) {
  const [added, setAdded] = useState<string | null>(null);
  const add = () => {
    const member = memberOf(principal);
    setAdded(member.key);
    onChange((list) => [...list, member]);
  };
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
          focusFirst={member.key === added}
          onChange={(patch) =>
            onChange((list) => list.map((m) => (m.key === member.key ? { ...m, ...patch } : m)))
          }
          onRemove={() => onChange((list) => list.filter((m) => m.key !== member.key))}
        />
      ))}
      <Group>
        <Button variant="light" onClick={add}>
          <FormattedMessage id="register.member.add" />
        </Button>
        {(principal.familyName.trim() || principal.nationality) && (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="register.member.prefilled" />
          </Text>
        )}
      </Group>
    </Stack>
  );
}
