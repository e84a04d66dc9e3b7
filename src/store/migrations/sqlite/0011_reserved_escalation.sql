-- 0011: reserved for the escalation branch (issue 14). This placeholder only
-- keeps the numbering whole on the selftest branch, whose migration is 0013;
-- the merge takes escalation's 0011 instead of this file.
SELECT 1;
