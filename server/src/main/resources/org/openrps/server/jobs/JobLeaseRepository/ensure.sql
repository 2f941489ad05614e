INSERT INTO job_leases (job, holder, until) VALUES (:job, '', :epoch) ON CONFLICT (job) DO NOTHING
