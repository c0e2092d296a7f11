-- Anonymous tips. No table here holds a chat id, user id, username, phone number, message id or conversation key.
CREATE TABLE tips (
    id            INTEGER NOT NULL PRIMARY KEY,
    receipt_hash  TEXT    NOT NULL UNIQUE,         -- HMAC-SHA256 of the receipt code; the code itself is never stored
    category      TEXT    NOT NULL,                -- TipCategory name (for filtering; not identifying)
    status        TEXT    NOT NULL,                -- TipStatus name
    status_reason BLOB,                            -- AES-GCM encrypted
    content       BLOB    NOT NULL,                -- AES-GCM encrypted JSON: who, agency, place, when, what, evidence
    created_at    INTEGER NOT NULL,                -- unix milliseconds
    updated_at    INTEGER NOT NULL,
    closed_at     INTEGER                          -- set when ditolak/selesai; retention counts from here
);
CREATE INDEX tips_status ON tips (status, created_at);

-- Messages between reviewers and the tipster, shown at the tipster's next /status.
CREATE TABLE tip_messages (
    id         INTEGER NOT NULL PRIMARY KEY,
    tip_id     INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
    author     TEXT    NOT NULL,                   -- 'reviewer' or 'tipster'
    content    BLOB    NOT NULL,                   -- AES-GCM encrypted
    created_at INTEGER NOT NULL
);
CREATE INDEX tip_messages_tip ON tip_messages (tip_id, created_at);

-- What a conversation keeps privately between messages (a tip draft, a follow-up code), encrypted, deleted when done.
CREATE TABLE private_states (
    conversation_key TEXT    NOT NULL PRIMARY KEY,
    content          BLOB    NOT NULL,             -- AES-GCM encrypted JSON
    updated_at       INTEGER NOT NULL
) WITHOUT ROWID;

-- Every admin action on tips: who (the admin's configured identity), what, which tip, when.
CREATE TABLE admin_audit (
    id      INTEGER NOT NULL PRIMARY KEY,
    at      INTEGER NOT NULL,
    admin   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    tip_id  INTEGER,
    detail  TEXT
);

-- A value encrypted with the tip key at first use, so a wrong key is detected at start-up instead of giving garbage.
CREATE TABLE crypto_check (
    id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    probe BLOB    NOT NULL
);
