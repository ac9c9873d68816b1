import { personName } from '../../lib/erased';
import type { CaseSummary, PersonView } from '../../../shared/schemas/cases';

/** Stages that end or pause a case are told apart by colour as well as by text. */
export const STAGE_COLOURS: Record<string, string> = {
  registered: 'gray',
  counselling: 'blue',
  decision_recorded: 'blue',
  application_submitted: 'indigo',
  approved: 'teal',
  travel_preparation: 'cyan',
  departed: 'violet',
  arrived: 'grape',
  reintegration: 'green',
  monitoring: 'lime',
  closed: 'dark',
  withdrawn: 'orange',
  ineligible: 'red',
  suspended: 'yellow',
};

/** A person's name as shown ("Erased person" in the reader's language for an erased one: `lib/erased.ts`). */
export const fullName = (person: Pick<PersonView, 'givenName' | 'familyName'>): string => personName(person);

export const principalNameOf = (row: Pick<CaseSummary, 'principal'>): string => fullName(row.principal);
