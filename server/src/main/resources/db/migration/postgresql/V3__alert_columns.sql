-- Alerts arrived on the wire (prtAlertTable rows): keep every column of the row.
ALTER TABLE alert_readings ADD COLUMN alert_index INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert_readings ADD COLUMN alert_group TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_readings ADD COLUMN training_level TEXT NOT NULL DEFAULT '';
