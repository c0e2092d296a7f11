-- A web visitor's report leaves nothing behind once delivered: the activities of a step inside the report or follow-up
-- flow (the visitor's answers, the prompts echoing them, the receipt) are private. A private activity is deleted when
-- the client acknowledges it (a poll with a watermark at or beyond it) or, once sent, after WebChat:PrivateActivitySeconds
-- (a stream has no acknowledgement; the grace lets a client that lost the frame ask again).
ALTER TABLE web_activities ADD COLUMN private INTEGER NOT NULL DEFAULT 0;   -- 1 for a report's activity
ALTER TABLE web_activities ADD COLUMN forget_after BIGINT;                  -- unix ms; set when a private one is first sent
CREATE INDEX web_activities_forget_after ON web_activities (forget_after) WHERE forget_after IS NOT NULL;
