-- The bases the sender's deltas of this report name (V10), in one query.
SELECT make, serial, snapshot FROM delta_bases
WHERE tenant_id = :tenant AND source = :source AND serial IN (<serials>)
