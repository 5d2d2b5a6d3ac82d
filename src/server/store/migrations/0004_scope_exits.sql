-- A case leaving someone's scope (reassigned to another referent, transferred
-- to another platform) is told to the devices that held it, at its place in
-- the platform's order of versions, so their next pull removes it.
-- agent_id NULL: it leaves the whole platform.
CREATE TABLE scope_exits (
  platform_id uuid NOT NULL REFERENCES platforms (id),
  version     bigint NOT NULL,
  entity      text NOT NULL,
  record_id   uuid NOT NULL,
  agent_id    uuid REFERENCES agents (id),
  at          timestamptz NOT NULL,
  PRIMARY KEY (platform_id, version)
);
CREATE INDEX scope_exits_agent_version ON scope_exits (agent_id, version);
