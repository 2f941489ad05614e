INSERT INTO amr_reads (tenant_id, period, make, serial, meter, status, value, start_value,
                       read_at, method, basis, raw_value, trusted_value, flags)
VALUES (:tenant, :period, :make, :serial, :meter, :status, :value, :startValue, :readAt, :method,
        :basis, :rawValue, :trustedValue, :flags)
