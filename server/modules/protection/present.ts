const day = (d: string | Date | null) => (d == null ? null : typeof d === 'string' ? d : d.toISOString().slice(0, 10));
const iso = (d: string | Date | null) => (d == null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());

export const presentVulnerability = (v: {
  id: string; version: number; person_id: string; category: string; details: string | null; status: string; identified_on: string;
  identified_by: string; identified_by_name?: string | null; created_at: Date; updated_at: Date;
}) => ({
  id: v.id,
  version: v.version,
  personId: v.person_id,
  category: v.category,
  details: v.details,
  status: v.status,
  identifiedOn: day(v.identified_on),
  identifiedById: v.identified_by,
  identifiedByName: v.identified_by_name ?? null,
  createdAt: iso(v.created_at),
  updatedAt: iso(v.updated_at),
});

export const presentMeasure = (m: {
  id: string; version: number; case_id: string; person_id: string; vulnerability_id: string | null; kind: string; title: string | null;
  owner_id: string | null; owner_name?: string | null; due_on: string | null; status: string; notes: string | null; completed_at: Date | string | null;
}, today: string) => ({
  id: m.id,
  version: m.version,
  caseId: m.case_id,
  personId: m.person_id,
  vulnerabilityId: m.vulnerability_id,
  kind: m.kind,
  title: m.title,
  ownerId: m.owner_id,
  ownerName: m.owner_name ?? null,
  dueOn: day(m.due_on),
  status: m.status,
  notes: m.notes,
  completedAt: iso(m.completed_at),
  overdue: (m.status === 'open' || m.status === 'in_progress') && m.due_on != null && day(m.due_on)! < today,
});

export const presentHealth = (h: {
  id: string; version: number; person_id: string; conditions: string | null; medication: string | null; travel_needs: string | null;
  fit_to_travel: string; certificate_attachment_id: string | null; certified_by: string | null; certified_on: string | null;
  valid_until: string | null; updated_at: Date;
}) => ({
  id: h.id,
  version: h.version,
  personId: h.person_id,
  conditions: h.conditions,
  medication: h.medication,
  travelNeeds: h.travel_needs,
  fitToTravel: h.fit_to_travel,
  certificateAttachmentId: h.certificate_attachment_id,
  certifiedBy: h.certified_by,
  certifiedOn: day(h.certified_on),
  validUntil: day(h.valid_until),
  updatedAt: iso(h.updated_at),
});

export const todayOf = (now: Date) => now.toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
