-- The event log (DESIGN.md §3.7, §5): one row per web request, CONNECT tunnel
-- or DNS query, append-only, in its own database file (<data>/events.db) so
-- that its write rate never contends with the policy store.
--
-- Names, not numbers, for kind, verdict and step, so that an export or a
-- look with the sqlite3 shell reads plainly. host_rev is the host reversed
-- character by character ("moc.elpmaxe.www"): "this host and its subdomains"
-- is then one range on its index.
CREATE TABLE events (
  id            INTEGER PRIMARY KEY,
  school_id     INTEGER NOT NULL,
  time_ms       INTEGER NOT NULL,            -- Unix milliseconds
  node          INTEGER NOT NULL DEFAULT 0,
  kind          TEXT    NOT NULL,            -- http, connect, dns, refused
  client_ip     TEXT    NOT NULL,
  device_id     INTEGER NOT NULL DEFAULT 0,  -- 0: unknown device
  device_name   TEXT    NOT NULL DEFAULT '',
  user_id       INTEGER NOT NULL DEFAULT 0,  -- 0: nobody signed in
  user_name     TEXT    NOT NULL DEFAULT '',
  group_name    TEXT    NOT NULL DEFAULT '',
  method        TEXT    NOT NULL DEFAULT '',
  url           TEXT    NOT NULL DEFAULT '',
  host          TEXT    NOT NULL DEFAULT '',
  host_rev      TEXT    NOT NULL DEFAULT '',
  category      TEXT    NOT NULL DEFAULT '',
  search_terms  TEXT    NOT NULL DEFAULT '',
  verdict       TEXT    NOT NULL,            -- allow, block, rewrite
  step          TEXT    NOT NULL,            -- illegal, local-deny, category, ...
  status        INTEGER NOT NULL DEFAULT 0,
  bytes_in      INTEGER NOT NULL DEFAULT 0,
  bytes_out     INTEGER NOT NULL DEFAULT 0,
  duration_us   INTEGER NOT NULL DEFAULT 0,
  truncated     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX events_by_time   ON events (school_id, time_ms);
CREATE INDEX events_by_client ON events (school_id, client_ip, time_ms);
CREATE INDEX events_by_host   ON events (school_id, host_rev, time_ms);
CREATE INDEX events_by_user   ON events (school_id, user_name, time_ms);

-- The log is evidence: rows are never changed. (Retention will delete old
-- rows; that is not an update.)
CREATE TRIGGER events_append_only BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'the event log is append-only');
END;
