DELETE FROM meter_readings WHERE EXISTS (
  SELECT 1 FROM device_snapshots s
  WHERE s.tenant_id = meter_readings.tenant_id AND s.report_id = meter_readings.report_id
    AND s.make = meter_readings.make AND s.serial = meter_readings.serial
    AND s.seen_at < :cutoff
    AND NOT EXISTS (
      SELECT 1 FROM devices d
      WHERE d.tenant_id = s.tenant_id AND d.make = s.make AND d.serial = s.serial
        AND s.report_id IN (d.last_report_id, d.meters_report_id, d.supplies_report_id)))
