-- The files a delta source has applied, by content: a delta file whose
-- content was applied before is skipped when a later run finds it again
-- (a folder of daily deltas that are not moved away after loading), so
-- that replaying it cannot turn records back to older values.
CREATE TABLE delta_files (
    source   VARCHAR NOT NULL,
    file     VARCHAR NOT NULL,   -- the name it had when applied
    sha256   VARCHAR NOT NULL,   -- of the file's bytes
    bytes    BIGINT NOT NULL,
    run_id   BIGINT NOT NULL
);
