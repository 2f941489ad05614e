-- AMR (issue 11 point 1, ADR 0016): billing periods per customer. A customer is billed once it has
-- a schedule row; its periods close at the cut-off (closing day and time in its zone) once the
-- close delay has passed. A period row is written once and its reads never change value after
-- the close, except a held read that a person accepts or corrects; any later correction is an
-- adjustment row in the next period. PostgreSQL dialect.
CREATE TABLE amr_schedules (
  tenant_id          TEXT    NOT NULL PRIMARY KEY REFERENCES tenants (id),
  zone               TEXT    NOT NULL,
  closing_day        INTEGER NOT NULL,
  closing_minute     INTEGER NOT NULL,  -- minutes after local midnight
  window_hours       INTEGER NOT NULL,  -- how old a reading at the cut-off may be
  close_delay_hours  INTEGER NOT NULL,  -- how long after the cut-off the period closes
  lead_days          INTEGER NOT NULL,  -- missed-read prediction: days before a cut-off
  fresh_hours        INTEGER NOT NULL,  -- missed-read prediction: a reading this fresh is fine
  starts_at          TIMESTAMPTZ NOT NULL,  -- the first period ends at the first cut-off after it
  updated_by         TEXT    NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE amr_periods (
  tenant_id     TEXT    NOT NULL REFERENCES tenants (id),
  period        TEXT    NOT NULL,  -- the cut-off's local date, yyyy-mm-dd
  starts_at     TIMESTAMPTZ NOT NULL,
  cut_off       TIMESTAMPTZ NOT NULL,
  closed_at     TIMESTAMPTZ NOT NULL,
  closed_by     TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, period)
);

-- status: actual, estimated, missing, held, accepted, corrected. value is what is billed (NULL
-- while held or missing); raw_value and trusted_value are both values of a held read.
CREATE TABLE amr_reads (
  tenant_id      TEXT    NOT NULL,
  period         TEXT    NOT NULL,
  make           TEXT    NOT NULL,
  serial         TEXT    NOT NULL,
  meter          TEXT    NOT NULL,
  status         TEXT    NOT NULL,
  value          BIGINT,
  start_value    BIGINT,
  read_at        TIMESTAMPTZ,
  method         TEXT,
  basis          TEXT    NOT NULL,
  raw_value      BIGINT,
  trusted_value  BIGINT,
  flags          TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, period, make, serial, meter),
  FOREIGN KEY (tenant_id, period) REFERENCES amr_periods (tenant_id, period)
);

-- A correction of a closed period's billed read, billed in the next period (period: where it is
-- billed; of_period: the period it corrects).
CREATE TABLE amr_adjustments (
  tenant_id    TEXT    NOT NULL,
  period       TEXT    NOT NULL,
  of_period    TEXT    NOT NULL,
  make         TEXT    NOT NULL,
  serial       TEXT    NOT NULL,
  meter        TEXT    NOT NULL,
  before_value BIGINT,
  after_value  BIGINT  NOT NULL,
  reason       TEXT    NOT NULL,
  made_by      TEXT    NOT NULL,
  made_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, of_period, make, serial, meter, made_at)
);

CREATE TABLE amr_audit (
  tenant_id   TEXT    NOT NULL,
  at          TIMESTAMPTZ NOT NULL,
  username    TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  subject     TEXT    NOT NULL,
  before_text TEXT    NOT NULL,
  after_text  TEXT    NOT NULL,
  reason      TEXT    NOT NULL
);

CREATE INDEX amr_audit_tenant ON amr_audit (tenant_id, at);

-- Missed-read notices sent (once per customer and period).
CREATE TABLE amr_notices (
  tenant_id  TEXT    NOT NULL,
  period     TEXT    NOT NULL,
  sent_at    TIMESTAMPTZ NOT NULL,
  devices    INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, period)
);

-- A closed period never changes, in the database too: periods, adjustments and the audit are
-- append-only; a read changes once, from held to accepted or corrected, and is never deleted.
CREATE FUNCTION amr_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'amr: a closed period does not change (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;

CREATE TRIGGER amr_periods_closed BEFORE UPDATE OR DELETE ON amr_periods
  FOR EACH ROW EXECUTE FUNCTION amr_closed();
CREATE TRIGGER amr_reads_closed BEFORE UPDATE ON amr_reads
  FOR EACH ROW WHEN (OLD.status <> 'held' OR NEW.status NOT IN ('accepted', 'corrected'))
  EXECUTE FUNCTION amr_closed();
CREATE TRIGGER amr_reads_kept BEFORE DELETE ON amr_reads
  FOR EACH ROW EXECUTE FUNCTION amr_closed();
CREATE TRIGGER amr_adjustments_closed BEFORE UPDATE OR DELETE ON amr_adjustments
  FOR EACH ROW EXECUTE FUNCTION amr_closed();
CREATE TRIGGER amr_audit_closed BEFORE UPDATE OR DELETE ON amr_audit
  FOR EACH ROW EXECUTE FUNCTION amr_closed();
