INSERT INTO sites (tenant_id, id, name)
SELECT t.id, :id, :name FROM tenants t
WHERE (:allTenants OR t.id = :scopeTenant) AND t.id = :tenant
ON CONFLICT (tenant_id, id) DO NOTHING
