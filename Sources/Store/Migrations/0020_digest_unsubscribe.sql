-- A plumber who unsubscribed from the digests (the one-click link, or ops on their word): no digest
-- from the next run on; their leads stay on the report server.
ALTER TABLE plumbers ADD COLUMN digest_unsubscribed_at timestamptz;
