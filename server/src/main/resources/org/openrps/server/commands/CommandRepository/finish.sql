-- First result wins (result_message is set by the first). Before expiry any open command takes a
-- result; after it, only one delivered before its expiry whose client applied it in time (applied_at
-- in server time as the client reckons it), even when the expiry job already marked it expired.
UPDATE commands
SET state = :state, finished_at = :now, result_message = :message, result_details = :details,
    applied_at = :appliedAt
WHERE id = :id AND result_message IS NULL
  AND ((state IN ('queued', 'delivered') AND expires_at > :now)
    OR (state IN ('delivered', 'expired') AND delivered_at IS NOT NULL
        AND delivered_at <= expires_at AND :appliedAt <= expires_at))
