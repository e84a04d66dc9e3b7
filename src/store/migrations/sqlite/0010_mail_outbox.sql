-- 0010_mail_outbox.sql: mail waiting to go to the school's SMTP relay, and
-- mail that went (issue 14, "Reaching a person").
--
-- A mail is written here in one transaction by whoever wants it sent (an
-- alert, `esafety mail test`) and `esafety serve`'s mail sender takes it
-- from here: state 'sending' while it is with the relay, then 'sent'; a
-- failure puts it back to 'queued' with the error and the time of the next
-- try, so a mail is never lost because the relay is down. A 'sending' row
-- found when the sender starts (the process died mid-send) is sent again.
--
-- dedupe_key, when given, is unique per school: enqueueing the same key again
-- returns the first mail (an alert's mail is queued once however often its
-- rule fires). Rows are kept, never deleted by esafety itself.

CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  school_id       INTEGER NOT NULL REFERENCES schools (id),
  kind            TEXT    NOT NULL CHECK (kind IN ('test', 'alert')),
  recipients      TEXT    NOT NULL CHECK (length(recipients) BETWEEN 3 AND 4000),  -- comma-separated
  subject         TEXT    NOT NULL CHECK (length(subject) <= 200),
  body            TEXT    NOT NULL CHECK (length(body) <= 20000),
  dedupe_key      TEXT,
  state           TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  sent_at         INTEGER,
  UNIQUE (school_id, dedupe_key)
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_school_id ON mail_outbox (school_id, id);
