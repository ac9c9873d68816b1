-- The person file of a legacy import also carries, per row, the case's project (by its code) and
-- admission date (post-arrival cases: the day a person returned by a government was admitted, the
-- date the statistics count them on), and one identity document of the person.
ALTER TABLE import_row
  ADD COLUMN admitted_on          date,
  ADD COLUMN project_code         text,
  ADD COLUMN project_id           uuid,
  ADD COLUMN document_type        text,
  ADD COLUMN document_number      text,
  ADD COLUMN document_number_norm text,
  ADD COLUMN document_country     text;

-- A document an import wrote is marked with its source: a second import of the source updates it
-- (one per person and source) instead of adding another; documents entered in Homeward are left alone.
ALTER TABLE identity_document ADD COLUMN legacy_source text;
CREATE UNIQUE INDEX identity_document_legacy_uq ON identity_document (person_id, legacy_source) WHERE legacy_source IS NOT NULL;
