-- rules: the disclosure log (every share with a partner) and the access log
-- (every view a role makes of a record, for the family view). Both are
-- append-only and hash-chained: each entry's hash covers its content and the
-- previous entry's hash, so `golden audit verify` detects an edit, a
-- deletion or a reordering. `logged_at` is kept as the exact text that was hashed.
CREATE TABLE disclosure_log (
    seq        BIGINT NOT NULL PRIMARY KEY,
    logged_at  VARCHAR NOT NULL,        -- RFC 3339, UTC
    actor      VARCHAR NOT NULL,        -- who ran the share
    partner    VARCHAR NOT NULL,
    agreement  VARCHAR NOT NULL,
    purpose    VARCHAR NOT NULL,
    detail     VARCHAR NOT NULL,        -- JSON: format, rows, fields, files with SHA-256
    prev_hash  VARCHAR NOT NULL,
    hash       VARCHAR NOT NULL
);

CREATE TABLE access_log (
    seq        BIGINT NOT NULL PRIMARY KEY,
    logged_at  VARCHAR NOT NULL,
    actor      VARCHAR NOT NULL,
    partner    VARCHAR NOT NULL,        -- the internal role
    agreement  VARCHAR NOT NULL,        -- the access rule that allowed the view
    purpose    VARCHAR NOT NULL,        -- the purpose the user declared
    detail     VARCHAR NOT NULL,
    prev_hash  VARCHAR NOT NULL,
    hash       VARCHAR NOT NULL
);

-- What each share withheld and why, by kind (counts only, never records).
CREATE TABLE share_counts (
    seq        BIGINT NOT NULL,         -- disclosure_log.seq
    kind       VARCHAR NOT NULL,
    outcome    VARCHAR NOT NULL,
    n          BIGINT NOT NULL
);
