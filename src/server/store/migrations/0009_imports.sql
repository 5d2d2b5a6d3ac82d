-- SIEI list imports (issue #8). One row per import applied, written in the
-- import's own transaction with the young people it creates or updates: its
-- id is chosen by the app when the coordinator confirms, so the same
-- confirmation arriving twice (a retry after a lost answer, a double click)
-- finds this row and changes nothing. `fingerprint` (SHA-256 of the campaign
-- and rows sent) tells a true retry from another import reusing the id.
-- The audit trail has the same facts (event `siei_import`); this table is
-- what the endpoint reads back.
CREATE TABLE imports (
  id          uuid PRIMARY KEY,
  platform_id uuid NOT NULL REFERENCES platforms (id),
  agent_id    uuid NOT NULL REFERENCES agents (id),
  file_name   text NOT NULL,
  campaign    text NOT NULL,
  fingerprint text NOT NULL,
  counts      jsonb NOT NULL,
  applied_at  timestamptz NOT NULL
);
CREATE INDEX imports_platform ON imports (platform_id, applied_at);
