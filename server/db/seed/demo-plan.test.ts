import { describe, expect, it } from 'vitest';
import { createCaseBody } from '../../../shared/schemas/cases.js';
import { STAGES, type Stage } from '../../../shared/cases.js';
import { transitionsFrom } from '../../modules/cases/index.js';
import { planDemoCases } from './demo.js';

const END = new Date('2026-06-15T10:00:00Z');

describe('demo plan', () => {
  const plan = planDemoCases(END);

  it('is the same on every load', () => {
    expect(JSON.stringify(planDemoCases(END))).toBe(JSON.stringify(plan));
  });

  it('covers every stage with about 300 voluntary returns and 30 post-arrival cases', () => {
    const final = (c: (typeof plan)[number]) => c.steps.at(-1)?.to ?? (c.kind === 'post_arrival' ? 'arrived' : 'registered');
    for (const stage of STAGES) expect(plan.some((c) => final(c) === stage), stage).toBe(true);
    expect(plan.filter((c) => c.kind === 'voluntary_return').length).toBeGreaterThanOrEqual(300);
    expect(plan.filter((c) => c.kind === 'post_arrival').length).toBeGreaterThanOrEqual(25);
    for (const c of plan) expect(final(c)).toBe(c.target);
  });

  it('only takes moves the workflow allows, in time order, before the end of the timeline', () => {
    for (const c of plan) {
      let stage: Stage = c.kind === 'post_arrival' ? 'arrived' : 'registered';
      let before: Stage | null = null;
      let last = c.createdAt.getTime();
      expect(last).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 1));
      for (const step of c.steps) {
        const tr = transitionsFrom({ kind: c.kind, stage, stageBeforeSuspension: before }).find((t) => t.to === step.to);
        expect(tr, `${c.officePrefix} ${stage} -> ${step.to}`).toBeDefined();
        if (tr!.reasonRequired) expect(step.reason, `${stage} -> ${step.to} needs a reason`).toBeTruthy();
        expect(step.at.getTime()).toBeGreaterThan(last);
        before = step.to === 'suspended' ? stage : null;
        stage = step.to;
        last = step.at.getTime();
      }
      expect(last).toBeLessThanOrEqual(END.getTime());
      for (const n of c.notes) {
        expect(n.at.getTime()).toBeGreaterThanOrEqual(c.createdAt.getTime());
        expect(n.at.getTime()).toBeLessThanOrEqual(END.getTime());
      }
    }
  });

  it('registers in chronological order valid request bodies', () => {
    for (let i = 1; i < plan.length; i++) expect(plan[i].createdAt.getTime()).toBeGreaterThanOrEqual(plan[i - 1].createdAt.getTime());
    for (const c of plan) {
      expect(() => createCaseBody.parse(c.input)).not.toThrow();
      for (const p of [c.input.principal, ...c.input.members.map((m) => m.person)]) {
        if (p.birthDate) expect(p.birthDate < c.createdAt.toISOString().slice(0, 10), `${p.givenName} born before registration`).toBe(true);
      }
    }
  });

  it('spells names in several ways and writes Arabic-script names in the original script', () => {
    const given = new Set(plan.flatMap((c) => [c.input.principal, ...c.input.members.map((m) => m.person)]).map((p) => p.givenName));
    for (const variants of [['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad'], ['Ahmed', 'Ahmad'], ['Hussein', 'Husain', 'Hussain']]) {
      expect(variants.filter((v) => given.has(v)).length, variants.join('/')).toBeGreaterThanOrEqual(2);
    }
    const iraqi = plan.filter((c) => c.input.countryOfReturn === 'IQ').map((c) => c.input.principal);
    expect(iraqi.filter((p) => p.originalScriptName).length).toBeGreaterThan(iraqi.length * 0.9);
  });
});
