SELECT tenant_id, zone, closing_day, closing_minute, window_hours, close_delay_hours, lead_days,
       fresh_hours, starts_at
FROM amr_schedules
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant
