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

export const fullName = (person: Pick<PersonView, 'givenName' | 'familyName'>): string =>
  [person.givenName, person.familyName].filter(Boolean).join(' ');

export const principalNameOf = (row: Pick<CaseSummary, 'principal'>): string => fullName(row.principal);
