-- Records of a case (contacts, meetings, bilans, proposals, contracts, status
-- changes) name their young person; they carry the case's platform and
-- referent so a pull filters them like the young person itself.
ALTER TABLE records ADD COLUMN young_person_id uuid;
CREATE INDEX records_young_person ON records (young_person_id);
CREATE INDEX records_platform_entity ON records (platform_id, entity);
