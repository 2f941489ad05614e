-- Issue 9: the site information each agent sends with its reports (wire SiteFacts, schema
-- openrps.report/3), the newest per agent. SQLite dialect; instants are epoch milliseconds.
-- The facts are kept whole as the wire JSON in facts (what the API shows); the few a query may
-- filter or sort on are columns beside it. collected_at (the agent's clock, checked against the
-- server's like every reading time) decides which facts are the newest.
CREATE TABLE agent_site (
  agent_id      TEXT    NOT NULL PRIMARY KEY REFERENCES agents (id),
  tenant_id     TEXT    NOT NULL,
  site_id       TEXT    NOT NULL,
  collected_at  INTEGER NOT NULL,
  received_at   INTEGER NOT NULL,
  report_id     TEXT    NOT NULL,
  agent_version TEXT    NOT NULL,
  host_name     TEXT,
  site_name     TEXT,
  agent_address TEXT,
  facts         TEXT    NOT NULL,
  FOREIGN KEY (tenant_id, site_id) REFERENCES sites (tenant_id, id)
);

CREATE INDEX agent_site_tenant ON agent_site (tenant_id, agent_id);
