CREATE OR REPLACE TEMP TABLE "_m_scored" AS
SELECT rid_l, rid_r, coalesce(det, rule) AS rule, w AS match_weight,
       CASE WHEN det IS NOT NULL THEN 1.0 WHEN ((CASE "g.given_name" WHEN 7 THEN $77 WHEN 6 THEN $78 WHEN 5 THEN $79 WHEN 4 THEN $80 WHEN 3 THEN $81 WHEN 2 THEN $82 WHEN 1 THEN $83 WHEN 0 THEN $84 ELSE 0 END + CASE WHEN "g.given_name" = 7 THEN $85 * log2($86 / "tf.given_name") ELSE 0 END + CASE "g.date_of_birth" WHEN 5 THEN $87 WHEN 4 THEN $88 WHEN 3 THEN $89 WHEN 2 THEN $90 WHEN 1 THEN $91 WHEN 0 THEN $92 ELSE 0 END + CASE "g.nhs_number" WHEN 2 THEN $93 WHEN 1 THEN $94 WHEN 0 THEN $95 ELSE 0 END + CASE "g.ni_number" WHEN 2 THEN $96 WHEN 1 THEN $97 WHEN 0 THEN $98 ELSE 0 END + CASE "g.email" WHEN 2 THEN $99 WHEN 1 THEN $100 WHEN 0 THEN $101 ELSE 0 END) <= 0) THEN least(1.0 / (1.0 + pow(2.0, -w)), $102) ELSE 1.0 / (1.0 + pow(2.0, -w)) END AS probability
FROM (SELECT *,
     $22
   + CASE "g.given_name" WHEN 7 THEN $23 WHEN 6 THEN $24 WHEN 5 THEN $25 WHEN 4 THEN $26 WHEN 3 THEN $27 WHEN 2 THEN $28 WHEN 1 THEN $29 WHEN 0 THEN $30 ELSE 0 END
   + CASE WHEN "g.given_name" = 7 THEN $31 * log2($32 / "tf.given_name") ELSE 0 END
   + CASE "g.family_name" WHEN 5 THEN $33 WHEN 4 THEN $34 WHEN 3 THEN $35 WHEN 2 THEN $36 WHEN 1 THEN $37 WHEN 0 THEN $38 ELSE 0 END
   + CASE WHEN "g.family_name" = 5 THEN $39 * log2($40 / "tf.family_name") ELSE 0 END
   + CASE "g.date_of_birth" WHEN 5 THEN $41 WHEN 4 THEN $42 WHEN 3 THEN $43 WHEN 2 THEN $44 WHEN 1 THEN $45 WHEN 0 THEN $46 ELSE 0 END
   + CASE "g.sex" WHEN 1 THEN $47 WHEN 0 THEN $48 ELSE 0 END
   + CASE "g.nhs_number" WHEN 2 THEN $49 WHEN 1 THEN $50 WHEN 0 THEN $51 ELSE 0 END
   + CASE "g.ni_number" WHEN 2 THEN $52 WHEN 1 THEN $53 WHEN 0 THEN $54 ELSE 0 END
   + CASE "g.email" WHEN 2 THEN $55 WHEN 1 THEN $56 WHEN 0 THEN $57 ELSE 0 END
   + CASE "g.phone" WHEN 2 THEN $58 WHEN 1 THEN $59 WHEN 0 THEN $60 ELSE 0 END
   + CASE "g.address" WHEN 5 THEN $61 WHEN 4 THEN $62 WHEN 3 THEN $63 WHEN 2 THEN $64 WHEN 1 THEN $65 WHEN 0 THEN $66 ELSE 0 END
   + CASE "g.locality" WHEN 3 THEN $67 WHEN 2 THEN $68 WHEN 1 THEN $69 WHEN 0 THEN $70 ELSE 0 END
   + CASE "g.town" WHEN 3 THEN $71 WHEN 2 THEN $72 WHEN 1 THEN $73 WHEN 0 THEN $74 ELSE 0 END
   + CASE "g.attr.ref" WHEN 1 THEN $75 WHEN 0 THEN $76 ELSE 0 END AS w
  FROM (
SELECT c.rid_l,
       c.rid_r,
       c.rule,
       c.rules,
       CASE WHEN l."given" IS NULL OR r."given" IS NULL THEN -1
     WHEN l."given" = r."given" THEN 7
     WHEN l."given_canon" = r."given_canon" THEN 6
     WHEN l."given" = r."family" AND l."family" = r."given" THEN 5
     WHEN jaro_winkler_similarity(l."given", r."given") >= $1 THEN 4
     WHEN l."given_dm" = r."given_dm" THEN 3
     WHEN jaro_winkler_similarity(l."given", r."given") >= $2 THEN 2
     WHEN (length(l."given") = 1 OR length(r."given") = 1) AND substr(l."given", 1, 1) = substr(r."given", 1, 1) THEN 1
     ELSE 0 END AS "g.given_name",
       CASE WHEN l."family" IS NULL OR r."family" IS NULL THEN -1
     WHEN l."family" = r."family" THEN 5
     WHEN l."family" = r."given" AND l."given" = r."family" THEN 4
     WHEN jaro_winkler_similarity(l."family", r."family") >= $3 THEN 3
     WHEN l."family_dm" = r."family_dm" THEN 2
     WHEN jaro_winkler_similarity(l."family", r."family") >= $4 THEN 1
     ELSE 0 END AS "g.family_name",
       CASE WHEN l."dob" IS NULL OR r."dob" IS NULL THEN -1
     WHEN l."dob" = r."dob" THEN 5
     WHEN substr(l."dob", 1, 4) = substr(r."dob", 1, 4) AND substr(l."dob", 6, 2) = substr(r."dob", 9, 2) AND substr(l."dob", 9, 2) = substr(r."dob", 6, 2) THEN 4
     WHEN length(l."dob") = length(r."dob") AND CASE WHEN length(l."dob") = length(r."dob") THEN hamming(l."dob", r."dob") <= 1 ELSE false END THEN 3
     WHEN abs(length(l."dob") - length(r."dob")) <= $5 AND CASE WHEN length(l."dob") = length(r."dob") THEN hamming(l."dob", r."dob") <= 2 ELSE true END AND damerau_levenshtein(l."dob", r."dob") <= $6 THEN 2
     WHEN abs(l."dob#days" - r."dob#days") <= $7 THEN 1
     ELSE 0 END AS "g.date_of_birth",
       CASE WHEN l."sex" IS NULL OR r."sex" IS NULL THEN -1
     WHEN l."sex" = r."sex" THEN 1
     ELSE 0 END AS "g.sex",
       CASE WHEN l."nhs" IS NULL OR r."nhs" IS NULL THEN -1
     WHEN l."nhs" = r."nhs" THEN 2
     WHEN abs(length(l."nhs") - length(r."nhs")) <= $8 AND CASE WHEN length(l."nhs") = length(r."nhs") THEN hamming(l."nhs", r."nhs") <= 2 ELSE true END AND damerau_levenshtein(l."nhs", r."nhs") <= $9 THEN 1
     ELSE 0 END AS "g.nhs_number",
       CASE WHEN l."ni" IS NULL OR r."ni" IS NULL THEN -1
     WHEN l."ni" = r."ni" THEN 2
     WHEN abs(length(l."ni") - length(r."ni")) <= $10 AND CASE WHEN length(l."ni") = length(r."ni") THEN hamming(l."ni", r."ni") <= 2 ELSE true END AND damerau_levenshtein(l."ni", r."ni") <= $11 THEN 1
     ELSE 0 END AS "g.ni_number",
       CASE WHEN l."email" IS NULL OR r."email" IS NULL THEN -1
     WHEN l."email" = r."email" THEN 2
     WHEN jaro_winkler_similarity(l."email", r."email") >= $12 THEN 1
     ELSE 0 END AS "g.email",
       CASE WHEN l."phone" IS NULL OR r."phone" IS NULL THEN -1
     WHEN l."phone" = r."phone" THEN 2
     WHEN abs(length(l."phone") - length(r."phone")) <= $13 AND CASE WHEN length(l."phone") = length(r."phone") THEN hamming(l."phone", r."phone") <= 2 ELSE true END AND damerau_levenshtein(l."phone", r."phone") <= $14 THEN 1
     ELSE 0 END AS "g.phone",
       CASE WHEN l."addr_tokens" IS NULL OR r."addr_tokens" IS NULL THEN -1
     WHEN l."addr_key" = r."addr_key" THEN 5
     WHEN (len(list_intersect(l."addr_tokens", r."addr_tokens"))::DOUBLE / nullif(len(list_distinct(list_concat(l."addr_tokens", r."addr_tokens"))), 0)) >= $15 THEN 4
     WHEN l."pc" = r."pc" THEN 3
     WHEN (len(list_intersect(l."addr_tokens", r."addr_tokens"))::DOUBLE / nullif(len(list_distinct(list_concat(l."addr_tokens", r."addr_tokens"))), 0)) >= $16 THEN 2
     WHEN l."pc_out" = r."pc_out" THEN 1
     ELSE 0 END AS "g.address",
       CASE WHEN l."locality" IS NULL OR r."locality" IS NULL THEN -1
     WHEN l."locality" = r."locality" THEN 3
     WHEN jaro_winkler_similarity(l."locality", r."locality") >= $17 THEN 2
     WHEN jaro_winkler_similarity(l."locality", r."locality") >= $18 THEN 1
     ELSE 0 END AS "g.locality",
       CASE WHEN l."town" IS NULL OR r."town" IS NULL THEN -1
     WHEN l."town" = r."town" THEN 3
     WHEN jaro_winkler_similarity(l."town", r."town") >= $19 THEN 2
     WHEN jaro_winkler_similarity(l."town", r."town") >= $20 THEN 1
     ELSE 0 END AS "g.town",
       CASE WHEN l."attr.ref" IS NULL OR r."attr.ref" IS NULL THEN -1
     WHEN l."attr.ref" = r."attr.ref" THEN 1
     ELSE 0 END AS "g.attr.ref",
       greatest(l."tf.given", r."tf.given") AS "tf.given_name",
       greatest(l."tf.family", r."tf.family") AS "tf.family_name",
       CASE WHEN l."nhs" = r."nhs" THEN $21 END AS det
FROM "_m_cand" c
JOIN "_m_base" l ON l."rid" = c.rid_l
JOIN "_m_base" r ON r."rid" = c.rid_r
  ))
WHERE det IS NOT NULL OR w >= $103 OR w < $104
-- args:
-- $1 = 0.92
-- $2 = 0.8
-- $3 = 0.92
-- $4 = 0.8
-- $5 = 1
-- $6 = 1
-- $7 = 365
-- $8 = 1
-- $9 = 1
-- $10 = 1
-- $11 = 1
-- $12 = 0.9
-- $13 = 1
-- $14 = 1
-- $15 = 0.8
-- $16 = 0.5
-- $17 = 0.92
-- $18 = 0.8
-- $19 = 0.92
-- $20 = 0.8
-- $21 = "same nhs"
-- $22 = -10
-- $23 = 8
-- $24 = 6
-- $25 = 4
-- $26 = 2
-- $27 = 0
-- $28 = -2
-- $29 = -4
-- $30 = -6
-- $31 = 1
-- $32 = 0.01
-- $33 = 6
-- $34 = 4
-- $35 = 2
-- $36 = 0
-- $37 = -2
-- $38 = -4
-- $39 = 1
-- $40 = 0.01
-- $41 = 6
-- $42 = 4
-- $43 = 2
-- $44 = 0
-- $45 = -2
-- $46 = -4
-- $47 = 2
-- $48 = 0
-- $49 = 3
-- $50 = 1
-- $51 = -1
-- $52 = 3
-- $53 = 1
-- $54 = -1
-- $55 = 3
-- $56 = 1
-- $57 = -1
-- $58 = 3
-- $59 = 1
-- $60 = -1
-- $61 = 6
-- $62 = 4
-- $63 = 2
-- $64 = 0
-- $65 = -2
-- $66 = -4
-- $67 = 4
-- $68 = 2
-- $69 = 0
-- $70 = -2
-- $71 = 4
-- $72 = 2
-- $73 = 0
-- $74 = -2
-- $75 = 2
-- $76 = 0
-- $77 = 8
-- $78 = 6
-- $79 = 4
-- $80 = 2
-- $81 = 0
-- $82 = -2
-- $83 = -4
-- $84 = -6
-- $85 = 1
-- $86 = 0.01
-- $87 = 6
-- $88 = 4
-- $89 = 2
-- $90 = 0
-- $91 = -2
-- $92 = -4
-- $93 = 3
-- $94 = 1
-- $95 = -1
-- $96 = 3
-- $97 = 1
-- $98 = -1
-- $99 = 3
-- $100 = 1
-- $101 = -1
-- $102 = 0.3
-- $103 = -1.2223924213364479
-- $104 = -6.6293566200796095
