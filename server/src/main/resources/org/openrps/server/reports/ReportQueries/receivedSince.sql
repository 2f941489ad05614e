-- Per sender (agent or Device Direct device): the reports received since :since and the device
-- snapshots they carried (full and delta alike).
SELECT r.source_id, COUNT(*) AS reports, SUM(r.device_count) AS snapshots
FROM reports r
WHERE (:allTenants OR r.tenant_id = :scopeTenant)
  AND r.received_at >= :since
GROUP BY r.source_id
