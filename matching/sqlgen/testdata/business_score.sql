CREATE OR REPLACE TEMP TABLE "_m_scored" AS
SELECT rid_l, rid_r, CASE WHEN det IS NOT NULL THEN det WHEN w >= $70 THEN CASE rule WHEN 0 THEN $71 WHEN 1 THEN $72 WHEN 2 THEN $73 WHEN 3 THEN $74 WHEN 4 THEN $75 WHEN 5 THEN $76 WHEN 6 THEN $77 WHEN 7 THEN $78 END END AS rule, w AS match_weight,
       CASE WHEN det IS NOT NULL THEN 1.0 WHEN ((CASE "g.company_number" WHEN 2 THEN $55 WHEN 1 THEN $56 WHEN 0 THEN $57 ELSE 0 END + CASE "g.business_name" WHEN 7 THEN $58 WHEN 6 THEN $59 WHEN 5 THEN $60 WHEN 4 THEN $61 WHEN 3 THEN $62 WHEN 2 THEN $63 WHEN 1 THEN $64 WHEN 0 THEN $65 ELSE 0 END + CASE WHEN "g.business_name" = 7 THEN $66 * log2($67 / "tf.business_name") ELSE 0 END) <= $68 OR "g.company_number" = 0) THEN least(1.0 / (1.0 + pow(2.0, -w)), $69) ELSE 1.0 / (1.0 + pow(2.0, -w)) END AS probability
FROM (SELECT *,
     $18
   + CASE "g.company_number" WHEN 2 THEN $19 WHEN 1 THEN $20 WHEN 0 THEN $21 ELSE 0 END
   + CASE "g.business_name" WHEN 7 THEN $22 WHEN 6 THEN $23 WHEN 5 THEN $24 WHEN 4 THEN $25 WHEN 3 THEN $26 WHEN 2 THEN $27 WHEN 1 THEN $28 WHEN 0 THEN $29 ELSE 0 END
   + CASE WHEN "g.business_name" = 7 THEN $30 * log2($31 / "tf.business_name") ELSE 0 END
   + CASE "g.postcode" WHEN 4 THEN $32 WHEN 3 THEN $33 WHEN 2 THEN $34 WHEN 1 THEN $35 WHEN 0 THEN $36 ELSE 0 END
   + CASE WHEN "g.postcode" = 4 THEN $37 * log2($38 / "tf.postcode") ELSE 0 END
   + CASE "g.house_number" WHEN 2 THEN $39 WHEN 1 THEN $40 WHEN 0 THEN $41 ELSE 0 END
   + CASE "g.street" WHEN 3 THEN $42 WHEN 2 THEN $43 WHEN 1 THEN $44 WHEN 0 THEN $45 ELSE 0 END
   + CASE "g.town" WHEN 3 THEN $46 WHEN 2 THEN $47 WHEN 1 THEN $48 WHEN 0 THEN $49 ELSE 0 END
   + CASE "g.phone" WHEN 2 THEN $50 WHEN 1 THEN $51 WHEN 0 THEN $52 ELSE 0 END
   + CASE "g.email" WHEN 1 THEN $53 WHEN 0 THEN $54 ELSE 0 END AS w
  FROM (
SELECT c.rid_l,
       c.rid_r,
       c.rule,
       c.rules,
       CASE WHEN "l.company_no" IS NULL OR "r.company_no" IS NULL THEN -1
     WHEN "l.company_no" = "r.company_no" THEN 2
     WHEN abs(length("l.company_no") - length("r.company_no")) <= $1 AND CASE WHEN length("l.company_no") = length("r.company_no") THEN hamming("l.company_no", "r.company_no") <= 2 ELSE true END AND damerau_levenshtein("l.company_no", "r.company_no") <= $2 THEN 1
     ELSE 0 END AS "g.company_number",
       CASE WHEN "l.biz_name" IS NULL OR "r.biz_name" IS NULL THEN -1
     WHEN "l.biz_name" = "r.biz_name" THEN 7
     WHEN "l.biz_key" = "r.biz_key" THEN 6
     WHEN ("l.biz_name" = "r.trading" OR "l.trading" = "r.biz_name") THEN 5
     WHEN "h.0" >= $3 THEN 4
     WHEN "h.1" >= $4 * (len("l.biz_tokens") + len("r.biz_tokens")) THEN 3
     WHEN "h.0" >= $5 THEN 2
     WHEN "h.1" >= $6 * (len("l.biz_tokens") + len("r.biz_tokens")) THEN 1
     ELSE 0 END AS "g.business_name",
       CASE WHEN "l.pc" IS NULL OR "r.pc" IS NULL THEN -1
     WHEN "l.pc" = "r.pc" THEN 4
     WHEN "l.pc_sector" = "r.pc_sector" THEN 3
     WHEN abs(length("l.pc") - length("r.pc")) <= $7 AND CASE WHEN length("l.pc") = length("r.pc") THEN hamming("l.pc", "r.pc") <= 2 ELSE true END AND damerau_levenshtein("l.pc", "r.pc") <= $8 THEN 2
     WHEN "l.pc_out" = "r.pc_out" THEN 1
     ELSE 0 END AS "g.postcode",
       CASE WHEN "l.house" IS NULL OR "r.house" IS NULL THEN -1
     WHEN "l.house" = "r.house" THEN 2
     WHEN abs(length("l.house") - length("r.house")) <= $9 AND CASE WHEN length("l.house") = length("r.house") THEN hamming("l.house", "r.house") <= 2 ELSE true END AND damerau_levenshtein("l.house", "r.house") <= $10 THEN 1
     ELSE 0 END AS "g.house_number",
       CASE WHEN "l.street" IS NULL OR "r.street" IS NULL THEN -1
     WHEN "l.street" = "r.street" THEN 3
     WHEN "h.2" >= $11 THEN 2
     WHEN "h.2" >= $12 THEN 1
     ELSE 0 END AS "g.street",
       CASE WHEN "l.town" IS NULL OR "r.town" IS NULL THEN -1
     WHEN "l.town" = "r.town" THEN 3
     WHEN "h.3" >= $13 THEN 2
     WHEN "h.3" >= $14 THEN 1
     ELSE 0 END AS "g.town",
       CASE WHEN "l.phone" IS NULL OR "r.phone" IS NULL THEN -1
     WHEN "l.phone" = "r.phone" THEN 2
     WHEN abs(length("l.phone") - length("r.phone")) <= $15 AND CASE WHEN length("l.phone") = length("r.phone") THEN hamming("l.phone", "r.phone") <= 2 ELSE true END AND damerau_levenshtein("l.phone", "r.phone") <= $16 THEN 1
     ELSE 0 END AS "g.phone",
       CASE WHEN "l.email" IS NULL OR "r.email" IS NULL THEN -1
     WHEN "l.email" = "r.email" THEN 1
     ELSE 0 END AS "g.email",
       greatest("l.tf.biz_name", "r.tf.biz_name") AS "tf.business_name",
       greatest("l.tf.pc", "r.tf.pc") AS "tf.postcode",
       CASE WHEN "l.company_no" = "r.company_no" THEN $17 END AS det
FROM (SELECT c.*, l."company_no" AS "l.company_no", r."company_no" AS "r.company_no", l."biz_name" AS "l.biz_name", r."biz_name" AS "r.biz_name", l."biz_key" AS "l.biz_key", r."biz_key" AS "r.biz_key", r."trading" AS "r.trading", l."trading" AS "l.trading", l."biz_tokens" AS "l.biz_tokens", r."biz_tokens" AS "r.biz_tokens", l."pc" AS "l.pc", r."pc" AS "r.pc", l."pc_sector" AS "l.pc_sector", r."pc_sector" AS "r.pc_sector", l."pc_out" AS "l.pc_out", r."pc_out" AS "r.pc_out", l."house" AS "l.house", r."house" AS "r.house", l."street" AS "l.street", r."street" AS "r.street", l."town" AS "l.town", r."town" AS "r.town", l."phone" AS "l.phone", r."phone" AS "r.phone", l."email" AS "l.email", r."email" AS "r.email", l."tf.biz_name" AS "l.tf.biz_name", r."tf.biz_name" AS "r.tf.biz_name", l."tf.pc" AS "l.tf.pc", r."tf.pc" AS "r.tf.pc", jaro_winkler_similarity(l."biz_name", r."biz_name") AS "h.0", len(list_filter(l."biz_tokens", lambda x: list_contains(r."biz_tokens", x))) AS "h.1", jaro_winkler_similarity(l."street", r."street") AS "h.2", jaro_winkler_similarity(l."town", r."town") AS "h.3"
FROM "_m_cand" c
JOIN "_m_base" l ON l."rid" = c.rid_l
JOIN "_m_base" r ON r."rid" = c.rid_r) c
  ))
WHERE det IS NOT NULL OR w >= $79 OR w < $80
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
-- $22 = 8
-- $23 = 6
-- $24 = 4
-- $25 = 2
-- $26 = 0
-- $27 = -2
-- $28 = -4
-- $29 = -6
-- $30 = 1
-- $31 = 0.01
-- $32 = 5
-- $33 = 3
-- $34 = 1
-- $35 = -1
-- $36 = -3
-- $37 = 1
-- $38 = 0.01
-- $39 = 3
-- $40 = 1
-- $41 = -1
-- $42 = 4
-- $43 = 2
-- $44 = 0
-- $45 = -2
-- $46 = 4
-- $47 = 2
-- $48 = 0
-- $49 = -2
-- $50 = 3
-- $51 = 1
-- $52 = -1
-- $53 = 2
-- $54 = 0
-- $55 = 3
-- $56 = 1
-- $57 = -1
-- $58 = 8
-- $59 = 6
-- $60 = 4
-- $61 = 2
-- $62 = 0
-- $63 = -2
-- $64 = -4
-- $65 = -6
-- $66 = 1
-- $67 = 0.01
-- $68 = 0
-- $69 = 0.3
-- $70 = -1.2223924213364479
-- $71 = "company_no"
-- $72 = "biz_key"
-- $73 = "biz_dm+pc_out"
-- $74 = "biz_first+town"
-- $75 = "pc+house"
-- $76 = "biz_first+house"
-- $77 = "phone"
-- $78 = "left(biz_name, 6)"
-- $79 = -1.2223924213364479
-- $80 = -6.6293566200796095
