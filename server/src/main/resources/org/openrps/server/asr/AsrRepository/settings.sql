SELECT tenant_id, enabled, lead_days, margin_days, threshold_percent
FROM asr_settings
WHERE (:allTenants OR tenant_id = :scopeTenant)
