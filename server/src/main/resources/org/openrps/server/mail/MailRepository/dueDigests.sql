-- Items waiting for a digest that is due, grouped by customer, kind and due time.
SELECT * FROM mail_outbox WHERE state = 'digest' AND due_at <= :now
ORDER BY tenant_id, kind, due_at, created_at, id
