import { useEffect } from 'react';
import { duplicateQueryOf, type PersonDraft } from './person-draft';
import { DuplicateWarning, useDuplicateCheck } from './duplicate-check';
import { PersonFields } from './person-fields';

export interface DuplicateStatus {
  checking: boolean;
  /** Candidates exist and the user has not said this is a different person. */
  blocked: boolean;
}

interface PersonSectionProps {
  value: PersonDraft;
  onChange: (value: PersonDraft) => void;
  errors: Record<string, string>;
  prefix: string;
  confirmedFor: string | null;
  onConfirm: (signature: string | null) => void;
  onDuplicateStatus: (status: DuplicateStatus) => void;
  /** Editing an existing person: they are not a duplicate of themselves. */
  excludePersonId?: string;
  /** False when correcting an existing person: candidates are shown, not confirmed away. */
  requireConfirmation?: boolean;
}

/** A person's fields followed by the live duplicate check for them. */
export function PersonSection(props: PersonSectionProps) {
  const { value, onChange, errors, prefix, confirmedFor, onConfirm, onDuplicateStatus, excludePersonId } = props;
  const requireConfirmation = props.requireConfirmation ?? true;
  const state = useDuplicateCheck(duplicateQueryOf(value), excludePersonId);
  const blocked = state.candidates.length > 0 && confirmedFor !== state.signature;
  useEffect(() => {
    onDuplicateStatus({ checking: state.checking, blocked });
  }, [state.checking, blocked, onDuplicateStatus]);
  return (
    <PersonFields
      value={value}
      onChange={onChange}
      errors={errors}
      prefix={prefix}
      afterNames={
        <DuplicateWarning
          state={state}
          confirmedFor={confirmedFor}
          onConfirm={onConfirm}
          confirmable={requireConfirmation}
          error={errors[`${prefix}.differentPerson`]}
        />
      }
    />
  );
}
