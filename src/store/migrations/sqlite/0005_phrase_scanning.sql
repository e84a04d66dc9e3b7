-- 0005_phrase_scanning.sql: phrase scanning and banned searches, per group
-- (policy::Group::inspect, phrase_limit, block_search_level). The `inspect`
-- column existed unused since 0001; it now turns phrase scanning on, and is
-- turned on here for pupil groups (names starting KS, Year, Reception or EYFS,
-- as policy::isPupilGroup), which is the default a school expects.
-- phrase_limit 0 is the default limit for the group (50 pupils, 160 others).

ALTER TABLE filter_groups
  ADD COLUMN phrase_limit INTEGER NOT NULL DEFAULT 0 CHECK (phrase_limit >= 0);
ALTER TABLE filter_groups
  ADD COLUMN block_search_level INTEGER NOT NULL DEFAULT 0
  CHECK (block_search_level BETWEEN 0 AND 5);

UPDATE filter_groups SET inspect = 1
  WHERE lower(name) LIKE 'ks%' OR lower(name) LIKE 'year%'
     OR lower(name) LIKE 'reception%' OR lower(name) LIKE 'eyfs%';
