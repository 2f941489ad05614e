SELECT make, serial, meter, status, value, start_value, read_at, method, basis, raw_value,
       trusted_value, flags
FROM amr_reads
WHERE (:allTenants OR tenant_id = :scopeTenant) AND tenant_id = :tenant AND period = :period
  AND (:make = '' OR (make = :make AND serial = :serial AND meter = :meter))
ORDER BY make, serial, meter
