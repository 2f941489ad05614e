-- Only a held read changes after the close, once: to accepted or corrected.
UPDATE amr_reads SET status = :status, value = :value, method = :method
WHERE tenant_id = :tenant AND period = :period AND make = :make AND serial = :serial
  AND meter = :meter AND status = 'held'
