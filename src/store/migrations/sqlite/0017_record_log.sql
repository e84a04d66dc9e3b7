-- 0017_record_log.sql: the tamper-evident record log (issue 15;
-- records/record_chain.h). Every write and every read of a safeguarding
-- record, per school, numbered 1, 2, 3...; each entry holds the hash of the
-- one before, keyed by a key derived from the key file. `esafety records
-- verify` walks it and names the first broken entry.
CREATE TABLE record_log (
  id         INTEGER PRIMARY KEY,
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  seq        INTEGER NOT NULL,
  record_ref TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  actor      TEXT    NOT NULL,
  action     TEXT    NOT NULL,
  digest     TEXT    NOT NULL DEFAULT '',
  prev_hash  TEXT    NOT NULL,
  hash       TEXT    NOT NULL
);
-- Not UNIQUE: two rows swapped by hand must be caught by verify, not
-- refused by the database.
CREATE INDEX record_log_by_seq ON record_log (school_id, seq);
