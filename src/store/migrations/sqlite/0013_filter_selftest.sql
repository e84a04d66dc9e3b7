-- 0013_filter_selftest.sql: the filter self-test's runs and results (issue
-- 14, item 6; control/filter_selftest.h).
--
-- A run sends each group's test names and URLs through the real proxy and
-- DNS filter and records one row per group, category, path ('proxy' or
-- 'dns') and target: what was expected, what happened and whether that
-- passed. A run and its results are written in one transaction, with the
-- level-4 alerts its new failures raise (store/selftest_store.h). Rows are
-- kept, never deleted by esafety itself.

CREATE TABLE selftest_runs (
  id          INTEGER PRIMARY KEY,
  school_id   INTEGER NOT NULL REFERENCES schools (id),
  trigger     TEXT    NOT NULL CHECK (trigger IN ('daily', 'console', 'cli')),
  actor       TEXT    NOT NULL,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  checks      INTEGER NOT NULL,
  failures    INTEGER NOT NULL
);
CREATE INDEX selftest_runs_school ON selftest_runs (school_id, id);

CREATE TABLE selftest_results (
  run_id     INTEGER NOT NULL REFERENCES selftest_runs (id),
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  group_name TEXT    NOT NULL,
  category   TEXT    NOT NULL,
  path       TEXT    NOT NULL CHECK (path IN ('proxy', 'dns')),
  target     TEXT    NOT NULL,
  expected   TEXT    NOT NULL CHECK (expected IN ('blocked', 'allowed')),
  outcome    TEXT    NOT NULL CHECK (outcome IN ('blocked', 'allowed', 'error')),
  detail     TEXT    NOT NULL,
  passed     INTEGER NOT NULL CHECK (passed IN (0, 1)),
  PRIMARY KEY (run_id, group_name, category, path, target)
);
-- A group and category's previous result, for raising its alert once.
CREATE INDEX selftest_results_pair ON selftest_results (school_id, group_name, category, run_id);
