-- 0007_totp.sql: two-step sign-in (TOTP, RFC 6238) for the console. The
-- shared secret is base32, as authenticator apps take it; empty means not
-- set up. It has to be readable to check a code, so it is kept like the
-- database itself (mode 0600 in the data directory), never in the audit.
ALTER TABLE people ADD COLUMN totp_secret TEXT NOT NULL DEFAULT ''
  CHECK (totp_secret = '' OR (length(totp_secret) >= 16 AND totp_secret NOT GLOB '*[^A-Z2-7]*'));
