-- PostgreSQL: the rows of insertAlert at once, same columns in the same order.
COPY alert_readings
  (tenant_id, report_id, make, serial, position, alert_index, severity, training_level,
   alert_group, code, description, read_at)
FROM STDIN (FORMAT csv)
