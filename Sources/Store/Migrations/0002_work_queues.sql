-- Partial indexes that let dedup and match find their remaining work without rescanning what is done.
CREATE INDEX leads_awaiting_dedup ON leads (business_date, id) WHERE valid AND dedup_status IS NULL;
CREATE INDEX leads_awaiting_match ON leads (business_date, id) WHERE valid AND dedup_status = 'unique' AND match_status IS NULL;
