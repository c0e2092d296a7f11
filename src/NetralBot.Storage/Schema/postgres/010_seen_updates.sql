-- Update ids a webhook received recently. Telegram's ids may restart (after a week without updates) and one
-- forged or odd id must not silence the bot: a webhook deduplicates by the ids actually seen, not by a maximum.
CREATE TABLE seen_updates (
    channel   TEXT   NOT NULL,
    update_id BIGINT NOT NULL,
    seen_at   BIGINT NOT NULL,                     -- unix milliseconds; rows older than two days are removed
    PRIMARY KEY (channel, update_id)
);
CREATE INDEX seen_updates_seen_at ON seen_updates (seen_at);
