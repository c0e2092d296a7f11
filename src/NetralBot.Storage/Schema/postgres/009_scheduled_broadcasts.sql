-- A broadcast can be scheduled for one moment: state 'scheduled' until then (no outbox yet: recipients are counted
-- when it starts), then 'sending'; 'missed' when the bot was down at that moment for longer than the grace period.
ALTER TABLE broadcasts ADD COLUMN send_at BIGINT;             -- unix ms, or NULL to send on confirming
ALTER TABLE broadcasts ADD COLUMN send_zone TEXT;             -- the zone the admin gave (to show the time back)
