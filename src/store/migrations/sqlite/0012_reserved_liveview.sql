-- 0012: reserved for the liveview branch (issue 14). This placeholder only
-- keeps the numbering whole on the selftest branch, whose migration is 0013;
-- the merge takes liveview's 0012 instead of this file.
SELECT 1;
