-- A digest also tells the plumber the credits given since their last digest, each credit once (the
-- primary key below): a refund or an included lead given back, with its reason.
CREATE TABLE digest_credits (
    notification_id bigint NOT NULL REFERENCES notifications(id),
    credit_id       bigint PRIMARY KEY REFERENCES credits(id)
);
CREATE INDEX digest_credits_by_notification ON digest_credits (notification_id);

-- Credits settled before: told with the plumber's latest digest, so no old credit surfaces again.
INSERT INTO digest_credits (notification_id, credit_id)
SELECT latest.id, c.id
FROM credits c
CROSS JOIN LATERAL (
    SELECT max(n.id) AS id FROM notifications n
    WHERE n.plumber_id = c.plumber_id AND n.channel = 'email' AND n.business_date >= c.business_date
) latest
WHERE c.status IN ('refunded', 'credited') AND latest.id IS NOT NULL;
