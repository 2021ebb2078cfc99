-- Steward decisions and configured constraints, stored on source-record keys
-- (never on golden ids) so that they survive every rebuild. values_hash is a
-- hash of what the steward saw: a decision is re-queued when it changes.
CREATE TABLE link_constraints (
    kind         VARCHAR NOT NULL,
    a_source     VARCHAR NOT NULL,
    a_id         VARCHAR NOT NULL,
    b_source     VARCHAR NOT NULL,
    b_id         VARCHAR NOT NULL,
    rule         VARCHAR NOT NULL,          -- must-link | cannot-link
    origin       VARCHAR NOT NULL,          -- config | steward
    decided_by   VARCHAR,
    decided_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    values_hash  VARCHAR,
    note         VARCHAR,
    active       BOOLEAN NOT NULL DEFAULT true
);
