CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $1 AS rule, CAST(CASE WHEN coalesce(l."uprn" = r."uprn", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."building" = r."building", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."flat" = r."flat", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."addr_key" = r."addr_key", false) THEN 32 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."uprn" = r."uprn" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $2 AS rule, CAST(CASE WHEN coalesce(l."uprn" = r."uprn", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."building" = r."building", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."flat" = r."flat", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."addr_key" = r."addr_key", false) THEN 32 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE NOT coalesce(l."uprn" = r."uprn", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $3 AS rule, CAST(CASE WHEN coalesce(l."uprn" = r."uprn", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."building" = r."building", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."flat" = r."flat", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."addr_key" = r."addr_key", false) THEN 32 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."building" = r."building" AND l."rid" < r."rid"
WHERE NOT coalesce(l."uprn" = r."uprn", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $4 AS rule, CAST(CASE WHEN coalesce(l."uprn" = r."uprn", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."building" = r."building", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."flat" = r."flat", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."addr_key" = r."addr_key", false) THEN 32 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."flat" = r."flat" AND l."rid" < r."rid"
WHERE NOT coalesce(l."uprn" = r."uprn", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."building" = r."building", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $5 AS rule, CAST(CASE WHEN coalesce(l."uprn" = r."uprn", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."building" = r."building", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."flat" = r."flat", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."addr_key" = r."addr_key", false) THEN 32 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town" AND l."rid" < r."rid"
WHERE NOT coalesce(l."uprn" = r."uprn", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."building" = r."building", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."flat" = r."flat", false)
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, $6 AS rule, CAST(CASE WHEN coalesce(l."uprn" = r."uprn", false) THEN 1 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."house" = r."house", false) THEN 2 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."building" = r."building", false) THEN 4 ELSE 0 END + CASE WHEN coalesce(l."pc" = r."pc" AND l."flat" = r."flat", false) THEN 8 ELSE 0 END + CASE WHEN coalesce(l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town", false) THEN 16 ELSE 0 END + CASE WHEN coalesce(l."addr_key" = r."addr_key", false) THEN 32 ELSE 0 END AS BIGINT) AS rules
FROM "_m_base" l JOIN "_m_base" r ON l."addr_key" = r."addr_key" AND l."rid" < r."rid"
WHERE NOT coalesce(l."uprn" = r."uprn", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."house" = r."house", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."building" = r."building", false)
  AND NOT coalesce(l."pc" = r."pc" AND l."flat" = r."flat", false)
  AND NOT coalesce(l."street" = r."street" AND l."house" = r."house" AND l."town" = r."town", false)
-- args:
-- $1 = "uprn"
-- $2 = "pc+house"
-- $3 = "pc+building"
-- $4 = "pc+flat"
-- $5 = "street+house+town"
-- $6 = "addr_key"
