-- Taken when free (expired) or already ours; the row update is atomic on both engines.
UPDATE job_leases SET holder = :holder, until = :until
WHERE job = :job AND (until <= :now OR holder = :holder)
