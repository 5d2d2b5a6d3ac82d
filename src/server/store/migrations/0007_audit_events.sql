-- The writes that are not device mutations (those are in `mutations`) and
-- every export of personal data: reassignments, tutors gaining or losing a
-- case, accounts and platforms created or changed, audit exports, emergency
-- exports reported by devices. Append-only, like the device writes' trail
-- (`mutations`): a trigger refuses any UPDATE or DELETE of either, so the
-- endpoint cannot edit the trail. (The retention purge of closed cases, when
-- it comes, is a deliberate change of this rule.)
CREATE TABLE audit_events (
  id          uuid PRIMARY KEY,
  at          timestamptz NOT NULL,
  agent_id    uuid REFERENCES agents (id),
  device_id   uuid REFERENCES devices (id),
  action      text NOT NULL,
  platform_id uuid REFERENCES platforms (id),
  entity      text,
  record_id   uuid,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_record ON audit_events (record_id);

CREATE FUNCTION refuse_trail_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_trail_change();

CREATE TRIGGER mutations_append_only
  BEFORE UPDATE OR DELETE ON mutations
  FOR EACH ROW EXECUTE FUNCTION refuse_trail_change();

-- The device writes' trail is read by period for the audit export.
CREATE INDEX mutations_received_at ON mutations (received_at);
