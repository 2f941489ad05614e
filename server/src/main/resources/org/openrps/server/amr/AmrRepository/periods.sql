SELECT p.period, p.starts_at, p.cut_off, p.closed_at, p.closed_by,
       (SELECT COUNT(*) FROM amr_reads r WHERE r.tenant_id = p.tenant_id AND r.period = p.period
          AND r.status IN ('actual', 'accepted', 'corrected')) AS billed,
       (SELECT COUNT(*) FROM amr_reads r WHERE r.tenant_id = p.tenant_id AND r.period = p.period
          AND r.status = 'estimated') AS estimated,
       (SELECT COUNT(*) FROM amr_reads r WHERE r.tenant_id = p.tenant_id AND r.period = p.period
          AND r.status = 'held') AS held,
       (SELECT COUNT(*) FROM amr_reads r WHERE r.tenant_id = p.tenant_id AND r.period = p.period
          AND r.status = 'missing') AS missing
FROM amr_periods p
WHERE (:allTenants OR p.tenant_id = :scopeTenant) AND p.tenant_id = :tenant
  AND (:period = '' OR p.period = :period)
ORDER BY p.cut_off DESC
