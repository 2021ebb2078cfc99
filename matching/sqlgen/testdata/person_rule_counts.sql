SELECT count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 0) <> 0) AS "n0",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 1) <> 0) AS "n1",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 2) <> 0) AS "n2",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 3) <> 0) AS "n3",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 4) <> 0) AS "n4",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 5) <> 0) AS "n5",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 6) <> 0) AS "n6",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 7) <> 0) AS "n7",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 8) <> 0) AS "n8",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 9) <> 0) AS "n9",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 10) <> 0) AS "n10",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 11) <> 0) AS "n11",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 12) <> 0) AS "n12",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 13) <> 0) AS "n13",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 14) <> 0) AS "n14",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 15) <> 0) AS "n15",
       count(*) FILTER (WHERE rules & (CAST(1 AS BIGINT) << 16) <> 0) AS "n16"
FROM "_m_cand"
-- args:
