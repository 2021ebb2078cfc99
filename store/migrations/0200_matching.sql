-- Matching's own tables: standardised features per record version, trained
-- models (readable JSON) with their term-frequency tables, and what the last
-- match run saw (for incremental runs).

-- One row per current record of a kind: the standardised columns the
-- matching spec compares. fver is the feature algorithm's version: rows of an
-- older fver are recomputed.
CREATE TABLE match_features (
    rid           BIGINT NOT NULL,
    version       INTEGER NOT NULL,
    fver          INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    attrs         VARCHAR,
    given         VARCHAR,
    given_first   VARCHAR,
    given_canon   VARCHAR,
    given_dm      VARCHAR,
    given_dm2     VARCHAR,
    given_nysiis  VARCHAR,
    given_sx      VARCHAR,
    middle        VARCHAR,
    family        VARCHAR,
    family_dm     VARCHAR,
    family_dm2    VARCHAR,
    family_nysiis VARCHAR,
    family_sx     VARCHAR,
    prev_family   VARCHAR[],
    dob           VARCHAR,
    sex           VARCHAR,
    nhs           VARCHAR,
    ni            VARCHAR,
    email         VARCHAR,
    phone         VARCHAR,
    uprn          VARCHAR,
    usrn          VARCHAR,
    pc            VARCHAR,
    pc_out        VARCHAR,
    pc_sector     VARCHAR,
    house         VARCHAR,
    flat          VARCHAR,
    building      VARCHAR,
    street        VARCHAR,
    locality      VARCHAR,
    town          VARCHAR,
    addr_tokens   VARCHAR[],
    class         VARCHAR,
    biz_name      VARCHAR,
    biz_tokens    VARCHAR[],
    biz_key       VARCHAR,
    biz_first     VARCHAR,
    biz_dm        VARCHAR,
    trading       VARCHAR,
    company_no    VARCHAR,
    rateable      VARCHAR
);

-- Trained models, one row per (kind, version); model is the JSON document
-- `golden train` prints and exports.
CREATE TABLE match_models (
    kind        VARCHAR NOT NULL,
    version     INTEGER NOT NULL,
    spec_hash   VARCHAR NOT NULL,
    trained_at  TIMESTAMP NOT NULL,
    run_id      BIGINT,
    model       VARCHAR NOT NULL,
    PRIMARY KEY (kind, version)
);

-- Term frequencies of the values of the tf columns, frozen with a model so
-- that an incremental run scores exactly as a full run with that model.
CREATE TABLE match_tf (
    kind     VARCHAR NOT NULL,
    version  INTEGER NOT NULL,
    col      VARCHAR NOT NULL,
    value    VARCHAR NOT NULL,
    tf       DOUBLE NOT NULL
);

-- The record versions the last match run of a kind saw, and which model it
-- used: an incremental run re-scores only what changed since.
CREATE TABLE match_state (
    kind     VARCHAR NOT NULL,
    rid      BIGINT NOT NULL,
    version  INTEGER NOT NULL
);

CREATE TABLE match_runs (
    kind           VARCHAR NOT NULL,
    run_id         BIGINT NOT NULL,
    model_version  INTEGER NOT NULL,
    incremental    BOOLEAN NOT NULL,
    finished_at    TIMESTAMP NOT NULL
);

-- Scratch space for a match run's new clustering, compared with
-- match_clusters inside the run's transaction so that only changed rows are
-- rewritten. Empty outside a run.
CREATE TABLE match_cluster_scratch (
    kind        VARCHAR NOT NULL,
    rid         BIGINT NOT NULL,
    cluster_id  BIGINT NOT NULL
);
