-- The NANP member a lead's phone belongs to (`US`, `CA`, `JM`…, `NANP` for a non-geographic code) and
-- its area code's time zone, for calling and texting hours. Null for leads enriched before this
-- migration and for leads without a valid phone.
ALTER TABLE leads ADD COLUMN phone_country text, ADD COLUMN phone_time_zone text;
