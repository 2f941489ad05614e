-- Latest state per device, field by field: each figure keeps the newest value read by any source
-- (an agent or the device itself, Device Direct) and the source it came from. A report older
-- than what is stored does not roll a figure back; a figure the new snapshot lacks (no total, no
-- supply with a known level) keeps its old value.
INSERT INTO devices
  (tenant_id, make, serial, site_id, model, sys_object_id, mac, firmware, sys_name, address,
   last_seen, total_pages, lowest_supply_percent, printer_status, last_report_id,
   address_at, address_source, total_pages_at, total_pages_source,
   lowest_supply_at, lowest_supply_source, printer_status_at, printer_status_source,
   location, device_status, uptime_seconds, status_errors, snmp_version, snmp_security, inputs,
   options, identity_read_at, identity_source, latest_meters, manufacturer, brand,
   serial_disagreement)
VALUES
  (:tenant, :make, :serial, :site, :model, :sysObjectId, :mac, :firmware, :sysName, :address,
   :lastSeen, :totalPages, :lowestSupply, :printerStatus, :reportId,
   :lastSeen, :source, :totalPagesAt, :totalPagesSource,
   :lowestSupplyAt, :lowestSupplySource,
   :printerStatusAt, :source,
   :location, :deviceStatus, :uptimeSeconds, :statusErrors, :snmpVersion, :snmpSecurity, :inputs,
   :options, :identityReadAt, :source, :latestMeters, :manufacturer, :brand,
   :serialDisagreement)
ON CONFLICT (tenant_id, make, serial) DO UPDATE SET
  -- a newer identity says whether the serial's sources disagree now: NULL clears an old flag
  serial_disagreement = CASE WHEN excluded.last_seen >= devices.last_seen
             THEN excluded.serial_disagreement ELSE devices.serial_disagreement END,
  manufacturer = CASE WHEN excluded.manufacturer IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.manufacturer ELSE devices.manufacturer END,
  brand = CASE WHEN excluded.brand IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.brand ELSE devices.brand END,
  latest_meters = CASE WHEN excluded.latest_meters <> '{}' AND excluded.last_seen >= devices.last_seen
                       THEN excluded.latest_meters ELSE devices.latest_meters END,
  location = CASE WHEN excluded.location IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.location ELSE devices.location END,
  device_status = CASE WHEN excluded.device_status IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.device_status ELSE devices.device_status END,
  uptime_seconds = CASE WHEN excluded.uptime_seconds IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.uptime_seconds ELSE devices.uptime_seconds END,
  snmp_version = CASE WHEN excluded.snmp_version IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.snmp_version ELSE devices.snmp_version END,
  snmp_security = CASE WHEN excluded.snmp_security IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.snmp_security ELSE devices.snmp_security END,
  status_errors = CASE WHEN excluded.last_seen >= devices.last_seen THEN excluded.status_errors ELSE devices.status_errors END,
  inputs = CASE WHEN excluded.last_seen >= devices.last_seen THEN excluded.inputs ELSE devices.inputs END,
  options = CASE WHEN excluded.last_seen >= devices.last_seen THEN excluded.options ELSE devices.options END,
  identity_read_at = CASE WHEN excluded.last_seen >= devices.last_seen THEN excluded.identity_read_at ELSE devices.identity_read_at END,
  identity_source = CASE WHEN excluded.last_seen >= devices.last_seen THEN excluded.identity_source ELSE devices.identity_source END,
  site_id = CASE WHEN excluded.last_seen >= devices.last_seen
                 THEN excluded.site_id ELSE devices.site_id END,
  model = CASE WHEN excluded.last_seen >= devices.last_seen
               THEN excluded.model ELSE devices.model END,
  sys_object_id = CASE WHEN excluded.last_seen >= devices.last_seen
                       THEN excluded.sys_object_id ELSE devices.sys_object_id END,
  mac = CASE WHEN excluded.mac IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.mac ELSE devices.mac END,
  firmware = CASE WHEN excluded.firmware IS NOT NULL AND excluded.last_seen >= devices.last_seen
                  THEN excluded.firmware ELSE devices.firmware END,
  sys_name = CASE WHEN excluded.sys_name IS NOT NULL AND excluded.last_seen >= devices.last_seen
                  THEN excluded.sys_name ELSE devices.sys_name END,
  last_seen = CASE WHEN excluded.last_seen > devices.last_seen
                   THEN excluded.last_seen ELSE devices.last_seen END,
  last_report_id = CASE WHEN excluded.last_seen >= devices.last_seen
                        THEN excluded.last_report_id ELSE devices.last_report_id END,
  address = CASE WHEN excluded.address_at >= devices.address_at
                 THEN excluded.address ELSE devices.address END,
  address_source = CASE WHEN excluded.address_at >= devices.address_at
                        THEN excluded.address_source ELSE devices.address_source END,
  address_at = CASE WHEN excluded.address_at >= devices.address_at
                    THEN excluded.address_at ELSE devices.address_at END,
  total_pages = CASE WHEN excluded.total_pages IS NOT NULL
                      AND (devices.total_pages IS NULL OR excluded.total_pages_at >= devices.total_pages_at)
                     THEN excluded.total_pages ELSE devices.total_pages END,
  total_pages_source = CASE WHEN excluded.total_pages IS NOT NULL
                      AND (devices.total_pages IS NULL OR excluded.total_pages_at >= devices.total_pages_at)
                     THEN excluded.total_pages_source ELSE devices.total_pages_source END,
  total_pages_at = CASE WHEN excluded.total_pages IS NOT NULL
                      AND (devices.total_pages IS NULL OR excluded.total_pages_at >= devices.total_pages_at)
                     THEN excluded.total_pages_at ELSE devices.total_pages_at END,
  lowest_supply_percent = CASE WHEN excluded.lowest_supply_percent IS NOT NULL
                      AND (devices.lowest_supply_percent IS NULL OR excluded.lowest_supply_at >= devices.lowest_supply_at)
                     THEN excluded.lowest_supply_percent ELSE devices.lowest_supply_percent END,
  lowest_supply_source = CASE WHEN excluded.lowest_supply_percent IS NOT NULL
                      AND (devices.lowest_supply_percent IS NULL OR excluded.lowest_supply_at >= devices.lowest_supply_at)
                     THEN excluded.lowest_supply_source ELSE devices.lowest_supply_source END,
  lowest_supply_at = CASE WHEN excluded.lowest_supply_percent IS NOT NULL
                      AND (devices.lowest_supply_percent IS NULL OR excluded.lowest_supply_at >= devices.lowest_supply_at)
                     THEN excluded.lowest_supply_at ELSE devices.lowest_supply_at END,
  printer_status = CASE WHEN excluded.printer_status_at >= devices.printer_status_at
                        THEN excluded.printer_status ELSE devices.printer_status END,
  printer_status_source = CASE WHEN excluded.printer_status_at >= devices.printer_status_at
                        THEN excluded.printer_status_source ELSE devices.printer_status_source END,
  printer_status_at = CASE WHEN excluded.printer_status_at >= devices.printer_status_at
                        THEN excluded.printer_status_at ELSE devices.printer_status_at END
