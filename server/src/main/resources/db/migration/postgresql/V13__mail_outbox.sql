-- Issue 11 point 5 (ADR 0015): e-mail from the server. mail_settings says, per customer and kind of
-- e-mail, who gets it (addresses separated by commas) and whether at once or in a daily digest.
-- mail_outbox holds every e-mail to send, rendered when it was enqueued: state 'pending' (to send at
-- next_attempt_at), 'digest' (waiting for its customer's daily digest, due at due_at), 'digested'
-- (folded into the digest row digest_id), 'sent' or 'failed' (attempts used up; last_error says
-- why). claimed_by / claimed_until: the node sending the row, so two nodes never send it twice.
CREATE TABLE mail_settings (
  tenant_id   TEXT    NOT NULL REFERENCES tenants (id),
  kind        TEXT    NOT NULL,
  delivery    TEXT    NOT NULL,
  recipients  TEXT    NOT NULL,
  updated_by  TEXT    NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (tenant_id, kind)
);

CREATE TABLE mail_outbox (
  id              TEXT    NOT NULL PRIMARY KEY,
  tenant_id       TEXT    NOT NULL REFERENCES tenants (id),
  kind            TEXT    NOT NULL,
  template        TEXT    NOT NULL,
  recipients      TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  body_text       TEXT    NOT NULL,
  body_html       TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL,
  due_at          TIMESTAMPTZ NOT NULL,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  claimed_by      TEXT    NOT NULL DEFAULT '',
  claimed_until   TIMESTAMPTZ NOT NULL,
  sent_at         TIMESTAMPTZ,
  digest_id       TEXT
);

CREATE INDEX mail_outbox_pending ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_digest ON mail_outbox (state, due_at);
