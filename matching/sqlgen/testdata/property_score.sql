CREATE OR REPLACE TEMP TABLE "_m_scored" AS
SELECT rid_l, rid_r, CASE WHEN det IS NOT NULL THEN det WHEN w >= $50 THEN CASE rule WHEN 0 THEN $51 WHEN 1 THEN $52 WHEN 2 THEN $53 WHEN 3 THEN $54 WHEN 4 THEN $55 WHEN 5 THEN $56 END END AS rule, w AS match_weight,
       CASE WHEN det IS NOT NULL THEN 1.0 WHEN ((CASE "g.uprn" WHEN 1 THEN $38 WHEN 0 THEN $39 ELSE 0 END + CASE "g.flat" WHEN 1 THEN $40 WHEN 0 THEN $41 ELSE 0 END + CASE "g.house_number" WHEN 1 THEN $42 WHEN 0 THEN $43 ELSE 0 END + CASE "g.building_name" WHEN 3 THEN $44 WHEN 2 THEN $45 WHEN 1 THEN $46 WHEN 0 THEN $47 ELSE 0 END) <= $48 OR "g.uprn" = 0 OR "g.flat" = 0) THEN least(1.0 / (1.0 + pow(2.0, -w)), $49) ELSE 1.0 / (1.0 + pow(2.0, -w)) END AS probability
FROM (SELECT *,
     $10
   + CASE "g.uprn" WHEN 1 THEN $11 WHEN 0 THEN $12 ELSE 0 END
   + CASE "g.flat" WHEN 1 THEN $13 WHEN 0 THEN $14 ELSE 0 END
   + CASE "g.house_number" WHEN 1 THEN $15 WHEN 0 THEN $16 ELSE 0 END
   + CASE "g.building_name" WHEN 3 THEN $17 WHEN 2 THEN $18 WHEN 1 THEN $19 WHEN 0 THEN $20 ELSE 0 END
   + CASE "g.street" WHEN 5 THEN $21 WHEN 4 THEN $22 WHEN 3 THEN $23 WHEN 2 THEN $24 WHEN 1 THEN $25 WHEN 0 THEN $26 ELSE 0 END
   + CASE "g.postcode" WHEN 4 THEN $27 WHEN 3 THEN $28 WHEN 2 THEN $29 WHEN 1 THEN $30 WHEN 0 THEN $31 ELSE 0 END
   + CASE WHEN "g.postcode" = 4 THEN $32 * log2($33 / "tf.postcode") ELSE 0 END
   + CASE "g.town" WHEN 3 THEN $34 WHEN 2 THEN $35 WHEN 1 THEN $36 WHEN 0 THEN $37 ELSE 0 END AS w
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
     WHEN "l.addr_pc" = "r.addr_pc" THEN 5
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
FROM (SELECT c.*, l."uprn" AS "l.uprn", r."uprn" AS "r.uprn", l."flat" AS "l.flat", r."flat" AS "r.flat", l."house" AS "l.house", r."house" AS "r.house", l."building" AS "l.building", r."building" AS "r.building", l."street" AS "l.street", r."street" AS "r.street", l."addr_pc" AS "l.addr_pc", r."addr_pc" AS "r.addr_pc", l."pc" AS "l.pc", r."pc" AS "r.pc", l."pc_sector" AS "l.pc_sector", r."pc_sector" AS "r.pc_sector", l."pc_out" AS "l.pc_out", r."pc_out" AS "r.pc_out", l."town" AS "l.town", r."town" AS "r.town", l."tf.pc" AS "l.tf.pc", r."tf.pc" AS "r.tf.pc", jaro_winkler_similarity(l."building", r."building") AS "h.0", jaro_winkler_similarity(l."street", r."street") AS "h.1", jaro_winkler_similarity(l."town", r."town") AS "h.2"
FROM "_m_cand" c
JOIN "_m_base" l ON l."rid" = c.rid_l
JOIN "_m_base" r ON r."rid" = c.rid_r) c
  ))
WHERE det IS NOT NULL OR w >= $57 OR w < $58
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
-- $21 = 6
-- $22 = 4
-- $23 = 2
-- $24 = 0
-- $25 = -2
-- $26 = -4
-- $27 = 5
-- $28 = 3
-- $29 = 1
-- $30 = -1
-- $31 = -3
-- $32 = 1
-- $33 = 0.01
-- $34 = 4
-- $35 = 2
-- $36 = 0
-- $37 = -2
-- $38 = 2
-- $39 = 0
-- $40 = 2
-- $41 = 0
-- $42 = 2
-- $43 = 0
-- $44 = 4
-- $45 = 2
-- $46 = 0
-- $47 = -2
-- $48 = 0
-- $49 = 0.3
-- $50 = -1.2223924213364479
-- $51 = "uprn"
-- $52 = "pc+house"
-- $53 = "pc+building"
-- $54 = "pc+flat"
-- $55 = "street+house+town"
-- $56 = "addr_key"
-- $57 = -1.2223924213364479
-- $58 = -6.6293566200796095
