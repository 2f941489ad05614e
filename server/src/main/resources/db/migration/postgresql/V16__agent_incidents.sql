-- Silent agents (issue 11 point 4): an agent that has not called in for the configured time is an
-- incident of its own (the devices it reports are not each one); it closes when the agent calls
-- in again. One open incident per agent.
CREATE TABLE agent_incidents (
  tenant_id        TEXT    NOT NULL,
  agent_id         TEXT    NOT NULL,
  code             TEXT    NOT NULL,
  opened_at        TIMESTAMPTZ NOT NULL,
  severity         TEXT    NOT NULL,
  description      TEXT    NOT NULL,
  last_contact_at  TIMESTAMPTZ NOT NULL,
  closed_at        TIMESTAMPTZ,
  PRIMARY KEY (agent_id, code, opened_at)
);

CREATE UNIQUE INDEX agent_incidents_one_open ON agent_incidents (agent_id, code)
  WHERE closed_at IS NULL;
