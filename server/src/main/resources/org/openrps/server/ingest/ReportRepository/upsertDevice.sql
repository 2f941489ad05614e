-- Latest state per device, group by group (ADR 0020): identity, status, meters, supplies, alerts,
-- inputs/options and diagnostics each keep the newest value read by any source (an agent or the
-- device itself, Device Direct), the source it came from and when that source read it. A report
-- older than what is held for a group does not roll that group back; a group the new snapshot
-- lacks (no meters, no supplies, no trays or options, no diagnostics) keeps its old value.
INSERT INTO devices
  (tenant_id, make, serial, site_id, model, sys_object_id, mac, firmware, sys_name, address,
   last_seen, total_pages, lowest_supply_percent, printer_status, last_report_id,
   address_at, address_source, total_pages_at, total_pages_source,
   lowest_supply_at, lowest_supply_source, printer_status_at, printer_status_source,
   location, device_status, uptime_seconds, status_errors, snmp_version, snmp_security, inputs,
   options, identity_read_at, identity_source, latest_meters, manufacturer, brand,
   serial_disagreement, meters_at, meters_source, meters_report_id, supplies_at, supplies_source,
   supplies_report_id, alerts_at, alerts_source, inputs_at, inputs_source, diagnostics,
   diagnostics_at, diagnostics_source)
VALUES
  (:tenant, :make, :serial, :site, :model, :sysObjectId, :mac, :firmware, :sysName, :address,
   :lastSeen, :totalPages, :lowestSupply, :printerStatus, :reportId,
   :lastSeen, :source, :totalPagesAt, :totalPagesSource,
   :lowestSupplyAt, :lowestSupplySource,
   :printerStatusAt, :source,
   :location, :deviceStatus, :uptimeSeconds, :statusErrors, :snmpVersion, :snmpSecurity, :inputs,
   :options, :identityReadAt, :source, :latestMeters, :manufacturer, :brand,
   :serialDisagreement, :metersAt, :metersSource, :metersReportId, :suppliesAt, :suppliesSource,
   :suppliesReportId, :alertsAt, :source, :inputsAt, :inputsSource, :diagnostics,
   :diagnosticsAt, :diagnosticsSource)
ON CONFLICT (tenant_id, make, serial) DO UPDATE SET
  -- identity: who the device is, as the newest identity read says (a NULL name there is kept
  -- from before; a NULL serial_disagreement clears an old flag)
  serial_disagreement = CASE WHEN excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.serial_disagreement ELSE devices.serial_disagreement END,
  model = CASE WHEN excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.model ELSE devices.model END,
  sys_object_id = CASE WHEN excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.sys_object_id ELSE devices.sys_object_id END,
  identity_source = CASE WHEN excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.identity_source ELSE devices.identity_source END,
  manufacturer = CASE WHEN excluded.manufacturer IS NOT NULL AND excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.manufacturer ELSE devices.manufacturer END,
  brand = CASE WHEN excluded.brand IS NOT NULL AND excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.brand ELSE devices.brand END,
  location = CASE WHEN excluded.location IS NOT NULL AND excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.location ELSE devices.location END,
  mac = CASE WHEN excluded.mac IS NOT NULL AND excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.mac ELSE devices.mac END,
  firmware = CASE WHEN excluded.firmware IS NOT NULL AND excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.firmware ELSE devices.firmware END,
  sys_name = CASE WHEN excluded.sys_name IS NOT NULL AND excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.sys_name ELSE devices.sys_name END,
  -- status: hrPrinterStatus, hrDeviceStatus, detected errors and uptime, read together
  printer_status = CASE WHEN excluded.printer_status_at >= devices.printer_status_at
             THEN excluded.printer_status ELSE devices.printer_status END,
  printer_status_source = CASE WHEN excluded.printer_status_at >= devices.printer_status_at
             THEN excluded.printer_status_source ELSE devices.printer_status_source END,
  status_errors = CASE WHEN excluded.printer_status_at >= devices.printer_status_at
             THEN excluded.status_errors ELSE devices.status_errors END,
  device_status = CASE WHEN excluded.device_status IS NOT NULL AND excluded.printer_status_at >= devices.printer_status_at
             THEN excluded.device_status ELSE devices.device_status END,
  uptime_seconds = CASE WHEN excluded.uptime_seconds IS NOT NULL AND excluded.printer_status_at >= devices.printer_status_at
             THEN excluded.uptime_seconds ELSE devices.uptime_seconds END,
  -- meters: the newest set of meters read (a snapshot without meters has none to give)
  latest_meters = CASE WHEN excluded.meters_at IS NOT NULL AND (devices.meters_at IS NULL OR excluded.meters_at >= devices.meters_at)
             THEN excluded.latest_meters ELSE devices.latest_meters END,
  meters_source = CASE WHEN excluded.meters_at IS NOT NULL AND (devices.meters_at IS NULL OR excluded.meters_at >= devices.meters_at)
             THEN excluded.meters_source ELSE devices.meters_source END,
  meters_report_id = CASE WHEN excluded.meters_at IS NOT NULL AND (devices.meters_at IS NULL OR excluded.meters_at >= devices.meters_at)
             THEN excluded.meters_report_id ELSE devices.meters_report_id END,
  -- supplies: the newest set read
  supplies_source = CASE WHEN excluded.supplies_at IS NOT NULL AND (devices.supplies_at IS NULL OR excluded.supplies_at >= devices.supplies_at)
             THEN excluded.supplies_source ELSE devices.supplies_source END,
  supplies_report_id = CASE WHEN excluded.supplies_at IS NOT NULL AND (devices.supplies_at IS NULL OR excluded.supplies_at >= devices.supplies_at)
             THEN excluded.supplies_report_id ELSE devices.supplies_report_id END,
  -- alerts: the newest alert table read (empty when the device shows none)
  alerts_source = CASE WHEN excluded.alerts_at IS NOT NULL AND (devices.alerts_at IS NULL OR excluded.alerts_at >= devices.alerts_at)
             THEN excluded.alerts_source ELSE devices.alerts_source END,
  -- input trays and installed options: the newest read (a snapshot with neither has none)
  inputs = CASE WHEN excluded.inputs_at IS NOT NULL AND (devices.inputs_at IS NULL OR excluded.inputs_at >= devices.inputs_at)
             THEN excluded.inputs ELSE devices.inputs END,
  options = CASE WHEN excluded.inputs_at IS NOT NULL AND (devices.inputs_at IS NULL OR excluded.inputs_at >= devices.inputs_at)
             THEN excluded.options ELSE devices.options END,
  inputs_source = CASE WHEN excluded.inputs_at IS NOT NULL AND (devices.inputs_at IS NULL OR excluded.inputs_at >= devices.inputs_at)
             THEN excluded.inputs_source ELSE devices.inputs_source END,
  -- diagnostics: a Device Direct module newest; an agent snapshot has none and keeps them
  diagnostics = CASE WHEN excluded.diagnostics_at IS NOT NULL AND (devices.diagnostics_at IS NULL OR excluded.diagnostics_at >= devices.diagnostics_at)
             THEN excluded.diagnostics ELSE devices.diagnostics END,
  diagnostics_source = CASE WHEN excluded.diagnostics_at IS NOT NULL AND (devices.diagnostics_at IS NULL OR excluded.diagnostics_at >= devices.diagnostics_at)
             THEN excluded.diagnostics_source ELSE devices.diagnostics_source END,
  -- how an agent reached it over SNMP (a module sends none), where it is and who sent the latest
  snmp_version = CASE WHEN excluded.snmp_version IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.snmp_version ELSE devices.snmp_version END,
  snmp_security = CASE WHEN excluded.snmp_security IS NOT NULL AND excluded.last_seen >= devices.last_seen
             THEN excluded.snmp_security ELSE devices.snmp_security END,
  site_id = CASE WHEN excluded.last_seen >= devices.last_seen
             THEN excluded.site_id ELSE devices.site_id END,
  last_report_id = CASE WHEN excluded.last_seen >= devices.last_seen
             THEN excluded.last_report_id ELSE devices.last_report_id END,
  last_seen = CASE WHEN excluded.last_seen > devices.last_seen
             THEN excluded.last_seen ELSE devices.last_seen END,
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
  -- the group times last (both engines read the old row on the right of every SET anyway)
  printer_status_at = CASE WHEN excluded.printer_status_at >= devices.printer_status_at
             THEN excluded.printer_status_at ELSE devices.printer_status_at END,
  identity_read_at = CASE WHEN excluded.identity_read_at IS NOT NULL AND (devices.identity_read_at IS NULL OR excluded.identity_read_at >= devices.identity_read_at)
             THEN excluded.identity_read_at ELSE devices.identity_read_at END,
  meters_at = CASE WHEN excluded.meters_at IS NOT NULL AND (devices.meters_at IS NULL OR excluded.meters_at >= devices.meters_at)
             THEN excluded.meters_at ELSE devices.meters_at END,
  supplies_at = CASE WHEN excluded.supplies_at IS NOT NULL AND (devices.supplies_at IS NULL OR excluded.supplies_at >= devices.supplies_at)
             THEN excluded.supplies_at ELSE devices.supplies_at END,
  alerts_at = CASE WHEN excluded.alerts_at IS NOT NULL AND (devices.alerts_at IS NULL OR excluded.alerts_at >= devices.alerts_at)
             THEN excluded.alerts_at ELSE devices.alerts_at END,
  inputs_at = CASE WHEN excluded.inputs_at IS NOT NULL AND (devices.inputs_at IS NULL OR excluded.inputs_at >= devices.inputs_at)
             THEN excluded.inputs_at ELSE devices.inputs_at END,
  diagnostics_at = CASE WHEN excluded.diagnostics_at IS NOT NULL AND (devices.diagnostics_at IS NULL OR excluded.diagnostics_at >= devices.diagnostics_at)
             THEN excluded.diagnostics_at ELSE devices.diagnostics_at END
