-- Conversation state, keyed by a keyed hash (HMAC-SHA256) of channel and chat id: never the raw id.
CREATE TABLE conversations (
    conversation_key TEXT    NOT NULL PRIMARY KEY,
    state            TEXT    NOT NULL,             -- dialog state enum name
    context          TEXT    NOT NULL,             -- JSON: language, status, last rule, offered buttons
    updated_at       INTEGER NOT NULL              -- unix milliseconds
) WITHOUT ROWID;

-- What people ask, for admins to improve the rules. No user, chat or conversation id, by design.
CREATE TABLE question_log (
    id         INTEGER NOT NULL PRIMARY KEY,
    asked_at   INTEGER NOT NULL,                   -- unix milliseconds
    question   TEXT,                               -- NULL for reports: their text is never kept
    intent     TEXT    NOT NULL,                   -- guidance, clarify, report, out_of_scope, unknown
    rule_id    TEXT,                               -- best matching rule, if any
    confidence REAL    NOT NULL
);
CREATE INDEX question_log_asked_at ON question_log (asked_at);
