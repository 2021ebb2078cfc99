-- The local part of an e-mail address (before the @), so that addresses
-- with a mistyped domain still meet in a block.
ALTER TABLE match_features ADD COLUMN email_user VARCHAR;
