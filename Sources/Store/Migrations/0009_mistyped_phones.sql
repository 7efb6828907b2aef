-- What dedup saw of a duplicate's phone: the earlier lead it was judged the same as, and whether its
-- phone is one digit off or has two digits transposed from that lead's. A person who asks again on a
-- later day with a corrected number shows the number a plumber bought did not reach them: the bill
-- stage credits that plumber automatically (CreditLedger, reason code invalid_phone).
ALTER TABLE lead_dedup
    ADD COLUMN compared_with bigint,
    ADD COLUMN phone_near    boolean NOT NULL DEFAULT false;
