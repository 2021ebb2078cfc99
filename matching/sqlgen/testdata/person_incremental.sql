CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CASE min(i) WHEN 0 THEN $17 WHEN 1 THEN $18 WHEN 2 THEN $19 WHEN 3 THEN $20 WHEN 4 THEN $21 WHEN 5 THEN $22 WHEN 6 THEN $23 WHEN 7 THEN $24 WHEN 8 THEN $25 WHEN 9 THEN $26 WHEN 10 THEN $27 WHEN 11 THEN $28 WHEN 12 THEN $29 WHEN 13 THEN $30 WHEN 14 THEN $31 WHEN 15 THEN $32 WHEN 16 THEN $33 END AS rule,
       CAST(bit_or(CASE WHEN i < 63 THEN CAST(1 AS BIGINT) << i ELSE 0 END) AS BIGINT) AS rules
FROM (
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 0 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."nhs" = r."nhs" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 0 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."nhs" = r."nhs" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 1 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."ni" = r."ni" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 1 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."ni" = r."ni" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 2 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 2 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 3 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 3 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 4 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."given_sx" = r."given_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 4 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."given_sx" = r."given_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 5 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."names_sx" = r."names_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 5 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."names_sx" = r."names_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 6 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."pc" = r."pc" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 6 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."pc" = r."pc" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 7 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 7 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 8 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 8 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 9 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 9 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 10 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 10 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 11 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON left(l."given", $1) = left(r."given", $2) AND left(l."family", $3) = left(r."family", $4) AND left(l."dob", $5) = left(r."dob", $6) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 11 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON left(l."given", $7) = left(r."given", $8) AND left(l."family", $9) = left(r."family", $10) AND left(l."dob", $11) = left(r."dob", $12) AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."family" = r."family" AND left(l."dob", $13) = left(r."dob", $14) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."family" = r."family" AND left(l."dob", $15) = left(r."dob", $16) AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."email" = r."email" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."email" = r."email" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."phone" = r."phone" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
)
GROUP BY rid_l, rid_r
-- args:
-- $1 = 2
-- $2 = 2
-- $3 = 2
-- $4 = 2
-- $5 = 4
-- $6 = 4
-- $7 = 2
-- $8 = 2
-- $9 = 2
-- $10 = 2
-- $11 = 4
-- $12 = 4
-- $13 = 4
-- $14 = 4
-- $15 = 4
-- $16 = 4
-- $17 = "nhs"
-- $18 = "ni"
-- $19 = "given_dm+family_dm"
-- $20 = "dob+family_sx"
-- $21 = "dob+given_sx"
-- $22 = "dob+names_sx"
-- $23 = "dob+pc"
-- $24 = "dob+house"
-- $25 = "names_sx+house"
-- $26 = "pc+house"
-- $27 = "house+street"
-- $28 = "left(given, 2)+left(family, 2)+left(dob, 4)"
-- $29 = "family+left(dob, 4)"
-- $30 = "given_sx+family_sx"
-- $31 = "email"
-- $32 = "email_user"
-- $33 = "phone"
