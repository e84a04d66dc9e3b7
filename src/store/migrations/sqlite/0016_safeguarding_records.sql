-- 0016_safeguarding_records.sql: concerns and incidents (issue 15;
-- records/record_row.h). Metadata is plain; every word anyone wrote is a
-- sealed field under the record's own data key, which is kept here only
-- wrapped by the school key (the key file, never in this database).
CREATE TABLE safeguarding_records (
  id               INTEGER PRIMARY KEY,
  school_id        INTEGER NOT NULL REFERENCES schools (id),
  ref              TEXT    NOT NULL UNIQUE CHECK (ref <> ''),
  kind             TEXT    NOT NULL CHECK (kind IN ('concern', 'incident')),
  created_at       INTEGER NOT NULL,
  occurred_at      INTEGER NOT NULL DEFAULT 0,
  raised_by        TEXT    NOT NULL,
  raised_by_person INTEGER NOT NULL DEFAULT 0,
  activity         TEXT    NOT NULL DEFAULT '',
  routes           TEXT    NOT NULL DEFAULT '',
  wrapped_key      BLOB    NOT NULL
);
CREATE INDEX safeguarding_records_by_school ON safeguarding_records (school_id, created_at);

-- Who a record is about or names (step 1's roles); one person may hold two.
CREATE TABLE safeguarding_record_parties (
  school_id INTEGER NOT NULL REFERENCES schools (id),
  record_id INTEGER NOT NULL REFERENCES safeguarding_records (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  role      TEXT    NOT NULL CHECK (role IN ('about', 'child-victim', 'child-instigator',
                                              'staff-victim', 'staff-instigator')),
  PRIMARY KEY (record_id, person_id, role)
);
CREATE INDEX safeguarding_record_parties_by_person ON safeguarding_record_parties (person_id);

-- The sealed fields: "saw", "child_words", "where", "narrative", notes.
CREATE TABLE safeguarding_record_fields (
  school_id INTEGER NOT NULL REFERENCES schools (id),
  record_id INTEGER NOT NULL REFERENCES safeguarding_records (id),
  name      TEXT    NOT NULL CHECK (name <> ''),
  sealed    BLOB    NOT NULL,
  PRIMARY KEY (record_id, name)
);
