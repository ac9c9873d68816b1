import { describe, expect, it } from 'vitest';
import { auditValuesView, type CaseFieldAccess } from './audit-values.js';

const all: CaseFieldAccess = { legalStatus: true, health: true, vulnerabilityDetails: true, sensitiveNotes: true, healthAttachments: new Set(['cert']) };
const none: CaseFieldAccess = { legalStatus: false, health: false, vulnerabilityDetails: false, sensitiveNotes: false, healthAttachments: new Set(['cert']) };
const entry = (over: Partial<Parameters<typeof auditValuesView>[0]>) => ({
  event: 'case.updated', entityType: 'case', caseId: 'c1', before: null, after: null, details: null, ...over,
});

describe('auditValuesView', () => {
  it('gives only field names for a case the reader may not open', () => {
    const view = auditValuesView(entry({ before: { legalStatus: 'asylum_pending' }, after: { legalStatus: 'asylum_rejected', ownerId: 'u' }, details: { reason: 'x' } }), undefined);
    expect(view).toEqual({ changedFields: ['legalStatus', 'ownerId'], withheldFields: ['legalStatus', 'ownerId', 'reason'] });
  });

  it('leaves out, field by field, what needs a right the reader lacks', () => {
    const view = auditValuesView(entry({ after: { legalStatus: 'asylum_rejected', countryOfReturn: 'IQ' } }), none);
    expect(view).toMatchObject({ after: { countryOfReturn: 'IQ' }, withheldFields: ['legalStatus'] });
    const health = auditValuesView(entry({ event: 'health_record.saved', entityType: 'health_record', after: { conditions: 'x', fit_to_travel: 'fit' } }), { ...all, health: false });
    expect(health).toMatchObject({ after: {}, withheldFields: ['conditions', 'fit_to_travel'] });
    const note = auditValuesView(entry({ event: 'case.note.added', entityType: 'note', after: { body: 'x', sensitive: true } }), { ...all, sensitiveNotes: false });
    expect(note).toMatchObject({ after: { sensitive: true }, withheldFields: ['body'] });
    const plain = auditValuesView(entry({ event: 'case.note.added', entityType: 'note', after: { body: 'Called', sensitive: false } }), none);
    expect(plain).toMatchObject({ after: { body: 'Called', sensitive: false }, withheldFields: [] });
  });

  it('masks document numbers for everyone and never shows secrets', () => {
    const view = auditValuesView(entry({ event: 'case.created', after: { principal: { givenName: 'A', documents: [{ type: 'passport', number: 'A1234567' }] } } }), all);
    expect(view.after).toEqual({ principal: { givenName: 'A', documents: [{ type: 'passport', number: '••••567' }] } });
    const user = auditValuesView(entry({ event: 'user.updated', entityType: 'user', caseId: null, after: { name: 'B', passwordHash: 'h', totpSecret: 's' } }), undefined);
    expect(user).toEqual({ changedFields: ['name'], withheldFields: [], before: null, after: { name: 'B' }, details: null });
  });

  it('treats a medical certificate attachment as health information', () => {
    const added = entry({ event: 'case.attachment.added', entityType: 'attachment', entityId: 'cert', after: { fileName: 'certificate-renal.txt', sizeBytes: 47 } });
    expect(auditValuesView(added, none)).toMatchObject({ after: {}, changedFields: ['fileName', 'sizeBytes'], withheldFields: ['fileName', 'sizeBytes'] });
    expect(JSON.stringify(auditValuesView(added, none))).not.toContain('renal');
    expect(auditValuesView(added, all)).toMatchObject({ after: { fileName: 'certificate-renal.txt' } });
    const other = entry({ event: 'case.attachment.added', entityType: 'attachment', entityId: 'letter', after: { fileName: 'letter.txt' } });
    expect(auditValuesView(other, none)).toMatchObject({ after: { fileName: 'letter.txt' } });
  });
});
