-- The sender's newest snapshot of the device becomes the base of its next delta; an older one
-- (a report set aside by the agent and sent later) leaves the base as it is.
INSERT INTO delta_bases (tenant_id, source, make, serial, seen_at, report_id, snapshot)
VALUES (:tenant, :source, :make, :serial, :seenAt, :reportId, :snapshot)
ON CONFLICT (tenant_id, source, serial, make) DO UPDATE SET
  seen_at = excluded.seen_at, report_id = excluded.report_id, snapshot = excluded.snapshot
WHERE excluded.seen_at >= delta_bases.seen_at
