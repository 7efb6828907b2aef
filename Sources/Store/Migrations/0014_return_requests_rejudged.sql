-- A refused return request may be corrected (a mistyped reason code) and judged anew: every judgement
-- is kept, and only one accepted return per plumber and lead is possible.
ALTER TABLE return_requests DROP CONSTRAINT return_requests_plumber_id_lead_id_key;
CREATE UNIQUE INDEX return_requests_one_accepted ON return_requests (plumber_id, lead_id) WHERE decision = 'accepted';
