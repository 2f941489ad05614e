-- Each group of a device's latest state with its source and when that source read it (ADR 0020),
-- and the latest diagnostics of its Device Direct module.
SELECT d.address_source, d.address_at, d.identity_source, d.identity_read_at,
       d.printer_status_source, d.printer_status_at, d.meters_source, d.meters_at,
       d.supplies_source, d.supplies_at, d.alerts_source, d.alerts_at, d.inputs_source,
       d.inputs_at, d.diagnostics_source, d.diagnostics_at, d.diagnostics
FROM devices d
WHERE (:allTenants OR d.tenant_id = :scopeTenant) AND d.tenant_id = :tenant AND d.make = :make AND d.serial = :serial
