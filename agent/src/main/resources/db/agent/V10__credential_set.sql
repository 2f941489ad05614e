-- Issue 10 point 5: the credential set that last opened each address, by the set's name (never its
-- secret), so the next poll, also after a restart, tries that set first there. Keyed by address:
-- the set is needed before the device is known. A name no longer configured is ignored on load.
CREATE TABLE credential_set (
  address     TEXT PRIMARY KEY,
  set_name    TEXT NOT NULL,
  answered_at TEXT NOT NULL
);
