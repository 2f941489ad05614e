SELECT d.tenant_id, d.make, d.serial, d.last_seen, a.kind, a.id AS client_id
FROM devices d
JOIN reports r ON r.tenant_id = d.tenant_id AND r.report_id = d.last_report_id
JOIN agents a ON a.id = r.source_id
WHERE d.last_seen < :before
  AND (a.kind = 'device' OR a.last_contact_at >= :before)
