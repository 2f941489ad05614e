SELECT code, description, first_seen_at, cleared_at
FROM device_alerts
WHERE tenant_id = :tenant AND make = :make AND serial = :serial
  AND code IN ('markerTonerAlmostEmpty', 'markerTonerEmpty', 'markerInkAlmostEmpty',
               'markerInkEmpty')
  AND (cleared_at IS NULL OR cleared_at >= :from)
ORDER BY first_seen_at
