-- Issue 13 (e-mail alerts): the events the agent's alert rules found going on, one row per rule and
-- subject, so that a restart neither mails an event again nor forgets one; and the e-mails the
-- rules made, kept until the SMTP server took them (a mail that could not be sent is tried again at
-- the next check, never lost, never marked sent). Times are ISO-8601 UTC text.
CREATE TABLE alert_event (
  rule        TEXT NOT NULL,  -- the rule's canonical text (AlertRule.text())
  subject     TEXT NOT NULL,  -- what it is about, e.g. 'supply serial:HP|CN1#1', 'server', 'outbox'
  started_at  TEXT NOT NULL,
  headline    TEXT NOT NULL,  -- the start e-mail's subject line, for the status and the log
  PRIMARY KEY (rule, subject)
);

CREATE TABLE alert_mail (
  id          INTEGER PRIMARY KEY,
  rule        TEXT    NOT NULL,
  subject     TEXT    NOT NULL,  -- alert_event.subject
  change      TEXT    NOT NULL CHECK (change IN ('started', 'cleared')),
  recipients  TEXT    NOT NULL,  -- comma-separated addresses
  title       TEXT    NOT NULL,  -- the e-mail's Subject
  body        TEXT    NOT NULL,  -- plain text
  created_at  TEXT    NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,              -- one line: why the last attempt failed
  sent_at     TEXT               -- NULL until the SMTP server took it
);
CREATE INDEX alert_mail_unsent ON alert_mail (sent_at, id);
