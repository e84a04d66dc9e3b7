-- 0014_device_restrictions.sql: a teacher's hold on a device for a lesson
-- (issue 14, item 4, the live class view; policy/device_restriction.h,
-- store/restriction_store.h).
--
-- A restriction pauses a device (no internet) or restricts it to an
-- allow-list ('bbc.co.uk/bitesize' entries, one per line in allow_list),
-- until `until` (Unix seconds; 0: until ended) or until someone ends it
-- (ended_at, ended_by, end_reason). A device has at most one restriction in
-- force: making one ends the one before. Rows are kept, never deleted.
--
-- restriction_generation holds one counter per school, bumped by every
-- change, so that a running `esafety serve` sees a change made by another
-- process (the CLI) with one cheap read.

CREATE TABLE device_restrictions (
  id          INTEGER PRIMARY KEY,
  school_id   INTEGER NOT NULL REFERENCES schools (id),
  device_id   INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  kind        TEXT    NOT NULL CHECK (kind IN ('pause', 'allow_list')),
  allow_list  TEXT    NOT NULL DEFAULT '',
  until       INTEGER NOT NULL,
  created_by  TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  ended_at    INTEGER,
  ended_by    TEXT,
  end_reason  TEXT
);
CREATE INDEX device_restrictions_open ON device_restrictions (school_id, ended_at, device_id);

CREATE TABLE restriction_generation (
  school_id  INTEGER PRIMARY KEY REFERENCES schools (id),
  generation INTEGER NOT NULL
);
