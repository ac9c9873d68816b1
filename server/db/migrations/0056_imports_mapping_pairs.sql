-- A saved mapping says what its file holds (households, vulnerabilities, components, visits), and
-- a person file's mapping whose cases come in a file of their own keeps the cases file's mapping
-- beside it: the pair is saved, and loaded, as one. Mappings saved before are person files' mappings.
ALTER TABLE import_mapping
  ADD COLUMN entity text NOT NULL DEFAULT 'households' CHECK (entity IN ('households', 'vulnerabilities', 'components', 'visits')),
  ADD COLUMN cases_mapping jsonb,
  ADD CONSTRAINT import_mapping_cases_of_households CHECK (cases_mapping IS NULL OR entity = 'households');
