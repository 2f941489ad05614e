-- The device list: filters are off when their parameter is empty (or, for numbers, negative).
-- <order> is defined by DeviceRepository from a DeviceSort (never from a request's text);
-- matching counts every device that passes the filters, before the limit and offset.
SELECT d.tenant_id, d.site_id, d.make, d.model, d.serial, d.address, d.last_seen, d.total_pages,
       d.lowest_supply_percent, d.printer_status, d.address_source, d.total_pages_source,
       d.lowest_supply_source, d.printer_status_source, d.sys_object_id, d.mac, d.firmware,
       d.sys_name, d.location, d.device_status, d.uptime_seconds, d.status_errors, d.snmp_version,
       d.snmp_security, d.inputs, d.options, d.identity_source, d.last_report_id,
       d.manufacturer, d.brand, d.serial_disagreement, COUNT(*) OVER () AS matching,
       m.value AS total_value, m.flags AS total_flags, m.server_flags AS total_server_flags,
       m.read_at AS total_read_at, CASE WHEN m.value IS NULL THEN NULL ELSE COALESCE(d.meters_source, d.address_source) END AS total_source,
       CASE WHEN m.flags = '' AND m.server_flags = '' THEN m.value ELSE (
         SELECT t.value FROM meter_readings t
         WHERE t.tenant_id = m.tenant_id AND t.make = m.make AND t.serial = m.serial
           AND t.name = m.name AND t.flags = '' AND t.server_flags = ''
         ORDER BY t.read_at DESC LIMIT 1) END AS total_trusted,
       CASE WHEN m.flags = '' AND m.server_flags = '' THEN m.read_at ELSE (
         SELECT t.read_at FROM meter_readings t
         WHERE t.tenant_id = m.tenant_id AND t.make = m.make AND t.serial = m.serial
           AND t.name = m.name AND t.flags = '' AND t.server_flags = ''
         ORDER BY t.read_at DESC LIMIT 1) END AS total_trusted_at
FROM devices d
LEFT JOIN meter_readings m
  ON m.tenant_id = d.tenant_id AND m.report_id = COALESCE(d.meters_report_id, d.last_report_id)
 AND m.make = d.make AND m.serial = d.serial AND m.name = 'total'
WHERE (:allTenants OR d.tenant_id = :scopeTenant)
  AND (:customer = '' OR d.tenant_id = :customer)
  AND (:site = '' OR d.site_id = :site)
  AND (:makeIs = '' OR d.make = :makeIs)
  AND (:status = '' OR d.printer_status = :status)
  AND (:lowSupplyBelow < 0 OR d.lowest_supply_percent < :lowSupplyBelow)
  AND (NOT :filterSeen OR d.last_seen < :notSeenSince)
  AND (:text = '' OR LOWER(d.serial) LIKE :text ESCAPE '!' OR LOWER(d.model) LIKE :text ESCAPE '!'
       OR LOWER(d.make) LIKE :text ESCAPE '!' OR LOWER(d.address) LIKE :text ESCAPE '!'
       OR LOWER(COALESCE(d.location, '')) LIKE :text ESCAPE '!'
       OR LOWER(COALESCE(d.sys_name, '')) LIKE :text ESCAPE '!'
       OR LOWER(d.site_id) LIKE :text ESCAPE '!')
  AND (d.make > :afterMake OR (d.make = :afterMake AND d.serial > :afterSerial))
ORDER BY <order>
LIMIT :limit OFFSET :offset
