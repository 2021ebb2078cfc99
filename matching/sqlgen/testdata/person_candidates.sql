CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CASE min(i) WHEN 0 THEN $9 WHEN 1 THEN $10 WHEN 2 THEN $11 WHEN 3 THEN $12 WHEN 4 THEN $13 WHEN 5 THEN $14 WHEN 6 THEN $15 WHEN 7 THEN $16 WHEN 8 THEN $17 WHEN 9 THEN $18 WHEN 10 THEN $19 WHEN 11 THEN $20 WHEN 12 THEN $21 WHEN 13 THEN $22 WHEN 14 THEN $23 WHEN 15 THEN $24 WHEN 16 THEN $25 END AS rule,
       CAST(bit_or(CASE WHEN i < 63 THEN CAST(1 AS BIGINT) << i ELSE 0 END) AS BIGINT) AS rules
FROM (
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 0 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."nhs" = r."nhs" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 1 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."ni" = r."ni" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 2 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 3 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 4 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."given_sx" = r."given_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 5 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."names_sx" = r."names_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 6 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."pc" = r."pc" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 7 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 8 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 9 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 10 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 11 AS i
FROM "_m_base" l JOIN "_m_base" r ON left(l."given", $1) = left(r."given", $2) AND left(l."family", $3) = left(r."family", $4) AND left(l."dob", $5) = left(r."dob", $6) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."family" = r."family" AND left(l."dob", $7) = left(r."dob", $8) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."email" = r."email" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
)
GROUP BY rid_l, rid_r
-- args:
-- $1 = 2
-- $2 = 2
-- $3 = 2
-- $4 = 2
-- $5 = 4
-- $6 = 4
-- $7 = 4
-- $8 = 4
-- $9 = "nhs"
-- $10 = "ni"
-- $11 = "given_dm+family_dm"
-- $12 = "dob+family_sx"
-- $13 = "dob+given_sx"
-- $14 = "dob+names_sx"
-- $15 = "dob+pc"
-- $16 = "dob+house"
-- $17 = "names_sx+house"
-- $18 = "pc+house"
-- $19 = "house+street"
-- $20 = "left(given, 2)+left(family, 2)+left(dob, 4)"
-- $21 = "family+left(dob, 4)"
-- $22 = "given_sx+family_sx"
-- $23 = "email"
-- $24 = "email_user"
-- $25 = "phone"
