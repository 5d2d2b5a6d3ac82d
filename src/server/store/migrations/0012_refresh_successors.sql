-- A renewal records which token replaced the one it spent (its hash), so that
-- the same renewal sent again after a lost answer (same spent token, same
-- successor proposed by the device) is answered again instead of being taken
-- for a stolen copy. See renewDeviceSession.
ALTER TABLE refresh_tokens ADD COLUMN successor_hash text;
