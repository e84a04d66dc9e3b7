-- 0012_totp_sealed.sql: the TOTP secret kept sealed under the records key
-- (records/sealer.h, bound to "totp <person id>"), so that a copy of the
-- database alone signs nobody in. A secret set up before this stays in
-- totp_secret (plain base32) until `esafety serve` seals it at start-up
-- (control/totp_keys.h), which empties totp_secret.
ALTER TABLE people ADD COLUMN totp_sealed BLOB NOT NULL DEFAULT x'';
