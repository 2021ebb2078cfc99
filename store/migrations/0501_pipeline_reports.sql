-- The report of every pipeline run, as JSON, for `golden runs` and schedulers.
CREATE TABLE pipeline_reports (
    run_id      BIGINT PRIMARY KEY,
    status      VARCHAR NOT NULL,
    report      VARCHAR NOT NULL,           -- JSON: stages, timings, counts (never personal data)
    saved_at    TIMESTAMP NOT NULL DEFAULT current_timestamp
);
