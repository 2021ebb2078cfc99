-- The foundation schema: ingest runs, source records (every version), quarantine,
-- relationships between source records.

CREATE SEQUENCE IF NOT EXISTS run_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS rid_seq START 1;

-- One row per ingest (or pipeline) run, with its reconciliation counts.
CREATE TABLE ingest_runs (
    run_id       BIGINT PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    status       VARCHAR NOT NULL,          -- running | ok | warnings | failed
    config_hash  VARCHAR
);

-- Per run and source: rows read = stored (new + changed + unchanged) + quarantined.
CREATE TABLE ingest_counts (
    run_id       BIGINT NOT NULL,
    source       VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    rows_read    BIGINT NOT NULL,
    stored       BIGINT NOT NULL,
    new          BIGINT NOT NULL,
    changed      BIGINT NOT NULL,
    unchanged    BIGINT NOT NULL,
    deleted      BIGINT NOT NULL,
    quarantined  BIGINT NOT NULL,
    PRIMARY KEY (run_id, source)
);

-- Every version of every source record. rid is stable for a (source, source_id)
-- across versions; the current version has is_current = true.
CREATE TABLE source_records (
    rid            BIGINT NOT NULL,
    source         VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    version        INTEGER NOT NULL,
    run_id         BIGINT NOT NULL,
    line           BIGINT,
    content_hash   VARCHAR NOT NULL,
    is_current     BOOLEAN NOT NULL,
    deleted        BOOLEAN NOT NULL,
    observed_at    TIMESTAMP,
    invalid_fields VARCHAR,                 -- ';'-separated field names that failed validation
    flags          VARCHAR,                 -- ';'-separated restriction markers
    attrs          VARCHAR,                 -- JSON object of source-specific attributes
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

-- The versions that matching and golden records read.
CREATE VIEW current_records AS
    SELECT * FROM source_records WHERE is_current AND NOT deleted;

-- Rows that could not be read or mapped, with why. Nothing is dropped silently.
CREATE TABLE quarantine (
    run_id      BIGINT NOT NULL,
    source      VARCHAR NOT NULL,
    file        VARCHAR,
    line        BIGINT,                     -- line, row or record number in the file
    field       VARCHAR,                    -- the field at fault, if one
    reason      VARCHAR NOT NULL,
    raw         VARCHAR,                    -- the raw content, as received
    quarantined_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Relationships between source records, as sources stated them.
CREATE TABLE source_relationships (
    source       VARCHAR NOT NULL,          -- the source that stated it
    from_source  VARCHAR NOT NULL,
    from_id      VARCHAR NOT NULL,
    to_source    VARCHAR NOT NULL,
    to_id        VARCHAR NOT NULL,
    rel_type     VARCHAR NOT NULL,
    valid_from   DATE,
    valid_to     DATE,
    run_id       BIGINT NOT NULL
);
