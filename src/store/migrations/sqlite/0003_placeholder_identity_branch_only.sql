-- 0003 belongs to another branch (merged separately). This empty file only
-- keeps the identity branch's migrations numbered without a gap until then:
-- DELETE IT when merging, in favour of the real 0003.
SELECT 1;
