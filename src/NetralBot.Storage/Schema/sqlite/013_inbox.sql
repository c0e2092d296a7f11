-- Messages a channel handed over (a webhook delivery, a polled update) and not yet handled: written before the
-- delivery is acknowledged, deleted once the message is answered. Each conversation's messages are handled in order:
-- only the oldest row of a conversation can be taken. The message is encrypted (it holds the chat id and the text);
-- the conversation key is the keyed hash the conversations table uses.
CREATE TABLE inbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    channel          TEXT    NOT NULL,
    conversation_key TEXT    NOT NULL,
    payload          BLOB    NOT NULL,
    received_at      INTEGER NOT NULL,            -- unix milliseconds
    taken            INTEGER NOT NULL DEFAULT 0   -- 1 while this process handles it; reset at start-up
);
CREATE INDEX inbox_conversation ON inbox (conversation_key, id);

-- The worker that claimed a broadcast message (PostgreSQL, several workers): its claim is taken back once it is gone.
ALTER TABLE outbox ADD COLUMN claimed_by INTEGER;
