-- Fingerprints of inputs that golden's derived tables depend on but that
-- change outside Build (source relationships): a change re-derives them.
CREATE TABLE golden_sync (
    name         VARCHAR PRIMARY KEY,
    fingerprint  VARCHAR NOT NULL
);
