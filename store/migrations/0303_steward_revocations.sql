-- Steward decisions are revoked, never deleted: a revoked decision stays in
-- link_constraints with active = false and says who revoked it, when, why
-- and under which run. run_id is the steward run that recorded a decision
-- (NULL for golden.yaml's constraints and for decisions recorded before
-- this migration), so that one merge or split can be revoked as a whole.
ALTER TABLE link_constraints ADD COLUMN run_id BIGINT;
ALTER TABLE link_constraints ADD COLUMN revoked_by VARCHAR;
ALTER TABLE link_constraints ADD COLUMN revoked_at TIMESTAMP;
ALTER TABLE link_constraints ADD COLUMN revoked_run BIGINT;
ALTER TABLE link_constraints ADD COLUMN revoke_note VARCHAR;
