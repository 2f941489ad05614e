SELECT period, of_period, make, serial, meter, before_value, after_value, reason, made_by, made_at
FROM amr_adjustments
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant
  AND (:period = '' OR period = :period)
  AND (:ofPeriod = '' OR (of_period = :ofPeriod AND make = :make AND serial = :serial
                          AND meter = :meter))
ORDER BY made_at, make, serial, meter
