-- One address key per record (flat, number and street, normalised) so that
-- a person's address is one comparison, not a postcode, a number and a
-- street counted as if independent.
ALTER TABLE match_features ADD COLUMN addr_key VARCHAR;
