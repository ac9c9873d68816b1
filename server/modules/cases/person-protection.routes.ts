import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../shared/schemas/common.js';
import { erasurePreviewView, erasureResultView, personDecisionBody, personProtectionView } from '../../../shared/schemas/person-erasure.js';
import { ctxOf, typed, type Deps } from '../../platform/http.js';
import { erasePerson } from './erase-person.js';
import { erasurePreview } from './erasure-preview.js';
import { liftLegalHold, liftRestriction, placeLegalHold, restrictProcessing } from './person-decisions.js';
import { PERSON_DECISION_PERMISSIONS, personProtectionState } from './person-protection-state.js';

/** The data-protection officer's decisions about a person: restriction of processing, legal hold, erasure. */
export function personProtectionRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['cases'];

  r.get('/api/persons/:id/data-protection', {
    schema: { tags, summary: 'A person as the data-protection officer sees them: their cases, and the legal hold and restriction in force', params: idParams, response: { 200: personProtectionView } },
    config: { permission: [...PERSON_DECISION_PERMISSIONS] },
  }, async (req) => personProtectionState({ personId: req.params.id }, ctxOf(req, deps)));

  // Four decisions of one shape: a reason in, the person's protection state out.
  const decisions = [
    { path: 'legal-hold', summary: 'Place a legal hold on a person, with a reason: it blocks their erasure (audited)', permission: 'person.legal_hold.manage', decide: placeLegalHold },
    { path: 'legal-hold/lift', summary: 'Lift the legal hold on a person, with a reason (audited)', permission: 'person.legal_hold.manage', decide: liftLegalHold },
    { path: 'restriction', summary: 'Restrict the processing of a person’s data: their cases leave everyone’s scope but the data-protection officer’s (audited)', permission: 'person.restriction.manage', decide: restrictProcessing },
    { path: 'restriction/lift', summary: 'Lift the restriction of processing of a person’s data, with a reason (audited)', permission: 'person.restriction.manage', decide: liftRestriction },
  ] as const;
  for (const d of decisions) {
    r.post(`/api/persons/:id/${d.path}`, {
      schema: { tags, summary: d.summary, params: idParams, body: personDecisionBody, response: { 200: personProtectionView } },
      config: { permission: d.permission },
    }, async (req) => d.decide({ personId: req.params.id, reason: req.body.reason }, ctxOf(req, deps)));
  }

  r.get('/api/persons/:id/erasure-preview', {
    schema: { tags, summary: 'What an erasure of the person would destroy (counts per kind) and what blocks it (audited)', params: idParams, response: { 200: erasurePreviewView } },
    config: { permission: 'person.erasure' },
  }, async (req) => erasurePreview({ personId: req.params.id }, ctxOf(req, deps)));
  r.post('/api/persons/:id/erasure', {
    schema: { tags, summary: 'Erase (anonymise) a person, with a reason: 409 with the blocker’s code while a legal hold, an open payment or an active case blocks it (audited)', params: idParams, body: personDecisionBody, response: { 200: erasureResultView } },
    config: { permission: 'person.erasure' },
  }, async (req) => erasePerson({ personId: req.params.id, reason: req.body.reason }, ctxOf(req, deps)));
}
