-- Candidate pairs whose score says they are different records (probability
-- below the veto threshold). Clustering never joins two groups across such a
-- pair, so a third record that resembles both cannot chain them together.
CREATE TABLE match_negative_pairs (
    kind         VARCHAR NOT NULL,
    rid_l        BIGINT NOT NULL,
    rid_r        BIGINT NOT NULL,
    probability  DOUBLE NOT NULL,
    run_id       BIGINT NOT NULL
);
