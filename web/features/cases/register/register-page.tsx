import { Alert, Button, Group, Stack, Stepper, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { PageTitle } from '../../../components/page-title';
import { newIdempotencyKey } from '../../../lib/api';
import { fieldErrorMap } from '../../../lib/error-message';
import { useMe } from '../../../lib/session';
import { useSessionState } from '../../../lib/session-storage';
import { caseKeys, registerCase } from '../api';
import { PersonSection, type DuplicateStatus } from '../person/person-section';
import { CaseDetailsStep } from './case-details-step';
import { HouseholdStep } from './household-step';
import { ReviewStep } from './review-step';
import {
  emptyWizard,
  STEP_DETAILS,
  STEP_HOUSEHOLD,
  STEP_PRINCIPAL,
  STEP_REVIEW,
  stepOfPath,
  toRegisterBody,
  validateStep,
  type WizardDraft,
} from './wizard-state';

const STEP_LABELS = ['register.step.principal', 'register.step.household', 'register.step.details', 'register.step.review'];

export function RegisterPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // Kept in this tab's sessionStorage so that a reload does not lose a half-typed household.
  const [draft, setDraft] = useSessionState<WizardDraft>('register.draft', emptyWizard(me.user.officeId));
  const [step, setStep] = useState(STEP_PRINCIPAL);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<Record<string, DuplicateStatus>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const stepChanged = useRef(false);

  useEffect(() => {
    if (stepChanged.current) headingRef.current?.focus();
  }, [step]);

  const reportDuplicates = useCallback((key: string, status: DuplicateStatus) => {
    setDuplicates((old) =>
      old[key]?.checking === status.checking && old[key]?.blocked === status.blocked ? old : { ...old, [key]: status },
    );
  }, []);
  const reportPrincipal = useCallback((status: DuplicateStatus) => reportDuplicates('principal', status), [reportDuplicates]);
  const confirmPrincipal = useCallback(
    (signature: string | null) => setDraft((d) => ({ ...d, principalConfirmedFor: signature })),
    [setDraft],
  );

  /** Duplicate checks that still run, or candidates not yet dismissed, for one step. */
  const duplicateProblems = (target: number) => {
    const keys =
      target === STEP_PRINCIPAL
        ? [{ key: 'principal', prefix: 'principal' }]
        : target === STEP_HOUSEHOLD
          ? draft.members.map((m, i) => ({ key: m.key, prefix: `members.${i}.person` }))
          : [];
    const checking = keys.some(({ key }) => duplicates[key]?.checking);
    const blocked: Record<string, string> = {};
    for (const { key, prefix } of keys) {
      if (duplicates[key]?.blocked) blocked[`${prefix}.differentPerson`] = t('duplicates.mustConfirm');
    }
    return { checking, blocked };
  };

  const focusFirstError = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const goTo = (target: number) => {
    stepChanged.current = true;
    setWaiting(false);
    setNotice(null);
    setStep(target);
  };

  const check = (target: number): boolean => {
    const dup = duplicateProblems(target);
    // Only the step on screen can still be checking; others reported their last result.
    if (dup.checking && target === step) {
      setNotice(t('duplicates.stillChecking'));
      return false;
    }
    const found = { ...validateStep(intl, draft, target), ...dup.blocked };
    setErrors(found);
    const count = Object.keys(found).length;
    setNotice(count ? t('validation.summary', { count }) : null);
    if (count) focusFirstError();
    return count === 0;
  };

  // Next pressed while a duplicate check still runs: wait for its answer, then go on.
  const [waiting, setWaiting] = useState(false);
  const checkingNow = duplicateProblems(step).checking;
  const next = () => {
    if (checkingNow) {
      setWaiting(true);
      return;
    }
    if (check(step)) goTo(step + 1);
  };
  const nextRef = useRef(next);
  nextRef.current = next;
  useEffect(() => {
    if (!waiting || checkingNow) return;
    setWaiting(false);
    nextRef.current();
  }, [waiting, checkingNow]);

  const submit = async () => {
    for (const target of [STEP_PRINCIPAL, STEP_HOUSEHOLD, STEP_DETAILS]) {
      if (!check(target)) {
        if (target !== step) goTo(target);
        return;
      }
    }
    const body = toRegisterBody(draft);
    const json = JSON.stringify(body);
    // The same submission retried (network drop) reuses its key; a corrected one gets a new key.
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: newIdempotencyKey() };
    setSubmitting(true);
    setFailure(null);
    try {
      const created = await registerCase(body, idempotency.current.key);
      setDraft(emptyWizard(me.user.officeId));
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      notifications.show({
        color: 'green',
        message: t('register.done', { caseNumber: created.caseNumber ?? '' }),
      });
      navigate(`/cases/${created.id}`);
    } catch (error) {
      setFailure(error);
      const fields = fieldErrorMap(error, intl);
      const paths = Object.keys(fields);
      if (paths.length) {
        setErrors(fields);
        goTo(Math.min(...paths.map(stepOfPath)));
        focusFirstError();
      }
    } finally {
      setSubmitting(false);
    }
  };

  const startAgain = () => {
    if (!window.confirm(t('register.startAgain.confirm'))) return;
    setDraft(emptyWizard(me.user.officeId));
    setErrors({});
    setFailure(null);
    goTo(STEP_PRINCIPAL);
  };

  const stepContent = [
    <PersonSection
      key="principal"
      value={draft.principal}
      onChange={(principal) => setDraft((d) => ({ ...d, principal }))}
      errors={errors}
      prefix="principal"
      confirmedFor={draft.principalConfirmedFor}
      onConfirm={confirmPrincipal}
      onDuplicateStatus={reportPrincipal}
    />,
    <HouseholdStep
      key="household"
      members={draft.members}
      onChange={(update) => setDraft((d) => ({ ...d, members: update(d.members) }))}
      errors={errors}
      onDuplicateStatus={reportDuplicates}
      principal={draft.principal}
    />,
    <CaseDetailsStep
      key="details"
      value={draft.details}
      onChange={(patch) => setDraft((d) => ({ ...d, details: { ...d.details, ...patch } }))}
      errors={errors}
    />,
    <ReviewStep key="review" draft={draft} onEdit={goTo} />,
  ];

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle id="register.title" />
        <Button variant="subtle" color="gray" onClick={startAgain}>
          <FormattedMessage id="register.startAgain" />
        </Button>
      </Group>
      <Stepper
        active={step}
        onStepClick={(target) => target < step && goTo(target)}
        allowNextStepsSelect={false}
        size="sm"
        wrap
      >
        {STEP_LABELS.map((id) => (
          <Stepper.Step key={id} label={t(id)} />
        ))}
      </Stepper>
      <div ref={formRef}>
        <Stack>
          <Title order={2} size="h3" ref={headingRef} tabIndex={-1}>
            <FormattedMessage
              id="register.stepHeading"
              values={{ n: step + 1, total: STEP_LABELS.length, name: t(STEP_LABELS[step]) }}
            />
          </Title>
          <div aria-live="polite" role="status">
            {waiting && (
              <Alert color="blue" role="presentation">
                <FormattedMessage id="duplicates.waiting" />
              </Alert>
            )}
            {notice && (
              <Alert color="red" role="presentation">
                {notice}
              </Alert>
            )}
          </div>
          <div aria-live="assertive">{failure ? <ApiErrorAlert error={failure} /> : null}</div>
          {stepContent[step]}
          <Group justify="space-between" mt="md">
            <Button variant="default" onClick={() => goTo(step - 1)} disabled={step === STEP_PRINCIPAL}>
              <FormattedMessage id="common.back" />
            </Button>
            {step < STEP_REVIEW ? (
              <Button onClick={next} loading={waiting}>
                <FormattedMessage id="common.next" />
              </Button>
            ) : (
              <Button onClick={() => void submit()} loading={submitting}>
                <FormattedMessage id="register.submit" />
              </Button>
            )}
          </Group>
        </Stack>
      </div>
    </Stack>
  );
}
