import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { ApiError } from './api';
import { fixTab } from './error-fix';
import { errorMessage, errorTitle } from './error-message';

const intlEn = createIntl({ locale: 'en', messages: en });
const intlFr = createIntl({ locale: 'fr', messages: fr });

describe('errorMessage', () => {
  it('words a refusal in the user’s language, quoting the stage by its name', () => {
    const error = new ApiError(409, 'APPLICATION_NOT_PENDING', 'This case has no application awaiting a decision.', { stage: 'travel_preparation' });
    expect(errorMessage(intlEn, error)).toContain('“Travel preparation”');
    expect(errorMessage(intlFr, error)).toContain('« Préparation du voyage »');
  });

  it('words a move made by an action after the action', () => {
    const error = new ApiError(409, 'CASE_TRANSITION_NEEDS_ACTION', 'x', { from: 'travel_preparation', to: 'departed', action: 'departure' });
    expect(errorMessage(intlEn, error)).toBe('The departure is confirmed on the Travel tab.');
    expect(fixTab(error)).toBe('travel');
  });

  it('falls back to the server’s message when a detail the message quotes is missing', () => {
    const error = new ApiError(409, 'APPLICATION_NOT_PENDING', 'No application awaits a decision.');
    expect(errorMessage(intlEn, error)).toBe('No application awaits a decision.');
  });

  it('titles a refusal as such, and an unexpected failure as a failure', () => {
    const refused = new ApiError(409, 'APPLICATION_ELIGIBILITY_UNCONFIRMED', 'x', { eligibility: 'eligible' });
    expect(errorTitle(intlEn, refused, 'decisions')).toBe('This cannot be done yet');
    expect(errorMessage(intlEn, refused, 'decisions')).toMatch(/confirms it on the Eligibility tab/);
    expect(fixTab(refused)).toBe('eligibility');
    expect(errorTitle(intlEn, new ApiError(500, 'INTERNAL_ERROR', 'x'))).toBe('Something went wrong');
  });
});
