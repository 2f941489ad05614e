-- The outbox holds at most one snapshot per device per report (ADR 0008), in the order the
-- reports were made; a refused report keeps the server's code, message and the agent version that
-- got the refusal, so that another agent version sends it again.

-- Marks the file as the agent's own database ('ORPS'): start-up refuses any other file.
PRAGMA application_id = 1330794579;

-- The order reports were made in (created_at comes from the clock and report ids are random).
ALTER TABLE outbox_report ADD COLUMN seq INTEGER;
UPDATE outbox_report SET seq = rowid;
CREATE UNIQUE INDEX outbox_report_seq ON outbox_report (seq);

ALTER TABLE outbox_report ADD COLUMN rejection_status INTEGER;
ALTER TABLE outbox_report ADD COLUMN rejection_code TEXT;
ALTER TABLE outbox_report ADD COLUMN rejected_by_version TEXT;

-- Reports an older agent made with a device more than once were refused whole by the server (it
-- stored none of them): their snapshots go back to the queue, to leave again one per report.
CREATE TEMP TABLE doubled AS
  SELECT DISTINCT i.report_id FROM outbox_item i
  JOIN outbox_report r ON r.report_id = i.report_id
  WHERE r.acked_at IS NULL
  GROUP BY i.report_id, i.device_id HAVING count(*) > 1;
UPDATE outbox_item SET report_id = NULL WHERE report_id IN (SELECT report_id FROM doubled);
DELETE FROM outbox_report WHERE report_id IN (SELECT report_id FROM doubled);
DROP TABLE doubled;

CREATE INDEX outbox_item_queue ON outbox_item (report_id, device_id, id);
