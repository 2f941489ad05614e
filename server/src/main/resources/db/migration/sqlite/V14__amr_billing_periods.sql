-- AMR (issue 11 point 1, ADR 0016): billing periods per customer. A customer is billed once it has
-- a schedule row; its periods close at the cut-off (closing day and time in its zone) once the
-- close delay has passed. A period row is written once and its reads never change value after
-- the close, except a held read that a person accepts or corrects; any later correction is an
-- adjustment row in the next period. SQLite dialect.
CREATE TABLE amr_schedules (
  tenant_id          TEXT    NOT NULL PRIMARY KEY REFERENCES tenants (id),
  zone               TEXT    NOT NULL,
  closing_day        INTEGER NOT NULL,
  closing_minute     INTEGER NOT NULL,  -- minutes after local midnight
  window_hours       INTEGER NOT NULL,  -- how old a reading at the cut-off may be
  close_delay_hours  INTEGER NOT NULL,  -- how long after the cut-off the period closes
  lead_days          INTEGER NOT NULL,  -- missed-read prediction: days before a cut-off
  fresh_hours        INTEGER NOT NULL,  -- missed-read prediction: a reading this fresh is fine
  starts_at          INTEGER     NOT NULL,  -- the first period ends at the first cut-off after it
  updated_by         TEXT    NOT NULL,
  updated_at         INTEGER     NOT NULL
);

CREATE TABLE amr_periods (
  tenant_id     TEXT    NOT NULL REFERENCES tenants (id),
  period        TEXT    NOT NULL,  -- the cut-off's local date, yyyy-mm-dd
  starts_at     INTEGER     NOT NULL,
  cut_off       INTEGER     NOT NULL,
  closed_at     INTEGER     NOT NULL,
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
  value          INTEGER,
  start_value    INTEGER,
  read_at        INTEGER    ,
  method         TEXT,
  basis          TEXT    NOT NULL,
  raw_value      INTEGER,
  trusted_value  INTEGER,
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
  before_value INTEGER,
  after_value  INTEGER  NOT NULL,
  reason       TEXT    NOT NULL,
  made_by      TEXT    NOT NULL,
  made_at      INTEGER     NOT NULL,
  PRIMARY KEY (tenant_id, of_period, make, serial, meter, made_at)
);

CREATE TABLE amr_audit (
  tenant_id   TEXT    NOT NULL,
  at          INTEGER     NOT NULL,
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
  sent_at    INTEGER     NOT NULL,
  devices    INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, period)
);

-- A closed period never changes, in the database too: periods, adjustments and the audit are
-- append-only; a read changes once, from held to accepted or corrected, and is never deleted.
CREATE TRIGGER amr_periods_no_update BEFORE UPDATE ON amr_periods
BEGIN
  SELECT RAISE(ABORT, 'amr: a closed period does not change (UPDATE on amr_periods)');
END;
CREATE TRIGGER amr_periods_no_delete BEFORE DELETE ON amr_periods
BEGIN
  SELECT RAISE(ABORT, 'amr: a closed period does not change (DELETE on amr_periods)');
END;
CREATE TRIGGER amr_reads_closed BEFORE UPDATE ON amr_reads
  WHEN OLD.status <> 'held' OR NEW.status NOT IN ('accepted', 'corrected')
BEGIN
  SELECT RAISE(ABORT, 'amr: a closed period does not change (UPDATE on amr_reads)');
END;
CREATE TRIGGER amr_reads_kept BEFORE DELETE ON amr_reads
BEGIN
  SELECT RAISE(ABORT, 'amr: a closed period does not change (DELETE on amr_reads)');
END;
CREATE TRIGGER amr_adjustments_no_update BEFORE UPDATE ON amr_adjustments
BEGIN
  SELECT RAISE(ABORT, 'amr: a closed period does not change (UPDATE on amr_adjustments)');
END;
CREATE TRIGGER amr_adjustments_no_delete BEFORE DELETE ON amr_adjustments
BEGIN
  SELECT RAISE(ABORT, 'amr: a closed period does not change (DELETE on amr_adjustments)');
END;
CREATE TRIGGER amr_audit_no_update BEFORE UPDATE ON amr_audit
BEGIN
  SELECT RAISE(ABORT, 'amr: a closed period does not change (UPDATE on amr_audit)');
END;
CREATE TRIGGER amr_audit_no_delete BEFORE DELETE ON amr_audit
BEGIN
  SELECT RAISE(ABORT, 'amr: a closed period does not change (DELETE on amr_audit)');
END;
