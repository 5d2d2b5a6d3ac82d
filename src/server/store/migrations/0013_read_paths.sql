-- Indexes for what is read at every sync and on the coordinator's screens, at
-- the size of an académie (measured with EXPLAIN ANALYZE on 10 platforms of
-- 6,000 young people, 684,000 records):
--
-- A pull page reads each part of an adviser's scope in version order
-- (records-repo.ts, changesQuery): their cases by referent, the platform's
-- catalogue by entity. With platform and version after the leading columns,
-- each part is an index range read in order and stopped at the page's end
-- (an adviser's page read 7,800 rows for 500 before; a new adviser's first
-- pull 69,000 rows for 45). They replace indexes with the same leading
-- columns, which served the same statements and still do.
DROP INDEX records_referent_version;
CREATE INDEX records_referent_platform_version ON records (referent_id, platform_id, version);
DROP INDEX records_platform_entity;
CREATE INDEX records_platform_entity_version ON records (platform_id, entity, version);
-- An agent's cases are all on the agent's platform: without this, PostgreSQL
-- multiplies the two conditions' selectivities and takes an adviser's cases
-- for a tenth of what they are (then sorts them all instead of reading the
-- index in order).
CREATE STATISTICS records_referent_platform (dependencies) ON referent_id, platform_id FROM records;

-- A case's records of one kind (the catalogue's places: contracts ended,
-- proposals), without reading the case's other records.
DROP INDEX records_young_person;
CREATE INDEX records_young_person_entity ON records (young_person_id, entity);

-- The distribution screen counts each adviser's open cases, and lists a
-- platform's open cases by who follows them.
CREATE INDEX records_open_cases ON records (platform_id, referent_id)
  WHERE entity = 'youngPerson' AND NOT deleted AND data ->> 'status' <> 'clos';
