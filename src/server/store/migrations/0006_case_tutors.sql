-- The agents named as tutor on a case's contracts (contract.tutorId) see and
-- write that case like its referent. The endpoint keeps this table in the
-- same transaction as the contract writes: the tutors of a case are the
-- agents of its platform named by its contracts that are not deleted.
CREATE TABLE case_tutors (
  case_id     uuid NOT NULL,
  agent_id    uuid NOT NULL REFERENCES agents (id),
  platform_id uuid NOT NULL REFERENCES platforms (id),
  PRIMARY KEY (case_id, agent_id)
);
CREATE INDEX case_tutors_agent ON case_tutors (agent_id, case_id);

-- Contracts written before this table: their tutors, once.
INSERT INTO case_tutors (case_id, agent_id, platform_id)
SELECT DISTINCT c.young_person_id, a.id, c.platform_id
  FROM records c
  JOIN agents a ON a.id::text = c.data ->> 'tutorId' AND a.platform_id = c.platform_id
 WHERE c.entity = 'contract' AND NOT c.deleted AND c.young_person_id IS NOT NULL;
