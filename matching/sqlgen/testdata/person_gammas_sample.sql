CREATE OR REPLACE TEMP TABLE "_m_gammas" AS
SELECT c.rid_l,
       c.rid_r,
       c.rule,
       c.rules,
       CASE WHEN l."given" IS NULL OR r."given" IS NULL THEN -1
     WHEN l."given" = r."given" THEN 7
     WHEN l."given_canon" = r."given_canon" THEN 6
     WHEN l."given" = r."family" AND l."family" = r."given" THEN 5
     WHEN jaro_winkler_similarity(l."given", r."given") >= $4 THEN 4
     WHEN l."given_dm" = r."given_dm" THEN 3
     WHEN jaro_winkler_similarity(l."given", r."given") >= $5 THEN 2
     WHEN (length(l."given") = 1 OR length(r."given") = 1) AND substr(l."given", 1, 1) = substr(r."given", 1, 1) THEN 1
     ELSE 0 END AS "g.given_name",
       CASE WHEN l."family" IS NULL OR r."family" IS NULL THEN -1
     WHEN l."family" = r."family" THEN 5
     WHEN l."family" = r."given" AND l."given" = r."family" THEN 4
     WHEN jaro_winkler_similarity(l."family", r."family") >= $6 THEN 3
     WHEN l."family_dm" = r."family_dm" THEN 2
     WHEN jaro_winkler_similarity(l."family", r."family") >= $7 THEN 1
     ELSE 0 END AS "g.family_name",
       CASE WHEN l."dob" IS NULL OR r."dob" IS NULL THEN -1
     WHEN l."dob" = r."dob" THEN 5
     WHEN substr(l."dob", 1, 4) = substr(r."dob", 1, 4) AND substr(l."dob", 6, 2) = substr(r."dob", 9, 2) AND substr(l."dob", 9, 2) = substr(r."dob", 6, 2) THEN 4
     WHEN length(l."dob") = length(r."dob") AND CASE WHEN length(l."dob") = length(r."dob") THEN hamming(l."dob", r."dob") <= 1 ELSE false END THEN 3
     WHEN abs(length(l."dob") - length(r."dob")) <= $8 AND CASE WHEN length(l."dob") = length(r."dob") THEN hamming(l."dob", r."dob") <= 2 ELSE true END AND damerau_levenshtein(l."dob", r."dob") <= $9 THEN 2
     WHEN abs(l."dob#days" - r."dob#days") <= $10 THEN 1
     ELSE 0 END AS "g.date_of_birth",
       CASE WHEN l."sex" IS NULL OR r."sex" IS NULL THEN -1
     WHEN l."sex" = r."sex" THEN 1
     ELSE 0 END AS "g.sex",
       CASE WHEN l."nhs" IS NULL OR r."nhs" IS NULL THEN -1
     WHEN l."nhs" = r."nhs" THEN 2
     WHEN abs(length(l."nhs") - length(r."nhs")) <= $11 AND CASE WHEN length(l."nhs") = length(r."nhs") THEN hamming(l."nhs", r."nhs") <= 2 ELSE true END AND damerau_levenshtein(l."nhs", r."nhs") <= $12 THEN 1
     ELSE 0 END AS "g.nhs_number",
       CASE WHEN l."ni" IS NULL OR r."ni" IS NULL THEN -1
     WHEN l."ni" = r."ni" THEN 2
     WHEN abs(length(l."ni") - length(r."ni")) <= $13 AND CASE WHEN length(l."ni") = length(r."ni") THEN hamming(l."ni", r."ni") <= 2 ELSE true END AND damerau_levenshtein(l."ni", r."ni") <= $14 THEN 1
     ELSE 0 END AS "g.ni_number",
       CASE WHEN l."email" IS NULL OR r."email" IS NULL THEN -1
     WHEN l."email" = r."email" THEN 2
     WHEN l."email_user" = r."email_user" THEN 1
     ELSE 0 END AS "g.email",
       CASE WHEN l."phone" IS NULL OR r."phone" IS NULL THEN -1
     WHEN l."phone" = r."phone" THEN 2
     WHEN abs(length(l."phone") - length(r."phone")) <= $15 AND CASE WHEN length(l."phone") = length(r."phone") THEN hamming(l."phone", r."phone") <= 2 ELSE true END AND damerau_levenshtein(l."phone", r."phone") <= $16 THEN 1
     ELSE 0 END AS "g.phone",
       CASE WHEN l."addr_tokens" IS NULL OR r."addr_tokens" IS NULL THEN -1
     WHEN l."addr_key" = r."addr_key" THEN 5
     WHEN len(list_filter(l."addr_tokens", lambda x: list_contains(r."addr_tokens", x))) >= $17 * (len(l."addr_tokens") + len(r."addr_tokens")) THEN 4
     WHEN l."pc" = r."pc" THEN 3
     WHEN len(list_filter(l."addr_tokens", lambda x: list_contains(r."addr_tokens", x))) >= $18 * (len(l."addr_tokens") + len(r."addr_tokens")) THEN 2
     WHEN l."pc_out" = r."pc_out" THEN 1
     ELSE 0 END AS "g.address",
       CASE WHEN l."locality" IS NULL OR r."locality" IS NULL THEN -1
     WHEN l."locality" = r."locality" THEN 3
     WHEN jaro_winkler_similarity(l."locality", r."locality") >= $19 THEN 2
     WHEN jaro_winkler_similarity(l."locality", r."locality") >= $20 THEN 1
     ELSE 0 END AS "g.locality",
       CASE WHEN l."town" IS NULL OR r."town" IS NULL THEN -1
     WHEN l."town" = r."town" THEN 3
     WHEN jaro_winkler_similarity(l."town", r."town") >= $21 THEN 2
     WHEN jaro_winkler_similarity(l."town", r."town") >= $22 THEN 1
     ELSE 0 END AS "g.town",
       CASE WHEN l."attr.ref" IS NULL OR r."attr.ref" IS NULL THEN -1
     WHEN l."attr.ref" = r."attr.ref" THEN 1
     ELSE 0 END AS "g.attr.ref",
       CASE WHEN l."nhs" = r."nhs" THEN $23 END AS det
FROM (SELECT c.* FROM (SELECT *, CAST(hash(c.rid_l, c.rid_r, $1) >> 11 AS DOUBLE) / 9007199254740992.0 AS h FROM "_m_cand" c) c WHERE c.rules & (262131 | CASE WHEN h < $2 THEN (CAST(1 AS BIGINT) << 2) ELSE 0 END | CASE WHEN h < $3 THEN (CAST(1 AS BIGINT) << 3) ELSE 0 END) <> 0) c
JOIN "_m_base" l ON l."rid" = c.rid_l
JOIN "_m_base" r ON r."rid" = c.rid_r
-- args:
-- $1 = 1
-- $2 = 0.5
-- $3 = 0.25
-- $4 = 0.92
-- $5 = 0.8
-- $6 = 0.92
-- $7 = 0.8
-- $8 = 1
-- $9 = 1
-- $10 = 365
-- $11 = 1
-- $12 = 1
-- $13 = 1
-- $14 = 1
-- $15 = 1
-- $16 = 1
-- $17 = 0.4444444444444445
-- $18 = 0.3333333333333333
-- $19 = 0.92
-- $20 = 0.8
-- $21 = 0.92
-- $22 = 0.8
-- $23 = "same nhs"
