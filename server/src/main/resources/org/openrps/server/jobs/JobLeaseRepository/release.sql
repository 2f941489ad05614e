UPDATE job_leases SET until = :now WHERE job = :job AND holder = :holder
