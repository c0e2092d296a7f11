-- The last update a channel handled (Telegram's update_id), so no update is handled twice after a restart.
CREATE TABLE channel_offsets (
    channel        TEXT    NOT NULL PRIMARY KEY,
    last_update_id INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) WITHOUT ROWID;
