INSERT INTO supply_orders (id, tenant_id, make, serial, supply_index, description, part_number,
                           quantity, site_id, state, reason, raised_at, level_percent, days_low,
                           days_high)
VALUES (:id, :tenant, :make, :serial, :index, :description, :partNumber, 1, :site, 'open',
        :reason, :raisedAt, :level, :daysLow, :daysHigh)
ON CONFLICT DO NOTHING
