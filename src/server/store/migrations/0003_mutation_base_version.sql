-- The server version an edit was based on, kept with the mutation: the trail
-- then shows whether a change was made seeing the previous one.
ALTER TABLE mutations ADD COLUMN base_version bigint;
