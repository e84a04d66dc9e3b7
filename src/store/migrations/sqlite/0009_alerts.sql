-- 0009_alerts.sql: monitoring alerts (issue 14) and the sealed-records key.
--
-- record_keys: the installation's data key, wrapped (XChaCha20-Poly1305) by
-- the key file kept outside the database (records/sealer.h). One row, made
-- on first use; never changed.
CREATE TABLE record_keys (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  wrapped     BLOB    NOT NULL,
  created_at  INTEGER NOT NULL
);

-- alerts: one per person (or device, or address when nobody is known) and
-- category and episode. The rule engine (alerts/alert_engine.h) makes and
-- extends them; triage moves their state. subject is the grouping key
-- ("user 12", "device 4", "address 10.0.0.7").
CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  school_id       INTEGER NOT NULL REFERENCES schools (id),
  subject         TEXT    NOT NULL,
  user_id         INTEGER NOT NULL DEFAULT 0,
  user_name       TEXT    NOT NULL DEFAULT '',
  device_id       INTEGER NOT NULL DEFAULT 0,
  device_name     TEXT    NOT NULL DEFAULT '',
  client_ip       TEXT    NOT NULL DEFAULT '',
  group_name      TEXT    NOT NULL DEFAULT '',
  category        TEXT    NOT NULL,
  level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  state           TEXT    NOT NULL DEFAULT 'open' CHECK (state IN
                    ('open', 'acknowledged', 'monitor', 'incident', 'false_positive', 'no_concern')),
  rule            TEXT    NOT NULL,           -- the rule that raised it
  why             TEXT    NOT NULL DEFAULT '',-- the first evidence's reason, in words
  first_seen_ms   INTEGER NOT NULL,
  last_seen_ms    INTEGER NOT NULL,
  evidence_count  INTEGER NOT NULL DEFAULT 0, -- every matching event, kept or not
  created_at      INTEGER NOT NULL
);
CREATE INDEX alerts_by_time ON alerts (school_id, last_seen_ms);
-- The engine's question for each hit: an open alert for this subject and
-- category? Closed alerts (false positive, no concern) never take evidence.
CREATE INDEX alerts_open_by_subject ON alerts (school_id, subject, category, last_seen_ms)
  WHERE state NOT IN ('false_positive', 'no_concern');

-- alert_evidence: the events behind an alert, the first ones kept up to the
-- engine's cap (alerts.evidence_count counts them all). source is 'event'
-- (events.db id) or 'inbox' (inbox_requests id of a "Tell a teacher" press).
CREATE TABLE alert_evidence (
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  alert_id   INTEGER NOT NULL REFERENCES alerts (id),
  source     TEXT    NOT NULL CHECK (source IN ('event', 'inbox')),
  source_id  INTEGER NOT NULL,
  event_id   INTEGER NOT NULL DEFAULT 0,     -- events.db id (for an inbox press, its blocked request's)
  time_ms    INTEGER NOT NULL,
  rule       TEXT    NOT NULL,
  why        TEXT    NOT NULL,               -- "search matched the self-harm list", "score 160 over 50"
  PRIMARY KEY (alert_id, source, source_id)
) WITHOUT ROWID;

-- alert_actions: triage, newest last. note is sealed (records/sealer.h) with
-- "alert-action <id>" as associated data: never plain text.
CREATE TABLE alert_actions (
  id         INTEGER PRIMARY KEY,
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  alert_id   INTEGER NOT NULL REFERENCES alerts (id),
  at         INTEGER NOT NULL,
  actor      TEXT    NOT NULL,
  action     TEXT    NOT NULL CHECK (action IN
               ('acknowledge', 'false_positive', 'no_concern', 'monitor', 'incident')),
  note       BLOB    NOT NULL
);
CREATE INDEX alert_actions_by_alert ON alert_actions (alert_id, id);

-- alert_rules: every version of a school's rules text, newest in force.
CREATE TABLE alert_rules (
  id         INTEGER PRIMARY KEY,          -- the version
  school_id  INTEGER NOT NULL REFERENCES schools (id),
  text       TEXT    NOT NULL,
  set_at     INTEGER NOT NULL,
  set_by     TEXT    NOT NULL,
  reason     TEXT    NOT NULL
);
CREATE INDEX alert_rules_by_school ON alert_rules (school_id, id);

-- alert_cursors: how far the engine has read, moved in the same transaction
-- as the alerts it made, so a crash never repeats or skips an event.
CREATE TABLE alert_cursors (
  school_id        INTEGER PRIMARY KEY REFERENCES schools (id),
  events_through   INTEGER NOT NULL DEFAULT 0,  -- events.db id
  inbox_through    INTEGER NOT NULL DEFAULT 0   -- inbox_requests id
);
