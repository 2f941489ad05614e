INSERT INTO mail_settings (tenant_id, kind, delivery, recipients, updated_by, updated_at)
VALUES (:tenant, :kind, :delivery, :recipients, :by, :now)
ON CONFLICT (tenant_id, kind) DO UPDATE SET delivery = excluded.delivery,
  recipients = excluded.recipients, updated_by = excluded.updated_by, updated_at = excluded.updated_at
