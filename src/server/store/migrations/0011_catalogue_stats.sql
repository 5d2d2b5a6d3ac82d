-- The catalogue of solutions and the activity bilans (issue #8).
--
-- The free places of a catalogue entry are no longer typed by the
-- coordinator: the endpoint counts the places taken from signed contracts and
-- accepted proposals whenever they are read (src/server/store/catalogue-repo.ts),
-- and devices receive those counts with the directory at each sync. The
-- typed number, which nothing kept in step with the cases, leaves the stored
-- entries and their field stamps. Devices still holding it ignore it.
UPDATE records
   SET data = data - 'placesFree',
       stamps = stamps - 'placesFree'
 WHERE entity = 'solution' AND data IS NOT NULL AND data ? 'placesFree';

-- The activity bilans read a platform's young people (records_platform_entity)
-- and each case's records (records_young_person): no new index is needed.
