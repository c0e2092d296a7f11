-- Messages a channel handed over (a webhook delivery, a polled update) and not yet handled: written before the
-- delivery is acknowledged, deleted once the message is answered. Each conversation's messages are handled in order:
-- only the oldest row of a conversation can be taken. The message is encrypted (it holds the chat id and the text);
-- the conversation key is the keyed hash the conversations table uses. A worker holds a taken row's lock (FOR UPDATE)
-- until it is answered, so a worker that dies releases it at once and another worker takes it over.
CREATE TABLE inbox (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel          TEXT    NOT NULL,
    conversation_key TEXT    NOT NULL,
    payload          BYTEA   NOT NULL,
    received_at      BIGINT  NOT NULL             -- unix milliseconds
);
CREATE INDEX inbox_conversation ON inbox (conversation_key, id);

-- The worker that claimed a broadcast message (its presence lock's number, see WorkerLocks): a claim whose worker
-- is gone (its lock with it) is taken back by the others at once instead of after a lease.
ALTER TABLE outbox ADD COLUMN claimed_by BIGINT;

-- Evidence files in the database (encrypted as on disk), so any worker can show them to a reviewer.
ALTER TABLE evidence_files ADD COLUMN content BYTEA;
