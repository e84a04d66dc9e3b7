-- 0011_alert_escalation.sql: reaching a person about an alert (issue 14):
-- the school's rota, the steps taken for each alert, and the deputy DSL role.
--
-- alert_rota: every version of a school's rota (alerts/rota.h), newest in
-- force; the text is "key = value" lines as formatRota() writes them. Until
-- a school sets one, the policy's defaults apply.
CREATE TABLE alert_rota (
  id         INTEGER PRIMARY KEY,          -- the version
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  text       TEXT    NOT NULL,
  set_at     INTEGER NOT NULL,
  set_by     TEXT    NOT NULL,
  reason     TEXT    NOT NULL CHECK (reason <> '')
);
CREATE INDEX alert_rota_by_school ON alert_rota (school_id, id);

-- alert_escalations: each rung of the rota an alert went to (rung 0 is the
-- first mail), with who that rung was, the addresses mailed ('' when the
-- rung had nobody with an address) and the outbox mail. outcome 'nobody'
-- (rung = the rota's length) records that no rung at all had an address.
-- The notifier (control/alert_escalator.h) reads its state from here, so a
-- restart neither repeats nor skips a step.
CREATE TABLE alert_escalations (
  id         INTEGER PRIMARY KEY,
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  alert_id   INTEGER NOT NULL REFERENCES alerts (id),
  rung       INTEGER NOT NULL CHECK (rung >= 0),
  rota       TEXT    NOT NULL CHECK (rota IN ('in_hours', 'out_of_hours')),
  target     TEXT    NOT NULL,                -- "role:dsl", "person:head@school.example"
  addresses  TEXT    NOT NULL DEFAULT '',     -- comma-separated
  outcome    TEXT    NOT NULL CHECK (outcome IN ('mailed', 'no_address', 'nobody')),
  mail_id    INTEGER,                         -- mail_outbox id when mailed
  at         INTEGER NOT NULL,                -- Unix seconds, the notifier's clock
  UNIQUE (alert_id, rung)
);
CREATE INDEX alert_escalations_by_school ON alert_escalations (school_id, alert_id, rung);
-- The notifier's question every pass: which alerts are still open?
CREATE INDEX alerts_waiting ON alerts (school_id, level) WHERE state = 'open';

-- The deputy DSL role: people.role's CHECK takes 'deputy_dsl'. SQLite cannot
-- change a CHECK in place, so the table is rebuilt (new table, copy, drop,
-- rename, indexes again). The migrator runs every migration with foreign
-- keys off and checks them (PRAGMA foreign_key_check) before it commits,
-- SQLite's own procedure for this: the rows of contact_pupils, sanctions,
-- device_checkouts and client_bindings keep pointing at the same ids.
CREATE TABLE people_new (
  id             INTEGER PRIMARY KEY,
  school_id      INTEGER NOT NULL REFERENCES schools (id),
  kind           TEXT    NOT NULL CHECK (kind IN ('pupil', 'staff', 'year-group', 'visitor')),
  name           TEXT    NOT NULL CHECK (name <> ''),
  role           TEXT    NOT NULL CHECK (role IN ('pupil', 'teacher', 'dsl', 'head', 'it_admin',
                                                  'governor', 'office', 'visitor', 'la_admin',
                                                  'deputy_dsl')),
  login          TEXT,
  email          TEXT    NOT NULL DEFAULT '',
  upn            TEXT,
  date_of_birth  TEXT    NOT NULL DEFAULT '',
  year_group     INTEGER CHECK (year_group BETWEEN 0 AND 6),
  class_name     TEXT    NOT NULL DEFAULT '',
  password_hash  TEXT    NOT NULL DEFAULT '' CHECK (password_hash = '' OR password_hash LIKE '$argon2id$%'),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  totp_secret    TEXT    NOT NULL DEFAULT ''
    CHECK (totp_secret = '' OR (length(totp_secret) >= 16 AND totp_secret NOT GLOB '*[^A-Z2-7]*')),
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  CHECK ((kind = 'pupil') = (upn IS NOT NULL)),
  CHECK (kind = 'pupil' OR login IS NOT NULL),
  CHECK (kind <> 'year-group' OR year_group IS NOT NULL),
  UNIQUE (school_id, id)
);
INSERT INTO people_new (id, school_id, kind, name, role, login, email, upn, date_of_birth,
                        year_group, class_name, password_hash, created_at, updated_at,
                        totp_secret, totp_last_step)
  SELECT id, school_id, kind, name, role, login, email, upn, date_of_birth, year_group,
         class_name, password_hash, created_at, updated_at, totp_secret, totp_last_step
  FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE UNIQUE INDEX people_upn ON people (school_id, upn) WHERE upn IS NOT NULL;
CREATE UNIQUE INDEX people_login ON people (school_id, lower(login)) WHERE login IS NOT NULL;
CREATE INDEX people_kind ON people (school_id, kind, name);
