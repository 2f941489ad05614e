UPDATE incidents
SET closed_at = absent_since
WHERE tenant_id = :tenant AND make = :make AND serial = :serial AND code = :code
  AND closed_at IS NULL AND absent_since IS NOT NULL AND absent_since <= :before
