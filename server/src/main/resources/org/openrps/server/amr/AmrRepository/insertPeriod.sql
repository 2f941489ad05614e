-- The close's claim: the first writer of (tenant, period) closes it, any other does nothing.
INSERT INTO amr_periods (tenant_id, period, starts_at, cut_off, closed_at, closed_by)
VALUES (:tenant, :period, :startsAt, :cutOff, :now, :node)
ON CONFLICT (tenant_id, period) DO NOTHING
