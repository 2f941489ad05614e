-- The primary key (tenant_id, report_id) makes a second upload of the same id a no-op.
INSERT INTO reports
  (tenant_id, report_id, site_id, source_kind, source_id, source_version,
   created_at, received_at, device_count)
VALUES
  (:tenant, :reportId, :site, :sourceKind, :sourceId, :sourceVersion,
   :createdAt, :receivedAt, :devices)
ON CONFLICT (tenant_id, report_id) DO NOTHING
