SELECT id, kind, tenant_id, site_id, updated_at, revoked_at, last_contact_at, last_version,
       devices_reported
FROM agents
WHERE (:allTenants OR tenant_id = :scopeTenant) AND id = :id
