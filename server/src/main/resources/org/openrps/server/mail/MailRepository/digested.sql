UPDATE mail_outbox SET state = 'digested', digest_id = :digest WHERE id = :id AND state = 'digest'
