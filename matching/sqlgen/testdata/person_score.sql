CREATE OR REPLACE TEMP TABLE "_m_scored" AS
SELECT rid_l, rid_r, CASE WHEN det IS NOT NULL THEN det WHEN w >= $103 THEN CASE rule WHEN 0 THEN $104 WHEN 1 THEN $105 WHEN 2 THEN $106 WHEN 3 THEN $107 WHEN 4 THEN $108 WHEN 5 THEN $109 WHEN 6 THEN $110 WHEN 7 THEN $111 WHEN 8 THEN $112 WHEN 9 THEN $113 WHEN 10 THEN $114 WHEN 11 THEN $115 WHEN 12 THEN $116 WHEN 13 THEN $117 WHEN 14 THEN $118 WHEN 15 THEN $119 WHEN 16 THEN $120 WHEN 17 THEN $121 END END AS rule, w AS match_weight,
       CASE WHEN det IS NOT NULL THEN CASE WHEN det IN ($122) AND w < $123 THEN $124 ELSE 1.0 END WHEN ((CASE "g.given_name" WHEN 7 THEN $76 WHEN 6 THEN $77 WHEN 5 THEN $78 WHEN 4 THEN $79 WHEN 3 THEN $80 WHEN 2 THEN $81 WHEN 1 THEN $82 WHEN 0 THEN $83 ELSE 0 END + CASE WHEN "g.given_name" = 7 THEN $84 * log2($85 / "tf.given_name") ELSE 0 END + CASE "g.date_of_birth" WHEN 5 THEN $86 WHEN 4 THEN $87 WHEN 3 THEN $88 WHEN 2 THEN $89 WHEN 1 THEN $90 WHEN 0 THEN $91 ELSE 0 END + CASE "g.nhs_number" WHEN 2 THEN $92 WHEN 1 THEN $93 WHEN 0 THEN $94 ELSE 0 END + CASE "g.ni_number" WHEN 2 THEN $95 WHEN 1 THEN $96 WHEN 0 THEN $97 ELSE 0 END + CASE "g.email" WHEN 2 THEN $98 WHEN 1 THEN $99 WHEN 0 THEN $100 ELSE 0 END) <= $101) THEN least(1.0 / (1.0 + pow(2.0, -w)), $102) ELSE 1.0 / (1.0 + pow(2.0, -w)) END AS probability
FROM (SELECT *,
     $21
   + CASE "g.given_name" WHEN 7 THEN $22 WHEN 6 THEN $23 WHEN 5 THEN $24 WHEN 4 THEN $25 WHEN 3 THEN $26 WHEN 2 THEN $27 WHEN 1 THEN $28 WHEN 0 THEN $29 ELSE 0 END
   + CASE WHEN "g.given_name" = 7 THEN $30 * log2($31 / "tf.given_name") ELSE 0 END
   + CASE "g.family_name" WHEN 5 THEN $32 WHEN 4 THEN $33 WHEN 3 THEN $34 WHEN 2 THEN $35 WHEN 1 THEN $36 WHEN 0 THEN $37 ELSE 0 END
   + CASE WHEN "g.family_name" = 5 THEN $38 * log2($39 / "tf.family_name") ELSE 0 END
   + CASE "g.date_of_birth" WHEN 5 THEN $40 WHEN 4 THEN $41 WHEN 3 THEN $42 WHEN 2 THEN $43 WHEN 1 THEN $44 WHEN 0 THEN $45 ELSE 0 END
   + CASE "g.sex" WHEN 1 THEN $46 WHEN 0 THEN $47 ELSE 0 END
   + CASE "g.nhs_number" WHEN 2 THEN $48 WHEN 1 THEN $49 WHEN 0 THEN $50 ELSE 0 END
   + CASE "g.ni_number" WHEN 2 THEN $51 WHEN 1 THEN $52 WHEN 0 THEN $53 ELSE 0 END
   + CASE "g.email" WHEN 2 THEN $54 WHEN 1 THEN $55 WHEN 0 THEN $56 ELSE 0 END
   + CASE "g.phone" WHEN 2 THEN $57 WHEN 1 THEN $58 WHEN 0 THEN $59 ELSE 0 END
   + CASE "g.address" WHEN 5 THEN $60 WHEN 4 THEN $61 WHEN 3 THEN $62 WHEN 2 THEN $63 WHEN 1 THEN $64 WHEN 0 THEN $65 ELSE 0 END
   + CASE "g.locality" WHEN 3 THEN $66 WHEN 2 THEN $67 WHEN 1 THEN $68 WHEN 0 THEN $69 ELSE 0 END
   + CASE "g.town" WHEN 3 THEN $70 WHEN 2 THEN $71 WHEN 1 THEN $72 WHEN 0 THEN $73 ELSE 0 END
   + CASE "g.attr.ref" WHEN 1 THEN $74 WHEN 0 THEN $75 ELSE 0 END AS w
  FROM (
SELECT c.rid_l,
       c.rid_r,
       c.rule,
       c.rules,
       CASE WHEN "l.given" IS NULL OR "r.given" IS NULL THEN -1
     WHEN "l.given" = "r.given" THEN 7
     WHEN "l.given_canon" = "r.given_canon" THEN 6
     WHEN "l.given" = "r.family" AND "l.family" = "r.given" THEN 5
     WHEN "h.0" >= $1 THEN 4
     WHEN "l.given_dm" = "r.given_dm" THEN 3
     WHEN "h.0" >= $2 THEN 2
     WHEN (length("l.given") = 1 OR length("r.given") = 1) AND substr("l.given", 1, 1) = substr("r.given", 1, 1) THEN 1
     ELSE 0 END AS "g.given_name",
       CASE WHEN "l.family" IS NULL OR "r.family" IS NULL THEN -1
     WHEN "l.family" = "r.family" THEN 5
     WHEN "l.family" = "r.given" AND "l.given" = "r.family" THEN 4
     WHEN "h.1" >= $3 THEN 3
     WHEN "l.family_dm" = "r.family_dm" THEN 2
     WHEN "h.1" >= $4 THEN 1
     ELSE 0 END AS "g.family_name",
       CASE WHEN "l.dob" IS NULL OR "r.dob" IS NULL THEN -1
     WHEN "l.dob" = "r.dob" THEN 5
     WHEN substr("l.dob", 1, 4) = substr("r.dob", 1, 4) AND substr("l.dob", 6, 2) = substr("r.dob", 9, 2) AND substr("l.dob", 9, 2) = substr("r.dob", 6, 2) THEN 4
     WHEN length("l.dob") = length("r.dob") AND CASE WHEN length("l.dob") = length("r.dob") THEN hamming("l.dob", "r.dob") <= 1 ELSE false END THEN 3
     WHEN abs(length("l.dob") - length("r.dob")) <= $5 AND CASE WHEN length("l.dob") = length("r.dob") THEN hamming("l.dob", "r.dob") <= 2 ELSE true END AND damerau_levenshtein("l.dob", "r.dob") <= $6 THEN 2
     WHEN abs("l.dob#days" - "r.dob#days") <= $7 THEN 1
     ELSE 0 END AS "g.date_of_birth",
       CASE WHEN "l.sex" IS NULL OR "r.sex" IS NULL THEN -1
     WHEN "l.sex" = "r.sex" THEN 1
     ELSE 0 END AS "g.sex",
       CASE WHEN "l.nhs" IS NULL OR "r.nhs" IS NULL THEN -1
     WHEN "l.nhs" = "r.nhs" THEN 2
     WHEN abs(length("l.nhs") - length("r.nhs")) <= $8 AND CASE WHEN length("l.nhs") = length("r.nhs") THEN hamming("l.nhs", "r.nhs") <= 2 ELSE true END AND damerau_levenshtein("l.nhs", "r.nhs") <= $9 THEN 1
     ELSE 0 END AS "g.nhs_number",
       CASE WHEN "l.ni" IS NULL OR "r.ni" IS NULL THEN -1
     WHEN "l.ni" = "r.ni" THEN 2
     WHEN abs(length("l.ni") - length("r.ni")) <= $10 AND CASE WHEN length("l.ni") = length("r.ni") THEN hamming("l.ni", "r.ni") <= 2 ELSE true END AND damerau_levenshtein("l.ni", "r.ni") <= $11 THEN 1
     ELSE 0 END AS "g.ni_number",
       CASE WHEN "l.email" IS NULL OR "r.email" IS NULL THEN -1
     WHEN "l.email" = "r.email" THEN 2
     WHEN "l.email_user" = "r.email_user" THEN 1
     ELSE 0 END AS "g.email",
       CASE WHEN "l.phone" IS NULL OR "r.phone" IS NULL THEN -1
     WHEN "l.phone" = "r.phone" THEN 2
     WHEN abs(length("l.phone") - length("r.phone")) <= $12 AND CASE WHEN length("l.phone") = length("r.phone") THEN hamming("l.phone", "r.phone") <= 2 ELSE true END AND damerau_levenshtein("l.phone", "r.phone") <= $13 THEN 1
     ELSE 0 END AS "g.phone",
       CASE WHEN "l.addr_tokens" IS NULL OR "r.addr_tokens" IS NULL THEN -1
     WHEN "l.addr_key" = "r.addr_key" THEN 5
     WHEN "h.2" >= $14 * (len("l.addr_tokens") + len("r.addr_tokens")) THEN 4
     WHEN "l.pc" = "r.pc" THEN 3
     WHEN "h.2" >= $15 * (len("l.addr_tokens") + len("r.addr_tokens")) THEN 2
     WHEN "l.pc_out" = "r.pc_out" THEN 1
     ELSE 0 END AS "g.address",
       CASE WHEN "l.locality" IS NULL OR "r.locality" IS NULL THEN -1
     WHEN "l.locality" = "r.locality" THEN 3
     WHEN "h.3" >= $16 THEN 2
     WHEN "h.3" >= $17 THEN 1
     ELSE 0 END AS "g.locality",
       CASE WHEN "l.town" IS NULL OR "r.town" IS NULL THEN -1
     WHEN "l.town" = "r.town" THEN 3
     WHEN "h.4" >= $18 THEN 2
     WHEN "h.4" >= $19 THEN 1
     ELSE 0 END AS "g.town",
       CASE WHEN "l.attr.ref" IS NULL OR "r.attr.ref" IS NULL THEN -1
     WHEN "l.attr.ref" = "r.attr.ref" THEN 1
     ELSE 0 END AS "g.attr.ref",
       greatest("l.tf.given", "r.tf.given") AS "tf.given_name",
       greatest("l.tf.family", "r.tf.family") AS "tf.family_name",
       CASE WHEN "l.nhs" = "r.nhs" THEN $20 END AS det
FROM (SELECT c.*, l."given" AS "l.given", r."given" AS "r.given", l."given_canon" AS "l.given_canon", r."given_canon" AS "r.given_canon", r."family" AS "r.family", l."family" AS "l.family", l."given_dm" AS "l.given_dm", r."given_dm" AS "r.given_dm", l."family_dm" AS "l.family_dm", r."family_dm" AS "r.family_dm", l."dob" AS "l.dob", r."dob" AS "r.dob", l."dob#days" AS "l.dob#days", r."dob#days" AS "r.dob#days", l."sex" AS "l.sex", r."sex" AS "r.sex", l."nhs" AS "l.nhs", r."nhs" AS "r.nhs", l."ni" AS "l.ni", r."ni" AS "r.ni", l."email" AS "l.email", r."email" AS "r.email", l."email_user" AS "l.email_user", r."email_user" AS "r.email_user", l."phone" AS "l.phone", r."phone" AS "r.phone", l."addr_tokens" AS "l.addr_tokens", r."addr_tokens" AS "r.addr_tokens", l."addr_key" AS "l.addr_key", r."addr_key" AS "r.addr_key", l."pc" AS "l.pc", r."pc" AS "r.pc", l."pc_out" AS "l.pc_out", r."pc_out" AS "r.pc_out", l."locality" AS "l.locality", r."locality" AS "r.locality", l."town" AS "l.town", r."town" AS "r.town", l."attr.ref" AS "l.attr.ref", r."attr.ref" AS "r.attr.ref", l."tf.given" AS "l.tf.given", r."tf.given" AS "r.tf.given", l."tf.family" AS "l.tf.family", r."tf.family" AS "r.tf.family", jaro_winkler_similarity(l."given", r."given") AS "h.0", jaro_winkler_similarity(l."family", r."family") AS "h.1", len(list_filter(l."addr_tokens", lambda x: list_contains(r."addr_tokens", x))) AS "h.2", jaro_winkler_similarity(l."locality", r."locality") AS "h.3", jaro_winkler_similarity(l."town", r."town") AS "h.4"
FROM "_m_cand" c
JOIN "_m_base" l ON l."rid" = c.rid_l
JOIN "_m_base" r ON r."rid" = c.rid_r) c
  ))
WHERE det IS NOT NULL OR w >= $125 OR w < $126
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
-- $12 = 1
-- $13 = 1
-- $14 = 0.4444444444444445
-- $15 = 0.3333333333333333
-- $16 = 0.92
-- $17 = 0.8
-- $18 = 0.92
-- $19 = 0.8
-- $20 = "same nhs"
-- $21 = -10
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
-- $32 = 6
-- $33 = 4
-- $34 = 2
-- $35 = 0
-- $36 = -2
-- $37 = -4
-- $38 = 1
-- $39 = 0.01
-- $40 = 6
-- $41 = 4
-- $42 = 2
-- $43 = 0
-- $44 = -2
-- $45 = -4
-- $46 = 2
-- $47 = 0
-- $48 = 3
-- $49 = 1
-- $50 = -1
-- $51 = 3
-- $52 = 1
-- $53 = -1
-- $54 = 3
-- $55 = 1
-- $56 = -1
-- $57 = 3
-- $58 = 1
-- $59 = -1
-- $60 = 6
-- $61 = 4
-- $62 = 2
-- $63 = 0
-- $64 = -2
-- $65 = -4
-- $66 = 4
-- $67 = 2
-- $68 = 0
-- $69 = -2
-- $70 = 4
-- $71 = 2
-- $72 = 0
-- $73 = -2
-- $74 = 2
-- $75 = 0
-- $76 = 8
-- $77 = 6
-- $78 = 4
-- $79 = 2
-- $80 = 0
-- $81 = -2
-- $82 = -4
-- $83 = -6
-- $84 = 1
-- $85 = 0.01
-- $86 = 6
-- $87 = 4
-- $88 = 2
-- $89 = 0
-- $90 = -2
-- $91 = -4
-- $92 = 3
-- $93 = 1
-- $94 = -1
-- $95 = 3
-- $96 = 1
-- $97 = -1
-- $98 = 3
-- $99 = 1
-- $100 = -1
-- $101 = 1
-- $102 = 0.3
-- $103 = -1.2223924213364479
-- $104 = "nhs"
-- $105 = "ni"
-- $106 = "given_dm+family_dm"
-- $107 = "dob+family_sx"
-- $108 = "dob+given_sx"
-- $109 = "dob+names_sx"
-- $110 = "dob+pc"
-- $111 = "dob+house"
-- $112 = "names_sx+house"
-- $113 = "given_dm+pc"
-- $114 = "family_dm+pc"
-- $115 = "house+street"
-- $116 = "left(given, 2)+left(family, 2)+left(dob, 4)"
-- $117 = "family+left(dob, 4)"
-- $118 = "given_sx+family_sx"
-- $119 = "email"
-- $120 = "email_user"
-- $121 = "phone"
-- $122 = "same nhs"
-- $123 = -1.2223924213364479
-- $124 = 0.3
-- $125 = -1.2223924213364479
-- $126 = -6.6293566200796095
