-- The activity search's index (events/search_index.h): one row per event
-- and search key, kept apart from the events table so that it can be
-- brought up to date in large sorted passes rather than row by row in every
-- batch. A key is "p:" + a person's or device's name, or "h:" + a host or
-- one of its parent domains ("h:www.site.example", "h:site.example"), so
-- that a search for a pupil or a site is one index range read newest first.
-- s_key holds the key's 64-bit XXH3 hash, not its text: rows stay small and
-- every search tests the event itself, so a collision costs a wasted look,
-- never a wrong answer. The names are prefixed (s_) so that a join with
-- events needs no aliases.
CREATE TABLE events_search (
  s_school INTEGER NOT NULL,
  s_key    INTEGER NOT NULL,
  s_time   INTEGER NOT NULL,
  s_event  INTEGER NOT NULL,
  PRIMARY KEY (s_school, s_key, s_time, s_event)
) WITHOUT ROWID;

-- Events with id <= indexed_through have their rows in events_search;
-- newer ones are found by reading the newest events directly.
CREATE TABLE events_search_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through  INTEGER NOT NULL
);
INSERT INTO events_search_state (id, indexed_through) VALUES (1, 0);
