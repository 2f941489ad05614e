INSERT INTO amr_schedules (tenant_id, zone, closing_day, closing_minute, window_hours,
                           close_delay_hours, lead_days, fresh_hours, starts_at, updated_by,
                           updated_at)
VALUES (:tenant, :zone, :closingDay, :closingMinute, :windowHours, :closeDelayHours, :leadDays,
        :freshHours, :startsAt, :by, :now)
ON CONFLICT (tenant_id) DO UPDATE SET
  zone = excluded.zone, closing_day = excluded.closing_day,
  closing_minute = excluded.closing_minute, window_hours = excluded.window_hours,
  close_delay_hours = excluded.close_delay_hours, lead_days = excluded.lead_days,
  fresh_hours = excluded.fresh_hours, starts_at = excluded.starts_at,
  updated_by = excluded.updated_by, updated_at = excluded.updated_at
