-- 0003_tls_inspection.sql: TLS inspection is turned on per group
-- (policy::Group::inspect_tls). Off for every existing group: inspection
-- needs the school's CA on the devices first (docs/operations.md).

ALTER TABLE filter_groups
  ADD COLUMN inspect_tls INTEGER NOT NULL DEFAULT 0 CHECK (inspect_tls IN (0, 1));
