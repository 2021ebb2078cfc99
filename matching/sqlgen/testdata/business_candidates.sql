CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $1 AS rule, CAST(CASE WHEN coalesce(l."company_no" = r."company_no", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."biz_key" = r."biz_key", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(left(l."biz_name", $2) = left(r."biz_name", $3), false) THEN 128 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."company_no" = r."company_no" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $4 AS rule, CAST(CASE WHEN coalesce(l."company_no" = r."company_no", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."biz_key" = r."biz_key", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(left(l."biz_name", $5) = left(r."biz_name", $6), false) THEN 128 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."biz_key" = r."biz_key" AND l."rid" < r."rid"
WHERE NOT coalesce(l."company_no" = r."company_no", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $7 AS rule, CAST(CASE WHEN coalesce(l."company_no" = r."company_no", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."biz_key" = r."biz_key", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(left(l."biz_name", $8) = left(r."biz_name", $9), false) THEN 128 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out" AND l."rid" < r."rid"
WHERE NOT coalesce(l."company_no" = r."company_no", false)
  AND NOT coalesce(l."biz_key" = r."biz_key", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $10 AS rule, CAST(CASE WHEN coalesce(l."company_no" = r."company_no", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."biz_key" = r."biz_key", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(left(l."biz_name", $11) = left(r."biz_name", $12), false) THEN 128 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."biz_first" = r."biz_first" AND l."town" = r."town" AND l."rid" < r."rid"
WHERE NOT coalesce(l."company_no" = r."company_no", false)
  AND NOT coalesce(l."biz_key" = r."biz_key", false)
  AND NOT coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $13 AS rule, CAST(CASE WHEN coalesce(l."company_no" = r."company_no", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."biz_key" = r."biz_key", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(left(l."biz_name", $14) = left(r."biz_name", $15), false) THEN 128 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE NOT coalesce(l."company_no" = r."company_no", false)
  AND NOT coalesce(l."biz_key" = r."biz_key", false)
  AND NOT coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false)
  AND NOT coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $16 AS rule, CAST(CASE WHEN coalesce(l."company_no" = r."company_no", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."biz_key" = r."biz_key", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(left(l."biz_name", $17) = left(r."biz_name", $18), false) THEN 128 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."biz_first" = r."biz_first" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE NOT coalesce(l."company_no" = r."company_no", false)
  AND NOT coalesce(l."biz_key" = r."biz_key", false)
  AND NOT coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false)
  AND NOT coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $19 AS rule, CAST(CASE WHEN coalesce(l."company_no" = r."company_no", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."biz_key" = r."biz_key", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(left(l."biz_name", $20) = left(r."biz_name", $21), false) THEN 128 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
WHERE NOT coalesce(l."company_no" = r."company_no", false)
  AND NOT coalesce(l."biz_key" = r."biz_key", false)
  AND NOT coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false)
  AND NOT coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $22 AS rule, CAST(CASE WHEN coalesce(l."company_no" = r."company_no", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."biz_key" = r."biz_key", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false) THEN 32 ELSE 0 END + CASE WHEN coalesce(l."phone" = r."phone", false) THEN 64 ELSE 0 END + CASE WHEN coalesce(left(l."biz_name", $23) = left(r."biz_name", $24), false) THEN 128 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON left(l."biz_name", $25) = left(r."biz_name", $26) AND l."rid" < r."rid"
WHERE NOT coalesce(l."company_no" = r."company_no", false)
  AND NOT coalesce(l."biz_key" = r."biz_key", false)
  AND NOT coalesce(l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out", false)
  AND NOT coalesce(l."biz_first" = r."biz_first" AND l."town" = r."town", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."biz_first" = r."biz_first" AND l."house" = r."house", false)
  AND NOT coalesce(l."phone" = r."phone", false)
-- args:
-- $1 = "company_no"
-- $2 = 6
-- $3 = 6
-- $4 = "biz_key"
-- $5 = 6
-- $6 = 6
-- $7 = "biz_dm+pc_out"
-- $8 = 6
-- $9 = 6
-- $10 = "biz_first+town"
-- $11 = 6
-- $12 = 6
-- $13 = "pc+house"
-- $14 = 6
-- $15 = 6
-- $16 = "biz_first+house"
-- $17 = 6
-- $18 = 6
-- $19 = "phone"
-- $20 = 6
-- $21 = 6
-- $22 = "left(biz_name, 6)"
-- $23 = 6
-- $24 = 6
-- $25 = 6
-- $26 = 6
