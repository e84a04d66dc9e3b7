-- 0001_init.sql: the first schema of an esafety SQLite database.
--
-- Applied once, inside a transaction, by sqlite/migrator.cc, which records it in
-- schema_migrations(version, applied_at). Never edit a migration that has
-- shipped: add 0002_*.sql instead.
--
-- Rules every table keeps:
--   * Every row belongs to a school: each table has school_id (a foreign key to
--     schools), and the indexes that look rows up for a school start with it,
--     so one school is just the smallest tenant. Tables still to come
--     (events, people, AUPs, incidents) follow the same rule.
--   * Policy links by name (a group blocks "gambling"), as policy/model.h does,
--     through composite foreign keys (school_id, name) so a link can never
--     cross from one school to another.
--   * Times are Unix seconds (UTC) from the application's Clock.
--   * Unoverridable categories (illegal content) are one-way; the triggers at
--     the end refuse, whatever the SQL, to clear the flag, delete such a
--     category, or allow it from a group or a time rule.

CREATE TABLE schools (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL CHECK (name <> ''),
  urn         TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX schools_urn ON schools (urn) WHERE urn <> '';

CREATE TABLE categories (
  school_id     INTEGER NOT NULL REFERENCES schools (id),
  name          TEXT    NOT NULL CHECK (name <> '' AND name NOT GLOB '*[^a-z0-9-]*'),
  title         TEXT    NOT NULL CHECK (title <> ''),
  description   TEXT    NOT NULL DEFAULT '',
  unoverridable INTEGER NOT NULL DEFAULT 0 CHECK (unoverridable IN (0, 1)),
  allow_list    INTEGER NOT NULL DEFAULT 0 CHECK (allow_list IN (0, 1)),
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (school_id, name),
  CHECK (NOT (unoverridable = 1 AND allow_list = 1))
);

-- A filter group (policy::Group). Named filter_groups because GROUPS is an SQL keyword.
CREATE TABLE filter_groups (
  id              INTEGER PRIMARY KEY,
  school_id       INTEGER NOT NULL REFERENCES schools (id),
  name            TEXT    NOT NULL CHECK (name <> ''),
  description     TEXT    NOT NULL DEFAULT '',
  uncategorised   TEXT    NOT NULL CHECK (uncategorised IN ('allow', 'block')),
  allow_list_only INTEGER NOT NULL DEFAULT 0 CHECK (allow_list_only IN (0, 1)),
  safe_search     INTEGER NOT NULL DEFAULT 1 CHECK (safe_search IN (0, 1)),
  inspect         INTEGER NOT NULL DEFAULT 0 CHECK (inspect IN (0, 1)),
  updated_at      INTEGER NOT NULL,
  UNIQUE (school_id, name),
  UNIQUE (school_id, id)
);

-- A group's blocked and allowed categories; one row per category, so a group
-- cannot both block and allow the same one.
CREATE TABLE group_categories (
  school_id INTEGER NOT NULL REFERENCES schools (id),
  group_id  INTEGER NOT NULL,
  category  TEXT    NOT NULL,
  kind      TEXT    NOT NULL CHECK (kind IN ('blocked', 'allowed')),
  PRIMARY KEY (group_id, category),
  FOREIGN KEY (school_id, group_id) REFERENCES filter_groups (school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, category) REFERENCES categories (school_id, name)
);
CREATE INDEX group_categories_category ON group_categories (school_id, category);

CREATE TABLE time_rules (
  id           INTEGER PRIMARY KEY,
  school_id    INTEGER NOT NULL REFERENCES schools (id),
  group_id     INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  category     TEXT    NOT NULL,
  days         INTEGER NOT NULL CHECK (days BETWEEN 1 AND 127),
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
  action       TEXT    NOT NULL CHECK (action IN ('allow', 'block')),
  note         TEXT    NOT NULL DEFAULT '',
  UNIQUE (group_id, position),
  FOREIGN KEY (school_id, group_id) REFERENCES filter_groups (school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, category) REFERENCES categories (school_id, name)
);
CREATE INDEX time_rules_category ON time_rules (school_id, category);

-- The school's own allow and deny entries. A removed entry stays, with who
-- removed it and why: the record of a decision is never erased. group_name is
-- kept as text (checked when the entry is added) so history survives a group.
CREATE TABLE local_entries (
  id             INTEGER PRIMARY KEY,
  school_id      INTEGER NOT NULL REFERENCES schools (id),
  group_name     TEXT    NOT NULL DEFAULT '',
  pattern        TEXT    NOT NULL CHECK (pattern <> ''),
  action         TEXT    NOT NULL CHECK (action IN ('allow', 'block')),
  added_by       TEXT    NOT NULL CHECK (added_by <> ''),
  added_at       INTEGER NOT NULL,
  reason         TEXT    NOT NULL CHECK (reason <> ''),
  removed_by     TEXT,
  removed_at     INTEGER,
  removed_reason TEXT,
  CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE INDEX local_entries_active ON local_entries (school_id, id) WHERE removed_at IS NULL;

CREATE TABLE devices (
  id         INTEGER PRIMARY KEY,
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  name       TEXT    NOT NULL CHECK (name <> ''),
  type       TEXT    NOT NULL DEFAULT '',
  room       TEXT    NOT NULL DEFAULT '',
  mac        TEXT,   -- NULL when unknown
  ip         TEXT,   -- NULL when the device has no fixed address
  group_name TEXT,   -- NULL: the unknown-device policy applies
  updated_at INTEGER NOT NULL,
  UNIQUE (school_id, name),
  FOREIGN KEY (school_id, group_name) REFERENCES filter_groups (school_id, name)
);
CREATE UNIQUE INDEX devices_ip ON devices (school_id, ip) WHERE ip IS NOT NULL;
CREATE UNIQUE INDEX devices_mac ON devices (school_id, mac) WHERE mac IS NOT NULL;
CREATE INDEX devices_group ON devices (school_id, group_name);

CREATE TABLE list_sources (
  id         INTEGER PRIMARY KEY,
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  path       TEXT    NOT NULL CHECK (path <> ''),
  format     TEXT    NOT NULL CHECK (format <> ''),
  category   TEXT,   -- NULL: the list names its own categories
  added_by   TEXT    NOT NULL CHECK (added_by <> ''),
  added_at   INTEGER NOT NULL,
  entries    INTEGER NOT NULL DEFAULT 0 CHECK (entries >= 0),
  rejected   INTEGER NOT NULL DEFAULT 0 CHECK (rejected >= 0),
  counted_at INTEGER,  -- when entries/rejected were last set
  UNIQUE (school_id, path),
  FOREIGN KEY (school_id, category) REFERENCES categories (school_id, name)
);
CREATE INDEX list_sources_category ON list_sources (school_id, category);

CREATE TABLE settings (
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  key        TEXT    NOT NULL CHECK (key <> ''),
  value      TEXT    NOT NULL,
  updated_by TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (school_id, key)
);

-- Who changed what, when and why. Append-only: the application never updates
-- or deletes a row, and the triggers below refuse to.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools (id),
  at        INTEGER NOT NULL,
  actor     TEXT    NOT NULL CHECK (actor <> ''),
  action    TEXT    NOT NULL CHECK (action <> ''),
  target    TEXT    NOT NULL DEFAULT '',
  detail    TEXT    NOT NULL DEFAULT '',
  reason    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_school ON audit_log (school_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Unoverridable is one-way (DESIGN.md §6).
CREATE TRIGGER categories_unoverridable_stays
BEFORE UPDATE OF unoverridable ON categories
WHEN OLD.unoverridable = 1 AND NEW.unoverridable = 0
BEGIN
  SELECT RAISE(ABORT, 'an unoverridable category holds illegal content and can never be made overridable');
END;

CREATE TRIGGER categories_unoverridable_not_deleted
BEFORE DELETE ON categories
WHEN OLD.unoverridable = 1
BEGIN
  SELECT RAISE(ABORT, 'an unoverridable category holds illegal content and can never be deleted');
END;

CREATE TRIGGER categories_unoverridable_not_allowed
BEFORE UPDATE OF unoverridable ON categories
WHEN NEW.unoverridable = 1 AND OLD.unoverridable = 0 AND EXISTS (
  SELECT 1 FROM group_categories
  WHERE school_id = NEW.school_id AND category = NEW.name AND kind = 'allowed'
  UNION ALL
  SELECT 1 FROM time_rules
  WHERE school_id = NEW.school_id AND category = NEW.name AND action = 'allow')
BEGIN
  SELECT RAISE(ABORT, 'a category that a group allows cannot be made unoverridable');
END;

CREATE TRIGGER group_categories_never_allow_unoverridable
BEFORE INSERT ON group_categories
WHEN NEW.kind = 'allowed' AND EXISTS (
  SELECT 1 FROM categories
  WHERE school_id = NEW.school_id AND name = NEW.category AND unoverridable = 1)
BEGIN
  SELECT RAISE(ABORT, 'an unoverridable category holds illegal content and can never be allowed');
END;

CREATE TRIGGER group_categories_never_allow_unoverridable_update
BEFORE UPDATE ON group_categories
WHEN NEW.kind = 'allowed' AND EXISTS (
  SELECT 1 FROM categories
  WHERE school_id = NEW.school_id AND name = NEW.category AND unoverridable = 1)
BEGIN
  SELECT RAISE(ABORT, 'an unoverridable category holds illegal content and can never be allowed');
END;

CREATE TRIGGER time_rules_never_allow_unoverridable
BEFORE INSERT ON time_rules
WHEN NEW.action = 'allow' AND EXISTS (
  SELECT 1 FROM categories
  WHERE school_id = NEW.school_id AND name = NEW.category AND unoverridable = 1)
BEGIN
  SELECT RAISE(ABORT, 'an unoverridable category holds illegal content and can never be allowed');
END;

CREATE TRIGGER time_rules_never_allow_unoverridable_update
BEFORE UPDATE ON time_rules
WHEN NEW.action = 'allow' AND EXISTS (
  SELECT 1 FROM categories
  WHERE school_id = NEW.school_id AND name = NEW.category AND unoverridable = 1)
BEGIN
  SELECT RAISE(ABORT, 'an unoverridable category holds illegal content and can never be allowed');
END;
