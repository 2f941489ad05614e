INSERT INTO health_probe (id, probed_at) VALUES (1, :at)
ON CONFLICT (id) DO UPDATE SET probed_at = excluded.probed_at
