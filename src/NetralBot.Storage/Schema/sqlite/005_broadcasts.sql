-- Subscribers of sosialisasi broadcasts. The only table with raw chat ids (needed to send); never joined with tips.
CREATE TABLE subscribers (
    id            INTEGER NOT NULL PRIMARY KEY,
    channel       TEXT    NOT NULL,
    chat_id       TEXT    NOT NULL,
    language      TEXT    NOT NULL,
    regency       TEXT,                            -- kabupaten/kota chosen at /langganan (segment), or NULL
    agency        TEXT,                            -- agency chosen at /langganan (segment), or NULL
    active        INTEGER NOT NULL DEFAULT 1,      -- 0 after /berhenti or when the person blocked the bot
    subscribed_at INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (channel, chat_id)
);

-- A broadcast and its outbox: one row per recipient, so a restart resumes exactly where the sender was.
CREATE TABLE broadcasts (
    id         INTEGER NOT NULL PRIMARY KEY,
    text       TEXT    NOT NULL,
    text_en    TEXT,                               -- for subscribers who chose English; else text
    regency    TEXT,                               -- segment: only subscribers of this kabupaten/kota (NULL: all)
    agency     TEXT,                               -- segment: only subscribers of this agency (NULL: all)
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    state      TEXT    NOT NULL                    -- sending, done, cancelled
);

CREATE TABLE outbox (
    broadcast_id  INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    state         TEXT    NOT NULL,                -- pending, sending, sent, failed, skipped
    attempts      INTEGER NOT NULL DEFAULT 0,
    error         TEXT,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (broadcast_id, subscriber_id)
) WITHOUT ROWID;
CREATE INDEX outbox_state ON outbox (state, broadcast_id);
