-- 0015_alert_list_indexes.sql: the Alerts page at a term's scale (issue 14:
-- 100,000 alerts, p95 <= 50 ms; bench/alerts_page.sh).
--
-- The page lists alerts by level, then newest first, with LIMIT. These
-- indexes give it that order without sorting every alert (the open alerts,
-- as the page opens, through their own smaller index), and find one
-- person's or one device's alerts directly.
CREATE INDEX alerts_by_level ON alerts (school_id, level, last_seen_ms);
CREATE INDEX alerts_open_by_level ON alerts (school_id, level, last_seen_ms)
  WHERE state NOT IN ('false_positive', 'no_concern');
CREATE INDEX alerts_by_user ON alerts (school_id, user_name);
CREATE INDEX alerts_by_device ON alerts (school_id, device_name);

-- The shape of a school's alerts, for SQLite's query planner. Without
-- statistics it takes "level >= ?" to be as selective as "user_name = ?"
-- and walks every alert in level order to find one pupil's. esafety never
-- runs ANALYZE (on a new school's empty tables it would record nothing
-- useful); these rows say, at any size, what a term's data looks like: one
-- school, a pupil or device has about 1 in 1,000 or 300 of its alerts, a
-- level a fifth, and most alerts are closed. Only the ratios matter.
-- "ANALYZE sqlite_schema" makes sqlite_stat1 if it is missing and loads the
-- rows into this connection; other connections load them when they open.
ANALYZE sqlite_schema;
DELETE FROM sqlite_stat1 WHERE tbl = 'alerts';
INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
  ('alerts', 'alerts_by_time', '100000 100000 1'),
  ('alerts', 'alerts_open_by_subject', '20000 20000 20 4 1'),
  ('alerts', 'alerts_waiting', '2000 2000 400'),
  ('alerts', 'alerts_by_level', '100000 100000 20000 1'),
  ('alerts', 'alerts_open_by_level', '20000 20000 4000 1'),
  ('alerts', 'alerts_by_user', '100000 100000 100'),
  ('alerts', 'alerts_by_device', '100000 100000 300');
ANALYZE sqlite_schema;
