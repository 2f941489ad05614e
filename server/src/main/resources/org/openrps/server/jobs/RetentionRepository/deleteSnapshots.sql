-- History before the cutoff, except each device's latest snapshot and those its current meters
-- and supplies are read from (V20).
DELETE FROM device_snapshots WHERE seen_at < :cutoff
  AND NOT EXISTS (
    SELECT 1 FROM devices d
    WHERE d.tenant_id = device_snapshots.tenant_id AND d.make = device_snapshots.make
      AND d.serial = device_snapshots.serial AND device_snapshots.report_id IN (d.last_report_id, d.meters_report_id, d.supplies_report_id))
