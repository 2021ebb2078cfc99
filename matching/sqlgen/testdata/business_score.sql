CREATE OR REPLACE TEMP TABLE "_m_scored" AS
SELECT rid_l, rid_r, coalesce(det, rule) AS rule, w AS match_weight,
       CASE WHEN det IS NOT NULL THEN 1.0 ELSE 1.0 / (1.0 + pow(2.0, -w)) END AS probability
FROM (SELECT *,
     $18
   + CASE "g.company_number" WHEN 2 THEN $19 WHEN 1 THEN $20 WHEN 0 THEN $21 ELSE 0 END
   + CASE "g.business_name" WHEN 6 THEN $22 WHEN 5 THEN $23 WHEN 4 THEN $24 WHEN 3 THEN $25 WHEN 2 THEN $26 WHEN 1 THEN $27 WHEN 0 THEN $28 ELSE 0 END
   + CASE WHEN "g.business_name" = 6 THEN $29 * log2($30 / "tf.business_name") ELSE 0 END
   + CASE "g.postcode" WHEN 4 THEN $31 WHEN 3 THEN $32 WHEN 2 THEN $33 WHEN 1 THEN $34 WHEN 0 THEN $35 ELSE 0 END
   + CASE WHEN "g.postcode" = 4 THEN $36 * log2($37 / "tf.postcode") ELSE 0 END
   + CASE "g.house_number" WHEN 2 THEN $38 WHEN 1 THEN $39 WHEN 0 THEN $40 ELSE 0 END
   + CASE "g.street" WHEN 3 THEN $41 WHEN 2 THEN $42 WHEN 1 THEN $43 WHEN 0 THEN $44 ELSE 0 END
   + CASE "g.town" WHEN 3 THEN $45 WHEN 2 THEN $46 WHEN 1 THEN $47 WHEN 0 THEN $48 ELSE 0 END
   + CASE "g.phone" WHEN 2 THEN $49 WHEN 1 THEN $50 WHEN 0 THEN $51 ELSE 0 END
   + CASE "g.email" WHEN 1 THEN $52 WHEN 0 THEN $53 ELSE 0 END AS w
  FROM (
SELECT c.rid_l,
       c.rid_r,
       c.rule,
       c.rules,
       CASE WHEN l."company_no" IS NULL OR r."company_no" IS NULL THEN -1
     WHEN l."company_no" = r."company_no" THEN 2
     WHEN abs(length(l."company_no") - length(r."company_no")) <= $1 AND CASE WHEN length(l."company_no") = length(r."company_no") THEN hamming(l."company_no", r."company_no") <= 2 ELSE true END AND damerau_levenshtein(l."company_no", r."company_no") <= $2 THEN 1
     ELSE 0 END AS "g.company_number",
       CASE WHEN l."biz_name" IS NULL OR r."biz_name" IS NULL THEN -1
     WHEN l."biz_name" = r."biz_name" THEN 6
     WHEN l."biz_key" = r."biz_key" THEN 5
     WHEN jaro_winkler_similarity(l."biz_name", r."biz_name") >= $3 THEN 4
     WHEN len(list_filter(l."biz_tokens", lambda x: list_contains(r."biz_tokens", x))) >= $4 * (len(l."biz_tokens") + len(r."biz_tokens")) THEN 3
     WHEN jaro_winkler_similarity(l."biz_name", r."biz_name") >= $5 THEN 2
     WHEN len(list_filter(l."biz_tokens", lambda x: list_contains(r."biz_tokens", x))) >= $6 * (len(l."biz_tokens") + len(r."biz_tokens")) THEN 1
     ELSE 0 END AS "g.business_name",
       CASE WHEN l."pc" IS NULL OR r."pc" IS NULL THEN -1
     WHEN l."pc" = r."pc" THEN 4
     WHEN l."pc_sector" = r."pc_sector" THEN 3
     WHEN abs(length(l."pc") - length(r."pc")) <= $7 AND CASE WHEN length(l."pc") = length(r."pc") THEN hamming(l."pc", r."pc") <= 2 ELSE true END AND damerau_levenshtein(l."pc", r."pc") <= $8 THEN 2
     WHEN l."pc_out" = r."pc_out" THEN 1
     ELSE 0 END AS "g.postcode",
       CASE WHEN l."house" IS NULL OR r."house" IS NULL THEN -1
     WHEN l."house" = r."house" THEN 2
     WHEN abs(length(l."house") - length(r."house")) <= $9 AND CASE WHEN length(l."house") = length(r."house") THEN hamming(l."house", r."house") <= 2 ELSE true END AND damerau_levenshtein(l."house", r."house") <= $10 THEN 1
     ELSE 0 END AS "g.house_number",
       CASE WHEN l."street" IS NULL OR r."street" IS NULL THEN -1
     WHEN l."street" = r."street" THEN 3
     WHEN jaro_winkler_similarity(l."street", r."street") >= $11 THEN 2
     WHEN jaro_winkler_similarity(l."street", r."street") >= $12 THEN 1
     ELSE 0 END AS "g.street",
       CASE WHEN l."town" IS NULL OR r."town" IS NULL THEN -1
     WHEN l."town" = r."town" THEN 3
     WHEN jaro_winkler_similarity(l."town", r."town") >= $13 THEN 2
     WHEN jaro_winkler_similarity(l."town", r."town") >= $14 THEN 1
     ELSE 0 END AS "g.town",
       CASE WHEN l."phone" IS NULL OR r."phone" IS NULL THEN -1
     WHEN l."phone" = r."phone" THEN 2
     WHEN abs(length(l."phone") - length(r."phone")) <= $15 AND CASE WHEN length(l."phone") = length(r."phone") THEN hamming(l."phone", r."phone") <= 2 ELSE true END AND damerau_levenshtein(l."phone", r."phone") <= $16 THEN 1
     ELSE 0 END AS "g.phone",
       CASE WHEN l."email" IS NULL OR r."email" IS NULL THEN -1
     WHEN l."email" = r."email" THEN 1
     ELSE 0 END AS "g.email",
       greatest(l."tf.biz_name", r."tf.biz_name") AS "tf.business_name",
       greatest(l."tf.pc", r."tf.pc") AS "tf.postcode",
       CASE WHEN l."company_no" = r."company_no" THEN $17 END AS det
FROM "_m_cand" c
JOIN "_m_base" l ON l."rid" = c.rid_l
JOIN "_m_base" r ON r."rid" = c.rid_r
  ))
WHERE det IS NOT NULL OR w >= $54 OR w < $55
-- args:
-- $1 = 1
-- $2 = 1
-- $3 = 0.92
-- $4 = 0.37499999999999994
-- $5 = 0.8
-- $6 = 0.23076923076923075
-- $7 = 1
-- $8 = 1
-- $9 = 1
-- $10 = 1
-- $11 = 0.92
-- $12 = 0.8
-- $13 = 0.92
-- $14 = 0.8
-- $15 = 1
-- $16 = 1
-- $17 = "same company_no"
-- $18 = -10
-- $19 = 3
-- $20 = 1
-- $21 = -1
-- $22 = 7
-- $23 = 5
-- $24 = 3
-- $25 = 1
-- $26 = -1
-- $27 = -3
-- $28 = -5
-- $29 = 1
-- $30 = 0.01
-- $31 = 5
-- $32 = 3
-- $33 = 1
-- $34 = -1
-- $35 = -3
-- $36 = 1
-- $37 = 0.01
-- $38 = 3
-- $39 = 1
-- $40 = -1
-- $41 = 4
-- $42 = 2
-- $43 = 0
-- $44 = -2
-- $45 = 4
-- $46 = 2
-- $47 = 0
-- $48 = -2
-- $49 = 3
-- $50 = 1
-- $51 = -1
-- $52 = 2
-- $53 = 0
-- $54 = -1.2223924213364479
-- $55 = -6.6293566200796095
