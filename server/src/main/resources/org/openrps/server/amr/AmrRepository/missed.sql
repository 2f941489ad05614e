-- The customer's devices not heard since :freshAfter, with the agent (or Device Direct device)
-- that reported them last and when that client last made contact.
SELECT d.make, d.serial, d.model, d.site_id, d.last_seen, r.source_kind, r.source_id,
       a.last_contact_at
FROM devices d
JOIN reports r ON r.tenant_id = d.tenant_id AND r.report_id = d.last_report_id
LEFT JOIN agents a ON a.id = r.source_id
WHERE (:allTenants OR d.tenant_id = :scopeTenant) AND d.tenant_id = :tenant
  AND d.last_seen < :freshAfter
ORDER BY d.last_seen, d.make, d.serial
