-- Swap-invariant name key: the Soundex codes of the first given name and the
-- family name, sorted and joined, so that records with the two names swapped
-- still meet in a block.
ALTER TABLE match_features ADD COLUMN names_sx VARCHAR;
