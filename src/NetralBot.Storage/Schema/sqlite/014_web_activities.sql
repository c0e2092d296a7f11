-- Web chat conversations (Direct Line) in the database, so that a poll or a stream can reach any worker and a
-- conversation survives a restart (issue 14). A conversation is stored under a keyed hash of its id, never the id.
-- last_watermark is the conversation's own counter: each activity takes the next number while the row is locked, so
-- numbers within a conversation are consecutive and commit in order (a reader never skips one committed later). A new
-- row starts at the clock in microseconds, so a conversation opened again after it was forgotten still only grows.
CREATE TABLE web_conversations (
    conversation_key TEXT    NOT NULL PRIMARY KEY,   -- HMAC of the conversation id
    last_watermark   INTEGER NOT NULL,
    last_used        INTEGER NOT NULL                -- unix ms; idle ones are deleted (WebChat:ConversationIdleMinutes)
);
CREATE INDEX web_conversations_last_used ON web_conversations (last_used);

-- The most recent activities of each conversation (64), encrypted: a reply can hold a tip's receipt code.
CREATE TABLE web_activities (
    conversation_key TEXT    NOT NULL,
    watermark        INTEGER NOT NULL,
    content          BLOB    NOT NULL,               -- the activity's JSON, AES-GCM (purpose "web-activity")
    PRIMARY KEY (conversation_key, watermark)
);
