-- Personal data that stays private (RGPD by design).
--
-- 1. The retention purge: a case closed for longer than the retention period
--    keeps only an anonymised copy of its records for statistics. Such a
--    record is `deleted` for the sync (devices drop it, no write reaches it
--    again) and marked `purged_at`: statistics count the records that are
--    `NOT deleted OR purged_at IS NOT NULL`.
ALTER TABLE records ADD COLUMN purged_at timestamptz;

-- The purge looks for the closed cases by their closing date.
CREATE INDEX records_closed_cases ON records ((data ->> 'closedOn'))
  WHERE entity = 'youngPerson' AND NOT deleted AND data ->> 'status' = 'clos';

-- 2. A tombstone (a record deleted because it was created by mistake) keeps
--    no content: the devices only need its id and version.
UPDATE records SET data = NULL WHERE deleted;

-- 3. The device writes' trail keeps who, when, which record, which fields and
--    the result, never the values: in `payload` each field sent becomes
--    `true` ({"phone": true}), and the conflicts of a result keep their field
--    only (both values stay on the conflict record, while the case lives).
--    The trail is append-only (0007): its trigger is lifted for this one
--    rewrite, in this migration's transaction, and restored before it commits.
ALTER TABLE mutations DISABLE TRIGGER mutations_append_only;

UPDATE mutations
   SET payload = coalesce(
         (SELECT jsonb_object_agg(field, true) FROM jsonb_object_keys(payload) AS field),
         '{}'::jsonb
       ),
       result = CASE
         WHEN jsonb_typeof(result -> 'conflicts') = 'array' THEN jsonb_set(
           result,
           '{conflicts}',
           coalesce(
             (SELECT jsonb_agg(jsonb_build_object('field', clash -> 'field'))
                FROM jsonb_array_elements(result -> 'conflicts') AS clash),
             '[]'::jsonb
           )
         )
         ELSE result
       END;

ALTER TABLE mutations ENABLE TRIGGER mutations_append_only;
