-- Per sender: the devices whose latest state came from one of its reports, the newest reading
-- among them, and how many of them were last seen before :since.
SELECT r.source_id, COUNT(*) AS devices, MAX(d.last_seen) AS newest,
       SUM(CASE WHEN d.last_seen < :since THEN 1 ELSE 0 END) AS not_seen
FROM devices d
JOIN reports r ON r.tenant_id = d.tenant_id AND r.report_id = d.last_report_id
WHERE (:allTenants OR d.tenant_id = :scopeTenant)
GROUP BY r.source_id
