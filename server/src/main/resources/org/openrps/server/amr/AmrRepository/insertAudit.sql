INSERT INTO amr_audit (tenant_id, at, username, action, subject, before_text, after_text, reason)
VALUES (:tenant, :now, :by, :action, :subject, :before, :after, :reason)
