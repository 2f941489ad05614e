-- One row that /health/ready rewrites, so that readiness means "takes a write", not only "answers".
CREATE TABLE health_probe (
  id          INTEGER     NOT NULL PRIMARY KEY,
  probed_at   TIMESTAMPTZ NOT NULL
);
