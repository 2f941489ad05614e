-- One fixed window per bucket; the counter restarts when the window moves on.
INSERT INTO rate_limits (bucket, window_start, hits) VALUES (:bucket, :window, 1)
ON CONFLICT (bucket) DO UPDATE SET
  hits = CASE WHEN rate_limits.window_start = excluded.window_start
              THEN rate_limits.hits + 1 ELSE 1 END,
  window_start = excluded.window_start
RETURNING hits
