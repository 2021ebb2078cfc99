CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CAST(min(i) AS INTEGER) AS rule,
       CAST(bit_or(CASE WHEN i < 63 THEN CAST(1 AS BIGINT) << i ELSE 0 END) AS BIGINT) AS rules
FROM (
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 0 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."company_no" = r."company_no" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 1 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."biz_key" = r."biz_key" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 2 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 3 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."biz_first" = r."biz_first" AND l."town" = r."town" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 4 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 5 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."biz_first" = r."biz_first" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 6 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 7 AS i
FROM "_m_base" l JOIN "_m_base" r ON left(l."biz_name", $1) = left(r."biz_name", $2) AND l."rid" < r."rid"
)
GROUP BY rid_l, rid_r
-- args:
-- $1 = 6
-- $2 = 6
