UPDATE incidents
SET last_seen_at = :now, severity = :severity, description = :description,
    returned = returned + CASE WHEN absent_since IS NULL THEN 0 ELSE 1 END,
    absent_since = NULL
WHERE tenant_id = :tenant AND make = :make AND serial = :serial AND code = :code
  AND closed_at IS NULL
