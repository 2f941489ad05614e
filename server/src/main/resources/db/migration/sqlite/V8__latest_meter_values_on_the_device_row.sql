-- The values of a device's latest meters, on its row, as JSON {"name": [value, readAtMillis]}:
-- what the server's integrity check compares a new reading against, read with the device row it
-- writes anyway instead of joined from the history (which the planner may scan on a big table).
ALTER TABLE devices ADD COLUMN latest_meters TEXT NOT NULL DEFAULT '{}';
