-- The customer's closed period just before a cut-off: where the next period starts.
SELECT period, cut_off FROM amr_periods
WHERE tenant_id = :tenant AND cut_off < :cutOff
ORDER BY cut_off DESC LIMIT 1
