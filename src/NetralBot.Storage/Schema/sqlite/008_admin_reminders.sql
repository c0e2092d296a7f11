-- Scheduled reminders defined by admins in chat (/pengingatbaru), beside those in dialogs/reminders.yaml.
-- A row is a draft while the admin previews it (saved_at NULL); Save makes it active; /pengingathapus deactivates it
-- but keeps the row for the audit. Their occurrences are recorded in reminder_runs as 'admin:<id>'.
CREATE TABLE reminders (
    id         INTEGER NOT NULL PRIMARY KEY,
    cron       TEXT    NOT NULL,                   -- 5 fields, Cronos syntax
    time_zone  TEXT    NOT NULL,                   -- Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)
    text       TEXT    NOT NULL,                   -- Indonesian only
    created_by TEXT    NOT NULL,                   -- the admin, channel:sender
    created_at INTEGER NOT NULL,                   -- unix ms, when the draft was made
    saved_at   INTEGER,                            -- unix ms, when Save was pressed: no occurrence before it is sent
    active     INTEGER NOT NULL DEFAULT 1,         -- 1 = scheduled; 0 = draft or deleted
    deleted_by TEXT,
    deleted_at INTEGER
);
CREATE INDEX reminders_active ON reminders (active);
