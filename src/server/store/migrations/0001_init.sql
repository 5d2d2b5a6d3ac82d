-- Raccroche, first schema: platforms, agents, devices and their sessions,
-- synced records, the per-device mutation log, and the per-platform clock.

CREATE TABLE platforms (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  departement text NOT NULL,
  academie    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
  id            uuid PRIMARY KEY,
  platform_id   uuid REFERENCES platforms (id),
  email         text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('conseiller', 'mlds', 'tuteur', 'coordinateur', 'admin')),
  structure     text NOT NULL DEFAULT '',
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'admin' OR platform_id IS NOT NULL)
);

-- A browser profile or tablet where an agent logged in. Its mutations are
-- numbered 1, 2, 3…; last_seq is the highest number applied, written in the
-- same transaction as the changes it stands for.
CREATE TABLE devices (
  id           uuid PRIMARY KEY,
  agent_id     uuid NOT NULL REFERENCES agents (id),
  name         text NOT NULL,
  last_seq     bigint NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX devices_agent ON devices (agent_id);

-- Only a hash of each token is kept: a copy of this table opens no session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  device_id  uuid NOT NULL REFERENCES devices (id),
  agent_id   uuid NOT NULL REFERENCES agents (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_device ON sessions (device_id);

-- Versions of a platform's records come from this counter, incremented inside
-- the writing transaction: the row lock makes versions commit in increasing
-- order, so a pull cursor (the last version seen) never skips a late commit.
CREATE TABLE platform_clocks (
  platform_id uuid PRIMARY KEY REFERENCES platforms (id),
  value       bigint NOT NULL DEFAULT 0
);

-- Every synced record. Scope and ordering columns are typed and indexed;
-- the record itself is `data`, validated by the domain schemas on write.
-- `stamps` holds, per field, the version and device of its last write
-- (field-level merge).
CREATE TABLE records (
  id          uuid PRIMARY KEY,
  entity      text NOT NULL,
  platform_id uuid NOT NULL REFERENCES platforms (id),
  referent_id uuid REFERENCES agents (id),
  version     bigint NOT NULL,
  deleted     boolean NOT NULL DEFAULT false,
  data        jsonb,
  stamps      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL,
  created_by  uuid REFERENCES agents (id),
  updated_at  timestamptz NOT NULL,
  updated_by  uuid REFERENCES agents (id),
  UNIQUE (platform_id, version)
);
CREATE INDEX records_referent_version ON records (referent_id, version);

-- Each mutation received from a device, with the result sent back: a replayed
-- mutation gets this stored result and changes nothing. Also the trail of
-- who changed what, from which device, at which server time.
CREATE TABLE mutations (
  device_id   uuid NOT NULL REFERENCES devices (id),
  seq         bigint NOT NULL,
  mutation_id uuid NOT NULL UNIQUE,
  agent_id    uuid NOT NULL REFERENCES agents (id),
  entity      text NOT NULL,
  record_id   uuid NOT NULL,
  op          text NOT NULL,
  payload     jsonb NOT NULL,
  result      jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, seq)
);
CREATE INDEX mutations_record ON mutations (record_id);
