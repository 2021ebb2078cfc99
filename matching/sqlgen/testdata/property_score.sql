CREATE OR REPLACE TEMP TABLE "_m_scored" AS
SELECT rid_l, rid_r, CASE WHEN det IS NOT NULL THEN det WHEN w >= $49 THEN CASE rule WHEN 0 THEN $50 WHEN 1 THEN $51 WHEN 2 THEN $52 WHEN 3 THEN $53 WHEN 4 THEN $54 WHEN 5 THEN $55 END END AS rule, w AS match_weight,
       CASE WHEN det IS NOT NULL THEN 1.0 WHEN ((CASE "g.uprn" WHEN 1 THEN $37 WHEN 0 THEN $38 ELSE 0 END + CASE "g.flat" WHEN 1 THEN $39 WHEN 0 THEN $40 ELSE 0 END + CASE "g.house_number" WHEN 1 THEN $41 WHEN 0 THEN $42 ELSE 0 END + CASE "g.building_name" WHEN 3 THEN $43 WHEN 2 THEN $44 WHEN 1 THEN $45 WHEN 0 THEN $46 ELSE 0 END) <= $47 OR "g.uprn" = 0 OR "g.flat" = 0) THEN least(1.0 / (1.0 + pow(2.0, -w)), $48) ELSE 1.0 / (1.0 + pow(2.0, -w)) END AS probability
FROM (SELECT *,
     $10
   + CASE "g.uprn" WHEN 1 THEN $11 WHEN 0 THEN $12 ELSE 0 END
   + CASE "g.flat" WHEN 1 THEN $13 WHEN 0 THEN $14 ELSE 0 END
   + CASE "g.house_number" WHEN 1 THEN $15 WHEN 0 THEN $16 ELSE 0 END
   + CASE "g.building_name" WHEN 3 THEN $17 WHEN 2 THEN $18 WHEN 1 THEN $19 WHEN 0 THEN $20 ELSE 0 END
   + CASE "g.street" WHEN 4 THEN $21 WHEN 3 THEN $22 WHEN 2 THEN $23 WHEN 1 THEN $24 WHEN 0 THEN $25 ELSE 0 END
   + CASE "g.postcode" WHEN 4 THEN $26 WHEN 3 THEN $27 WHEN 2 THEN $28 WHEN 1 THEN $29 WHEN 0 THEN $30 ELSE 0 END
   + CASE WHEN "g.postcode" = 4 THEN $31 * log2($32 / "tf.postcode") ELSE 0 END
   + CASE "g.town" WHEN 3 THEN $33 WHEN 2 THEN $34 WHEN 1 THEN $35 WHEN 0 THEN $36 ELSE 0 END AS w
  FROM (
SELECT c.rid_l,
       c.rid_r,
       c.rule,
       c.rules,
       CASE WHEN "l.uprn" IS NULL OR "r.uprn" IS NULL THEN -1
     WHEN "l.uprn" = "r.uprn" THEN 1
     ELSE 0 END AS "g.uprn",
       CASE WHEN "l.flat" IS NULL OR "r.flat" IS NULL THEN -1
     WHEN "l.flat" = "r.flat" THEN 1
     ELSE 0 END AS "g.flat",
       CASE WHEN "l.house" IS NULL OR "r.house" IS NULL THEN -1
     WHEN "l.house" = "r.house" THEN 1
     ELSE 0 END AS "g.house_number",
       CASE WHEN "l.building" IS NULL OR "r.building" IS NULL THEN -1
     WHEN "l.building" = "r.building" THEN 3
     WHEN "h.0" >= $1 THEN 2
     WHEN "h.0" >= $2 THEN 1
     ELSE 0 END AS "g.building_name",
       CASE WHEN "l.street" IS NULL OR "r.street" IS NULL THEN -1
     WHEN "l.street" = "r.street" THEN 4
     WHEN "h.1" >= $3 THEN 3
     WHEN ("l.street" = "r.building" OR "l.building" = "r.street") THEN 2
     WHEN "h.1" >= $4 THEN 1
     ELSE 0 END AS "g.street",
       CASE WHEN "l.pc" IS NULL OR "r.pc" IS NULL THEN -1
     WHEN "l.pc" = "r.pc" THEN 4
     WHEN "l.pc_sector" = "r.pc_sector" THEN 3
     WHEN abs(length("l.pc") - length("r.pc")) <= $5 AND CASE WHEN length("l.pc") = length("r.pc") THEN hamming("l.pc", "r.pc") <= 2 ELSE true END AND damerau_levenshtein("l.pc", "r.pc") <= $6 THEN 2
     WHEN "l.pc_out" = "r.pc_out" THEN 1
     ELSE 0 END AS "g.postcode",
       CASE WHEN "l.town" IS NULL OR "r.town" IS NULL THEN -1
     WHEN "l.town" = "r.town" THEN 3
     WHEN "h.2" >= $7 THEN 2
     WHEN "h.2" >= $8 THEN 1
     ELSE 0 END AS "g.town",
       greatest("l.tf.pc", "r.tf.pc") AS "tf.postcode",
       CASE WHEN "l.uprn" = "r.uprn" THEN $9 END AS det
FROM (SELECT c.*, l."uprn" AS "l.uprn", r."uprn" AS "r.uprn", l."flat" AS "l.flat", r."flat" AS "r.flat", l."house" AS "l.house", r."house" AS "r.house", l."building" AS "l.building", r."building" AS "r.building", l."street" AS "l.street", r."street" AS "r.street", l."pc" AS "l.pc", r."pc" AS "r.pc", l."pc_sector" AS "l.pc_sector", r."pc_sector" AS "r.pc_sector", l."pc_out" AS "l.pc_out", r."pc_out" AS "r.pc_out", l."town" AS "l.town", r."town" AS "r.town", l."tf.pc" AS "l.tf.pc", r."tf.pc" AS "r.tf.pc", jaro_winkler_similarity(l."building", r."building") AS "h.0", jaro_winkler_similarity(l."street", r."street") AS "h.1", jaro_winkler_similarity(l."town", r."town") AS "h.2"
FROM "_m_cand" c
JOIN "_m_base" l ON l."rid" = c.rid_l
JOIN "_m_base" r ON r."rid" = c.rid_r) c
  ))
WHERE det IS NOT NULL OR w >= $56 OR w < $57
-- args:
-- $1 = 0.92
-- $2 = 0.8
-- $3 = 0.92
-- $4 = 0.8
-- $5 = 1
-- $6 = 1
-- $7 = 0.92
-- $8 = 0.8
-- $9 = "same uprn"
-- $10 = -10
-- $11 = 2
-- $12 = 0
-- $13 = 2
-- $14 = 0
-- $15 = 2
-- $16 = 0
-- $17 = 4
-- $18 = 2
-- $19 = 0
-- $20 = -2
-- $21 = 5
-- $22 = 3
-- $23 = 1
-- $24 = -1
-- $25 = -3
-- $26 = 5
-- $27 = 3
-- $28 = 1
-- $29 = -1
-- $30 = -3
-- $31 = 1
-- $32 = 0.01
-- $33 = 4
-- $34 = 2
-- $35 = 0
-- $36 = -2
-- $37 = 2
-- $38 = 0
-- $39 = 2
-- $40 = 0
-- $41 = 2
-- $42 = 0
-- $43 = 4
-- $44 = 2
-- $45 = 0
-- $46 = -2
-- $47 = 0
-- $48 = 0.3
-- $49 = -1.2223924213364479
-- $50 = "uprn"
-- $51 = "pc+house"
-- $52 = "pc+building"
-- $53 = "pc+flat"
-- $54 = "street+house+town"
-- $55 = "addr_key"
-- $56 = -1.2223924213364479
-- $57 = -6.6293566200796095
