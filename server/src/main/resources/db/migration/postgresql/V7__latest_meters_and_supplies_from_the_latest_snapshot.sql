-- The current meters and supplies of a device are those of its latest snapshot
-- (devices.last_report_id), read from the history; the copies in device_meters and
-- device_supplies cost one upsert per meter and supply per report and are gone.
DROP TABLE device_meters;
DROP TABLE device_supplies;
