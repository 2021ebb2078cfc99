-- Golden records (owner: golden). golden_records itself is in 0003.

-- Current membership: which golden record each current source record is in,
-- and the version of the source record the golden record was last built from.
CREATE TABLE golden_members (
    kind         VARCHAR NOT NULL,
    golden_id    VARCHAR NOT NULL,
    rid          BIGINT NOT NULL,
    source       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    rec_version  INTEGER NOT NULL,
    since_run    BIGINT NOT NULL
);

-- Past memberships: a row is written when a source record leaves a golden
-- record (moved by a merge or split, deleted, or the golden id retired).
-- A retired id resolves through these to where its records went.
CREATE TABLE golden_member_log (
    kind         VARCHAR NOT NULL,
    golden_id    VARCHAR NOT NULL,
    rid          BIGINT NOT NULL,
    source       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    since_run    BIGINT NOT NULL,
    until_run    BIGINT NOT NULL,
    reason       VARCHAR NOT NULL       -- moved | deleted
);

-- Lineage: for every golden field, the source record(s) that gave its value,
-- when that value was observed, and the rule that decided.
CREATE TABLE golden_lineage (
    kind         VARCHAR NOT NULL,
    golden_id    VARCHAR NOT NULL,
    field        VARCHAR NOT NULL,
    rid          BIGINT NOT NULL,
    source       VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    rec_version  INTEGER NOT NULL,
    observed_at  TIMESTAMP,             -- the source's observed_at, else when it was ingested
    ingest_run   BIGINT NOT NULL,
    rule         VARCHAR                -- the survivorship rule that decided ('' if uncontested)
);

-- Every version of every golden record: why it changed and what changed.
CREATE TABLE golden_history (
    kind         VARCHAR NOT NULL,
    golden_id    VARCHAR NOT NULL,
    version      INTEGER NOT NULL,
    run_id       BIGINT NOT NULL,
    changed_at   TIMESTAMP NOT NULL,
    reasons      VARCHAR NOT NULL,      -- ';'-separated: created, new_source, changed_source, deleted_source, merge, split, retired, steward, survivorship
    fields       VARCHAR,               -- ';'-separated names of the fields whose value changed
    detail       VARCHAR                -- JSON: old/new values, keys added/removed, ids merged/split/redirected
);

-- Per kind: the next golden id sequence number, and the survivorship
-- policy the records were last derived with (a change re-derives them all).
CREATE TABLE golden_state (
    kind         VARCHAR PRIMARY KEY,
    next_seq     BIGINT NOT NULL,
    policy_hash  VARCHAR NOT NULL,
    last_run     BIGINT NOT NULL
);

-- People whose golden address has the same UPRN form a household.
CREATE TABLE households (
    household_id VARCHAR NOT NULL,      -- H-<uprn>
    uprn         VARCHAR NOT NULL,
    golden_id    VARCHAR NOT NULL,
    property_id  VARCHAR,               -- the property golden record with that UPRN, if any
    run_id       BIGINT NOT NULL
);

-- Relationships between golden records: source relationships lifted to the
-- golden records of both ends, and businesses linked to the properties they
-- occupy by UPRN.
CREATE TABLE golden_relationships (
    from_kind    VARCHAR NOT NULL,
    from_id      VARCHAR NOT NULL,
    to_kind      VARCHAR NOT NULL,
    to_id        VARCHAR NOT NULL,
    rel_type     VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,      -- the source that stated it, or 'uprn' when derived
    from_key     VARCHAR,               -- source:source_id of each end, as stated
    to_key       VARCHAR,
    valid_from   DATE,
    valid_to     DATE,
    run_id       BIGINT NOT NULL
);
