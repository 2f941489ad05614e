INSERT INTO asr_settings (tenant_id, enabled, lead_days, margin_days, threshold_percent,
                          updated_by, updated_at)
VALUES (:tenant, :enabled, :lead, :margin, :threshold, :by, :at)
ON CONFLICT (tenant_id) DO UPDATE SET enabled = excluded.enabled, lead_days = excluded.lead_days,
  margin_days = excluded.margin_days, threshold_percent = excluded.threshold_percent,
  updated_by = excluded.updated_by, updated_at = excluded.updated_at
