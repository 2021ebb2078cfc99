-- The dwelling and its postcode in one key, for a property comparison level
-- whose u is measured on the pair as a whole: a number, a street and a
-- postcode that all agree are one dwelling, which their separate u's,
-- multiplied as if independent, understate on a council of a few streets.
ALTER TABLE match_features ADD COLUMN addr_pc VARCHAR;
