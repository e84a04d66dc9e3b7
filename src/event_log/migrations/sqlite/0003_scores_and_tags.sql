-- 0003_scores_and_tags.sql: what content inspection found on a request.
-- scores: phrase scanning's score per category, highest first
--   ("pornography=160;violence=40"); empty when the page was not scanned.
-- tags: labels monitoring picks events out by, ';'-separated: a monitoring
--   list's category for a search ("self-harm"), or "circumvention".
ALTER TABLE events ADD COLUMN scores TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN tags   TEXT NOT NULL DEFAULT '';
