-- Enrichment now standardizes addresses, places the ZIP on the directory and scores each lead.
ALTER TABLE leads ADD COLUMN zip4 text;
ALTER TABLE leads ADD COLUMN time_zone text;
ALTER TABLE leads ADD COLUMN quality smallint NOT NULL DEFAULT 100 CHECK (quality BETWEEN 0 AND 100);
ALTER TABLE leads ADD COLUMN quality_reasons text[] NOT NULL DEFAULT '{}';
