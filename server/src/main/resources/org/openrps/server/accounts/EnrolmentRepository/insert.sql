-- A code is made only for a site inside the caller's scope.
INSERT INTO enrol_codes (code_hash, tenant_id, site_id, created_by, created_at, expires_at)
SELECT :hash, s.tenant_id, s.id, :createdBy, :now, :expires
FROM sites s
WHERE (:allTenants OR s.tenant_id = :scopeTenant) AND s.tenant_id = :tenant AND s.id = :site
