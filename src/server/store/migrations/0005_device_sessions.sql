-- Device sessions with short-lived signed access tokens and rotating refresh
-- tokens, and the login throttle.
--
-- The sessions of 0001 (one opaque token each) are replaced: devices logged in
-- before this version log in once more; their data and unsent changes stay.
DROP TABLE sessions;

-- One login of an agent on a device, renewed by each refresh (sliding
-- expiry). Access tokens name the session by its id; ended_at set (logout,
-- refresh token reused, device revoked, password changed) ends it for good.
CREATE TABLE sessions (
  id                uuid PRIMARY KEY,
  device_id         uuid NOT NULL REFERENCES devices (id),
  agent_id          uuid NOT NULL REFERENCES agents (id),
  created_at        timestamptz NOT NULL,
  last_refreshed_at timestamptz NOT NULL,
  expires_at        timestamptz NOT NULL,
  ended_at          timestamptz,
  end_reason        text CHECK (end_reason IN ('logout', 'refresh_reused', 'device_revoked', 'password_changed'))
);
CREATE INDEX sessions_device ON sessions (device_id);
CREATE INDEX sessions_agent ON sessions (agent_id);

-- Every refresh token a session was given, by hash only (a copy of this
-- table renews nothing). A used one stays until the session is over: seeing
-- it again is the sign that it was copied.
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Failed logins per key ('account:<e-mail>' or 'address:<client address>'),
-- in a window that starts at the first failure; in the database so that it
-- survives restarts and is shared by every endpoint process.
CREATE TABLE login_attempts (
  key               text PRIMARY KEY,
  failures          integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until      timestamptz
);
