INSERT INTO amr_adjustments (tenant_id, period, of_period, make, serial, meter, before_value,
                             after_value, reason, made_by, made_at)
VALUES (:tenant, :period, :ofPeriod, :make, :serial, :meter, :beforeValue, :afterValue, :reason,
        :by, :now)
