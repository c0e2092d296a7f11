-- How many times each inbox message has been taken, written (and committed) before it is handled. A message whose
-- handling ends the process each time (a crash, not an error) would otherwise be taken again forever, by every worker
-- in turn: past a few attempts it is dropped. Kept apart from inbox because on PostgreSQL the inbox row stays locked
-- while it is handled, and a count written in that transaction would vanish with the crash it should record.
CREATE TABLE inbox_attempts (
    inbox_id BIGINT  NOT NULL PRIMARY KEY,   -- inbox.id (no foreign key: checking one would wait on the row lock)
    attempts INTEGER NOT NULL
);
