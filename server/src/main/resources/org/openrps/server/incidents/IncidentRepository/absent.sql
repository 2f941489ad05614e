UPDATE incidents
SET absent_since = :now
WHERE tenant_id = :tenant AND make = :make AND serial = :serial AND code = :code
  AND closed_at IS NULL AND absent_since IS NULL
