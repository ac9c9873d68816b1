-- A component of the reintegration plan names who delivers it (a service provider of the registry)
-- and the project budget line its money comes from. Both are optional while the plan is drafted;
-- the component keeps them in every version, as it keeps its identity.
ALTER TABLE reintegration_component
  ADD COLUMN provider_id    uuid REFERENCES service_provider(id),
  ADD COLUMN budget_line_id uuid REFERENCES budget_line(id);
CREATE INDEX reintegration_component_provider_idx ON reintegration_component (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX reintegration_component_budget_line_idx ON reintegration_component (budget_line_id) WHERE budget_line_id IS NOT NULL;
