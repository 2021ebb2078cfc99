-- The day/month orders a source's rows confirmed: a value read with this
-- declared format had a day over 12. A later run whose values of the field
-- all fit both orders is then not warned about again.
CREATE TABLE date_orders (
    source  VARCHAR NOT NULL,
    field   VARCHAR NOT NULL,   -- a standard field, an attribute or observed
    format  VARCHAR NOT NULL,   -- as declared, e.g. DD/MM/YYYY
    run_id  BIGINT NOT NULL     -- the first run that confirmed it
);
