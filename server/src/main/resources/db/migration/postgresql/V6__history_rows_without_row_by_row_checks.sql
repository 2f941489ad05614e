-- Ingest speed: a report's meter, supply and alert readings (four rows or more per device) no
-- longer check their snapshot row by row. The foreign key cost a trigger call and a row lock per
-- reading, about as much as the insert itself. Only ReportRepository writes these rows, in the
-- same transaction as their snapshot, and retention and device deletion remove them by their own
-- statements. SQLite keeps the keys: dropping one there means rebuilding the table, and SQLite is
-- not where ingest speed matters.
ALTER TABLE meter_readings DROP CONSTRAINT meter_readings_tenant_id_report_id_make_serial_fkey;
ALTER TABLE supply_readings DROP CONSTRAINT supply_readings_tenant_id_report_id_make_serial_fkey;
ALTER TABLE alert_readings DROP CONSTRAINT alert_readings_tenant_id_report_id_make_serial_fkey;
