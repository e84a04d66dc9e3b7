-- 0002_inbox.sql: requests people make from the block page ("Tell a teacher",
-- "Ask for this site to be checked"), for the console's inbox.
--
-- Each request carries the reference of the event (the blocked request) it is
-- about, so staff can see what was blocked, for whom, and when. Requests are
-- kept, never deleted; handling one sets its status.

CREATE TABLE inbox_requests (
  id          INTEGER PRIMARY KEY,
  school_id   INTEGER NOT NULL REFERENCES schools (id),
  kind        TEXT    NOT NULL CHECK (kind IN ('tell-teacher', 'ask-check')),
  reference   INTEGER NOT NULL,          -- events.reference of the blocked request
  message     TEXT    NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
  client_ip   TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  status      TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'seen', 'done'))
);
CREATE INDEX inbox_requests_school_time ON inbox_requests (school_id, created_at);
CREATE INDEX inbox_requests_school_reference ON inbox_requests (school_id, reference);
