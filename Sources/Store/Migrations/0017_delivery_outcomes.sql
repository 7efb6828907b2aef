-- What a provider said of a message: its id for the message (SendGrid's X-Message-Id, Twilio's sid).
ALTER TABLE notifications ADD COLUMN provider_ref text;
-- When a plumber's mobile opted out of our texts at the provider (Twilio error 21610: it replied STOP).
ALTER TABLE plumbers ADD COLUMN sms_opted_out_at timestamptz;
