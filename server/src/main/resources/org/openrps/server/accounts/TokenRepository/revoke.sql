UPDATE api_tokens SET revoked_at = :now
WHERE (:allTenants OR tenant_id = :scopeTenant) AND id = :id AND revoked_at IS NULL
