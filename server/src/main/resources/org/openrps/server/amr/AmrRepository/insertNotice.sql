INSERT INTO amr_notices (tenant_id, period, sent_at, devices)
VALUES (:tenant, :period, :now, :devices)
ON CONFLICT (tenant_id, period) DO NOTHING
