SELECT id, tenant_id, client_id, make, serial, type, params, created_at, created_by, expires_at, state,
  delivered_at, finished_at, result_message, result_details, applied_at
FROM commands
WHERE id = :id AND (:allTenants OR tenant_id = :scopeTenant)
