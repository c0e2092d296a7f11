-- WhatsApp (issue 13), kept on the rows that already hold a chat id, so no other table learns a number.
-- The 24-hour customer-service window: free-form messages only within 24 h of the person's last message, else an
-- approved template. And the explicit opt-in WhatsApp requires: when, and which wording the person agreed to.
ALTER TABLE subscribers ADD COLUMN last_inbound_at BIGINT;     -- unix ms of the person's last message, or NULL
ALTER TABLE subscribers ADD COLUMN opted_in_at BIGINT;         -- unix ms of the last explicit subscription
ALTER TABLE subscribers ADD COLUMN opt_in_wording TEXT;        -- version of the text they agreed to (short hash)

-- Delivery statuses the channel reports later (WhatsApp: sent, delivered, read, failed with a code) find their
-- outbox row by a keyed hash of the message id; the id itself (wamid…, which encodes the number) is never stored.
ALTER TABLE outbox ADD COLUMN status_key TEXT;
ALTER TABLE outbox ADD COLUMN receipt TEXT;                    -- delivered or read, as last reported
CREATE INDEX outbox_status_key ON outbox (status_key);
