-- Supplies replenishment (issue 11 point 2): per-customer rules, the orders raised from forecasts
-- (at most one open per supply position, closed when a replacement is seen) and the misses (a
-- supply that ran empty with no order raised before it).
CREATE TABLE asr_settings (
  tenant_id          TEXT    NOT NULL PRIMARY KEY REFERENCES tenants (id),
  enabled            INTEGER NOT NULL,
  lead_days          INTEGER NOT NULL,
  margin_days        INTEGER NOT NULL,
  threshold_percent  INTEGER NOT NULL,
  updated_by         TEXT    NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE supply_orders (
  id              TEXT    NOT NULL PRIMARY KEY,
  tenant_id       TEXT    NOT NULL,
  make            TEXT    NOT NULL,
  serial          TEXT    NOT NULL,
  supply_index    INTEGER NOT NULL,
  description     TEXT    NOT NULL,
  part_number     TEXT,
  quantity        INTEGER NOT NULL,
  site_id         TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  reason          TEXT    NOT NULL,
  raised_at       TIMESTAMPTZ NOT NULL,
  level_percent   DOUBLE PRECISION,
  days_low        DOUBLE PRECISION,
  days_high       DOUBLE PRECISION,
  closed_at       TIMESTAMPTZ,
  closed_because  TEXT
);

CREATE UNIQUE INDEX supply_orders_one_open ON supply_orders (tenant_id, make, serial, supply_index)
  WHERE state = 'open';
CREATE INDEX supply_orders_tenant ON supply_orders (tenant_id, raised_at);

CREATE TABLE supply_misses (
  tenant_id     TEXT    NOT NULL,
  make          TEXT    NOT NULL,
  serial        TEXT    NOT NULL,
  supply_index  INTEGER NOT NULL,
  description   TEXT    NOT NULL,
  empty_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, make, serial, supply_index, empty_at)
);
