INSERT INTO mail_outbox (id, tenant_id, kind, template, recipients, subject, body_text, body_html,
  state, created_at, due_at, next_attempt_at, claimed_until)
VALUES (:id, :tenant, :kind, :template, :recipients, :subject, :text, :html,
  :state, :now, :due, :due, :epoch)
