SELECT period, cut_off FROM amr_periods WHERE tenant_id = :tenant ORDER BY cut_off DESC LIMIT 1
