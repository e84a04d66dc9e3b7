-- 0008_totp_last_step.sql: the 30-second TOTP step of the last code a
-- person signed in with (identity/totp.h), so a code cannot be used twice,
-- even across a restart. 0: none yet. Not audited: it changes at every
-- two-step sign-in and says nothing an administrator did.
ALTER TABLE people ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
