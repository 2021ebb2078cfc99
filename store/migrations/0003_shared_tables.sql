-- The tables that join the areas: matching writes match_pairs and match_clusters,
-- golden reads them and writes golden_records, rules reads golden_records.
-- Owners add their own columns and tables in their migration ranges.

-- Scored candidate pairs at or above the review threshold; rid_l < rid_r.
CREATE TABLE match_pairs (
    kind          VARCHAR NOT NULL,
    rid_l         BIGINT NOT NULL,
    rid_r         BIGINT NOT NULL,
    match_weight  DOUBLE NOT NULL,
    probability   DOUBLE NOT NULL,
    rule          VARCHAR,                  -- the blocking or deterministic rule that found it
    run_id        BIGINT NOT NULL
);

-- The current clustering of every current record (singletons included).
-- cluster_id is the smallest rid in the cluster.
CREATE TABLE match_clusters (
    kind          VARCHAR NOT NULL,
    rid           BIGINT NOT NULL,
    cluster_id    BIGINT NOT NULL,
    run_id        BIGINT NOT NULL
);

-- One row per golden id, active or retired. One column per canonical field
-- holds the surviving value.
CREATE TABLE golden_records (
    kind          VARCHAR NOT NULL,
    golden_id     VARCHAR NOT NULL PRIMARY KEY,
    status        VARCHAR NOT NULL,         -- active | retired
    redirect_to   VARCHAR,                  -- for a retired id: where its records went
    version       INTEGER NOT NULL,
    created_run   BIGINT NOT NULL,
    updated_run   BIGINT NOT NULL,
    flags         VARCHAR,                  -- ';'-separated restriction markers of any member
    sources       VARCHAR,                  -- ';'-separated sources of its members
    member_count  INTEGER NOT NULL,
    title                  VARCHAR,
    given_name             VARCHAR,
    middle_names           VARCHAR,
    family_name            VARCHAR,
    previous_family_names  VARCHAR,
    date_of_birth          VARCHAR,
    sex                    VARCHAR,
    nhs_number             VARCHAR,
    ni_number              VARCHAR,
    phone                  VARCHAR,
    email                  VARCHAR,
    uprn                   VARCHAR,
    usrn                   VARCHAR,
    sub_building           VARCHAR,
    building_name          VARCHAR,
    building_number        VARCHAR,
    street                 VARCHAR,
    locality               VARCHAR,
    town                   VARCHAR,
    postcode               VARCHAR,
    address_text           VARCHAR,
    classification         VARCHAR,
    business_name          VARCHAR,
    trading_name           VARCHAR,
    company_number         VARCHAR,
    company_status         VARCHAR,
    sic_codes              VARCHAR,
    previous_names         VARCHAR,
    rateable_value         VARCHAR
);
