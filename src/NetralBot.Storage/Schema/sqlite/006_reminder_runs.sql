-- Which reminder occurrences were sent, so each is sent once even across restarts and catch-ups.
CREATE TABLE reminder_runs (
    reminder_id  TEXT    NOT NULL,
    due_at       INTEGER NOT NULL,                 -- the occurrence, unix milliseconds
    broadcast_id INTEGER REFERENCES broadcasts (id) ON DELETE SET NULL,
    PRIMARY KEY (reminder_id, due_at)
) WITHOUT ROWID;
