-- The outbox also holds the daily summary to the admins: a message to an address instead of a plumber.
ALTER TABLE notifications ALTER COLUMN plumber_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN recipient text;
ALTER TABLE notifications ADD CONSTRAINT notifications_one_recipient CHECK ((plumber_id IS NULL) <> (recipient IS NULL));
ALTER TABLE notifications ADD CONSTRAINT notifications_admin_by_email CHECK (recipient IS NULL OR channel = 'email');
