-- One row per agent: the site information with the newest collectedAt wins, whatever the order
-- in which reports arrive (a report sent again carries the facts of its new attempt).
INSERT INTO agent_site
  (agent_id, tenant_id, site_id, collected_at, received_at, report_id, agent_version, host_name,
   site_name, agent_address, facts)
VALUES
  (:agentId, :tenant, :site, :collectedAt, :receivedAt, :reportId, :agentVersion, :hostName,
   :siteName, :agentAddress, :facts)
ON CONFLICT (agent_id) DO UPDATE SET
  tenant_id = excluded.tenant_id,
  site_id = excluded.site_id,
  collected_at = excluded.collected_at,
  received_at = excluded.received_at,
  report_id = excluded.report_id,
  agent_version = excluded.agent_version,
  host_name = excluded.host_name,
  site_name = excluded.site_name,
  agent_address = excluded.agent_address,
  facts = excluded.facts
WHERE excluded.collected_at > agent_site.collected_at
