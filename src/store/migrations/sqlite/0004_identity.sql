-- 0004_identity.sql: people, parents and carers, sanctions and device
-- check-outs (identity/model.h), and two device registry fields.
--
-- People are pupils (from the MIS export), staff with their own logins,
-- the shared year-group logins and the visitor login. Passwords are stored
-- only as argon2id hashes. Nothing here is ever deleted by the application
-- while it matters to a record: sanctions and check-outs keep their history
-- (lifted_at / checked_in_at rather than DELETE).

CREATE TABLE people (
  id            INTEGER PRIMARY KEY,
  school_id     INTEGER NOT NULL REFERENCES schools (id),
  kind          TEXT    NOT NULL CHECK (kind IN ('pupil', 'staff', 'year-group', 'visitor')),
  name          TEXT    NOT NULL CHECK (name <> ''),
  role          TEXT    NOT NULL CHECK (role IN ('pupil', 'teacher', 'dsl', 'head', 'it_admin',
                                                 'governor', 'office', 'visitor', 'la_admin')),
  login         TEXT,   -- NULL for pupils, who sign in with their year group's login
  email         TEXT    NOT NULL DEFAULT '',
  upn           TEXT,   -- pupils only
  date_of_birth TEXT    NOT NULL DEFAULT '',  -- YYYY-MM-DD
  year_group    INTEGER CHECK (year_group BETWEEN 0 AND 6),  -- 0 = Reception
  class_name    TEXT    NOT NULL DEFAULT '',
  password_hash TEXT    NOT NULL DEFAULT '' CHECK (password_hash = '' OR password_hash LIKE '$argon2id$%'),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK ((kind = 'pupil') = (upn IS NOT NULL)),
  CHECK (kind = 'pupil' OR login IS NOT NULL),
  CHECK (kind <> 'year-group' OR year_group IS NOT NULL),
  UNIQUE (school_id, id)
);
CREATE UNIQUE INDEX people_upn ON people (school_id, upn) WHERE upn IS NOT NULL;
CREATE UNIQUE INDEX people_login ON people (school_id, lower(login)) WHERE login IS NOT NULL;
CREATE INDEX people_kind ON people (school_id, kind, name);

CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  school_id    INTEGER NOT NULL REFERENCES schools (id),
  name         TEXT    NOT NULL CHECK (name <> ''),
  relationship TEXT    NOT NULL DEFAULT '',
  email        TEXT    NOT NULL DEFAULT '',
  phone        TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  UNIQUE (school_id, id)
);

CREATE TABLE contact_pupils (
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  contact_id INTEGER NOT NULL,
  pupil_id   INTEGER NOT NULL,
  PRIMARY KEY (contact_id, pupil_id),
  FOREIGN KEY (school_id, contact_id) REFERENCES contacts (school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, pupil_id) REFERENCES people (school_id, id)
);

-- Deactivation or restriction of a person, with a reason. Lifting one sets
-- lifted_at; the row stays for the record.
CREATE TABLE sanctions (
  id          INTEGER PRIMARY KEY,
  school_id   INTEGER NOT NULL REFERENCES schools (id),
  person_id   INTEGER NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('deactivate', 'restrict')),
  until       INTEGER NOT NULL DEFAULT 0,  -- Unix seconds; 0: until lifted
  reason      TEXT    NOT NULL CHECK (reason <> ''),
  applied_by  TEXT    NOT NULL CHECK (applied_by <> ''),
  applied_at  INTEGER NOT NULL,
  lifted_at   INTEGER,
  lifted_by   TEXT,
  FOREIGN KEY (school_id, person_id) REFERENCES people (school_id, id),
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);
CREATE INDEX sanctions_active ON sanctions (school_id, person_id) WHERE lifted_at IS NULL;

-- A device lent to a pupil for a lesson. At most one open check-out per
-- device (checked_in_at NULL); an expired one is closed when the device is
-- next checked out or in.
CREATE TABLE device_checkouts (
  id            INTEGER PRIMARY KEY,
  school_id     INTEGER NOT NULL REFERENCES schools (id),
  device_id     INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL,
  from_at       INTEGER NOT NULL,
  until_at      INTEGER NOT NULL CHECK (until_at > from_at),
  checked_in_at INTEGER,
  checked_out_by TEXT   NOT NULL CHECK (checked_out_by <> ''),
  FOREIGN KEY (school_id, person_id) REFERENCES people (school_id, id)
);
CREATE UNIQUE INDEX device_checkouts_open ON device_checkouts (device_id) WHERE checked_in_at IS NULL;
CREATE INDEX device_checkouts_school ON device_checkouts (school_id, until_at);

-- The registry: whether `ip` is a fixed address or a DHCP reservation.
ALTER TABLE devices ADD COLUMN address_kind TEXT NOT NULL DEFAULT 'static'
  CHECK (address_kind IN ('static', 'dhcp'));
