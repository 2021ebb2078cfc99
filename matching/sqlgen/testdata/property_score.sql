CREATE OR REPLACE TEMP TABLE "_m_scored" AS
SELECT rid_l, rid_r, CASE WHEN det IS NOT NULL THEN det WHEN w >= $52 THEN CASE rule WHEN 0 THEN $53 WHEN 1 THEN $54 WHEN 2 THEN $55 WHEN 3 THEN $56 WHEN 4 THEN $57 WHEN 5 THEN $58 END END AS rule, w AS match_weight,
       CASE WHEN det IS NOT NULL THEN 1.0 WHEN ((CASE "g.uprn" WHEN 1 THEN $39 WHEN 0 THEN $40 ELSE 0 END + CASE "g.flat" WHEN 2 THEN $41 WHEN 1 THEN $42 WHEN 0 THEN $43 ELSE 0 END + CASE "g.house_number" WHEN 1 THEN $44 WHEN 0 THEN $45 ELSE 0 END + CASE "g.building_name" WHEN 3 THEN $46 WHEN 2 THEN $47 WHEN 1 THEN $48 WHEN 0 THEN $49 ELSE 0 END) <= $50 OR "g.uprn" = 0) THEN least(1.0 / (1.0 + pow(2.0, -w)), $51) ELSE 1.0 / (1.0 + pow(2.0, -w)) END AS probability
FROM (SELECT *,
     $11
   + CASE "g.uprn" WHEN 1 THEN $12 WHEN 0 THEN $13 ELSE 0 END
   + CASE "g.flat" WHEN 2 THEN $14 WHEN 1 THEN $15 WHEN 0 THEN $16 ELSE 0 END
   + CASE "g.house_number" WHEN 1 THEN $17 WHEN 0 THEN $18 ELSE 0 END
   + CASE "g.building_name" WHEN 3 THEN $19 WHEN 2 THEN $20 WHEN 1 THEN $21 WHEN 0 THEN $22 ELSE 0 END
   + CASE "g.street" WHEN 4 THEN $23 WHEN 3 THEN $24 WHEN 2 THEN $25 WHEN 1 THEN $26 WHEN 0 THEN $27 ELSE 0 END
   + CASE "g.postcode" WHEN 4 THEN $28 WHEN 3 THEN $29 WHEN 2 THEN $30 WHEN 1 THEN $31 WHEN 0 THEN $32 ELSE 0 END
   + CASE WHEN "g.postcode" = 4 THEN $33 * log2($34 / "tf.postcode") ELSE 0 END
   + CASE "g.town" WHEN 3 THEN $35 WHEN 2 THEN $36 WHEN 1 THEN $37 WHEN 0 THEN $38 ELSE 0 END AS w
  FROM (
SELECT c.rid_l,
       c.rid_r,
       c.rule,
       c.rules,
       CASE WHEN l."uprn" IS NULL OR r."uprn" IS NULL THEN -1
     WHEN l."uprn" = r."uprn" THEN 1
     ELSE 0 END AS "g.uprn",
       CASE WHEN l."flat" IS NULL OR r."flat" IS NULL THEN -1
     WHEN l."flat" = r."flat" THEN 2
     WHEN jaro_winkler_similarity(l."flat", r."flat") >= $1 THEN 1
     ELSE 0 END AS "g.flat",
       CASE WHEN l."house" IS NULL OR r."house" IS NULL THEN -1
     WHEN l."house" = r."house" THEN 1
     ELSE 0 END AS "g.house_number",
       CASE WHEN l."building" IS NULL OR r."building" IS NULL THEN -1
     WHEN l."building" = r."building" THEN 3
     WHEN jaro_winkler_similarity(l."building", r."building") >= $2 THEN 2
     WHEN jaro_winkler_similarity(l."building", r."building") >= $3 THEN 1
     ELSE 0 END AS "g.building_name",
       CASE WHEN l."street" IS NULL OR r."street" IS NULL THEN -1
     WHEN l."street" = r."street" THEN 4
     WHEN jaro_winkler_similarity(l."street", r."street") >= $4 THEN 3
     WHEN (l."street" = r."building" OR l."building" = r."street") THEN 2
     WHEN jaro_winkler_similarity(l."street", r."street") >= $5 THEN 1
     ELSE 0 END AS "g.street",
       CASE WHEN l."pc" IS NULL OR r."pc" IS NULL THEN -1
     WHEN l."pc" = r."pc" THEN 4
     WHEN l."pc_sector" = r."pc_sector" THEN 3
     WHEN abs(length(l."pc") - length(r."pc")) <= $6 AND CASE WHEN length(l."pc") = length(r."pc") THEN hamming(l."pc", r."pc") <= 2 ELSE true END AND damerau_levenshtein(l."pc", r."pc") <= $7 THEN 2
     WHEN l."pc_out" = r."pc_out" THEN 1
     ELSE 0 END AS "g.postcode",
       CASE WHEN l."town" IS NULL OR r."town" IS NULL THEN -1
     WHEN l."town" = r."town" THEN 3
     WHEN jaro_winkler_similarity(l."town", r."town") >= $8 THEN 2
     WHEN jaro_winkler_similarity(l."town", r."town") >= $9 THEN 1
     ELSE 0 END AS "g.town",
       greatest(l."tf.pc", r."tf.pc") AS "tf.postcode",
       CASE WHEN l."uprn" = r."uprn" THEN $10 END AS det
FROM "_m_cand" c
JOIN "_m_base" l ON l."rid" = c.rid_l
JOIN "_m_base" r ON r."rid" = c.rid_r
  ))
WHERE det IS NOT NULL OR w >= $59 OR w < $60
-- args:
-- $1 = 0.9
-- $2 = 0.92
-- $3 = 0.8
-- $4 = 0.92
-- $5 = 0.8
-- $6 = 1
-- $7 = 1
-- $8 = 0.92
-- $9 = 0.8
-- $10 = "same uprn"
-- $11 = -10
-- $12 = 2
-- $13 = 0
-- $14 = 3
-- $15 = 1
-- $16 = -1
-- $17 = 2
-- $18 = 0
-- $19 = 4
-- $20 = 2
-- $21 = 0
-- $22 = -2
-- $23 = 5
-- $24 = 3
-- $25 = 1
-- $26 = -1
-- $27 = -3
-- $28 = 5
-- $29 = 3
-- $30 = 1
-- $31 = -1
-- $32 = -3
-- $33 = 1
-- $34 = 0.01
-- $35 = 4
-- $36 = 2
-- $37 = 0
-- $38 = -2
-- $39 = 2
-- $40 = 0
-- $41 = 3
-- $42 = 1
-- $43 = -1
-- $44 = 2
-- $45 = 0
-- $46 = 4
-- $47 = 2
-- $48 = 0
-- $49 = -2
-- $50 = 0
-- $51 = 0.3
-- $52 = -1.2223924213364479
-- $53 = "uprn"
-- $54 = "pc+house"
-- $55 = "pc+building"
-- $56 = "pc+flat"
-- $57 = "street+house+town"
-- $58 = "addr_key"
-- $59 = -1.2223924213364479
-- $60 = -6.6293566200796095
