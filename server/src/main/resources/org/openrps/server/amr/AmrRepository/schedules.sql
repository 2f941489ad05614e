-- Every customer that is billed (the close job's list).
SELECT tenant_id, zone, closing_day, closing_minute, window_hours, close_delay_hours, lead_days,
       fresh_hours, starts_at
FROM amr_schedules
ORDER BY tenant_id
