-- The cluster each member was in when its golden record was last built:
-- with rec_version, what Build compares record by record to find what
-- changed. Rows from before this column have NULL and are re-derived once.
ALTER TABLE golden_members ADD COLUMN cluster_id BIGINT;
