CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CAST(min(i) AS INTEGER) AS rule,
       CAST(bit_or(CASE WHEN i < 63 THEN CAST(1 AS BIGINT) << i ELSE 0 END) AS BIGINT) AS rules
FROM (
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 0 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."uprn" = r."uprn" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 1 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 2 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."building" = r."building" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 3 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."flat" = r."flat" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 4 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 5 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."addr_key" = r."addr_key" AND l."rid" < r."rid"
)
GROUP BY rid_l, rid_r
-- args:
