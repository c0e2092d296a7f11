-- Conversations whose person blocked the bot (a channel answered 403): nothing is sent to them until they write again.
-- Keyed by the conversation hash, like conversations: no raw chat id.
CREATE TABLE blocked_conversations (
    conversation_key TEXT    NOT NULL PRIMARY KEY,
    blocked_at       INTEGER NOT NULL
) WITHOUT ROWID;
