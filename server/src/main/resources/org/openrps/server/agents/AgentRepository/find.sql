SELECT a.id, a.kind, a.tenant_id, a.site_id, a.updated_at, a.revoked_at, a.last_contact_at,
       a.last_version, a.devices_reported,
       s.report_id AS site_report_id, s.received_at AS site_received_at, s.facts AS site_facts
FROM agents a
LEFT JOIN agent_site s ON s.agent_id = a.id AND s.tenant_id = a.tenant_id
WHERE (:allTenants OR a.tenant_id = :scopeTenant) AND a.id = :id
