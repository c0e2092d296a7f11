-- A broadcast may carry an image, and may report its progress to the admin's chat that started it.
-- (The admin's own chat: admins are configured by name and are not anonymous; never joined with tips.)
ALTER TABLE broadcasts ADD COLUMN image BYTEA;                -- a cleaned JPEG sent with the text, or NULL
ALTER TABLE broadcasts ADD COLUMN report_channel TEXT;        -- where progress is shown, or NULL (CLI, reminders)
ALTER TABLE broadcasts ADD COLUMN report_chat_id TEXT;
ALTER TABLE broadcasts ADD COLUMN report_message_id TEXT;     -- the progress message edited in place
ALTER TABLE broadcasts ADD COLUMN reported BOOLEAN NOT NULL DEFAULT FALSE; -- TRUE once the final delivery report went out
