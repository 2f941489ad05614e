SELECT * FROM mail_outbox WHERE id = :id
