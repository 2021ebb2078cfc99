CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CASE min(i) WHEN 0 THEN $41 WHEN 1 THEN $42 WHEN 2 THEN $43 WHEN 3 THEN $44 WHEN 4 THEN $45 WHEN 5 THEN $46 WHEN 6 THEN $47 WHEN 7 THEN $48 WHEN 8 THEN $49 WHEN 9 THEN $50 WHEN 10 THEN $51 WHEN 11 THEN $52 WHEN 12 THEN $53 WHEN 13 THEN $54 WHEN 14 THEN $55 WHEN 15 THEN $56 WHEN 16 THEN $57 WHEN 17 THEN $58 WHEN 18 THEN $59 END AS rule,
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
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_dm" AS "k0", f."family_dm" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $1) k ON f."given_dm" = k."k0" AND f."family_dm" = k."k1") r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 2 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_dm" AS "k0", f."family_dm" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $2) k ON f."given_dm" = k."k0" AND f."family_dm" = k."k1") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
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
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."given_dm" = r."given_dm" AND l."pc" = r."pc" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 9 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."given_dm" = r."given_dm" AND l."pc" = r."pc" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 10 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."family_dm" = r."family_dm" AND l."pc" = r."pc" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 10 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."family_dm" = r."family_dm" AND l."pc" = r."pc" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 11 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 11 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."given", $3) AS "k0", left(f."family", $4) AS "k1", left(f."dob", $5) AS "k2" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $6) k ON left(f."given", $7) = k."k0" AND left(f."family", $8) = k."k1" AND left(f."dob", $9) = k."k2") r ON left(l."given", $10) = left(r."given", $11) AND left(l."family", $12) = left(r."family", $13) AND left(l."dob", $14) = left(r."dob", $15) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."given", $16) AS "k0", left(f."family", $17) AS "k1", left(f."dob", $18) AS "k2" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $19) k ON left(f."given", $20) = k."k0" AND left(f."family", $21) = k."k1" AND left(f."dob", $22) = k."k2") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON left(l."given", $23) = left(r."given", $24) AND left(l."family", $25) = left(r."family", $26) AND left(l."dob", $27) = left(r."dob", $28) AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."family" AS "k0", left(f."dob", $29) AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $30) k ON f."family" = k."k0" AND left(f."dob", $31) = k."k1") r ON l."family" = r."family" AND left(l."dob", $32) = left(r."dob", $33) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."family" AS "k0", left(f."dob", $34) AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $35) k ON f."family" = k."k0" AND left(f."dob", $36) = k."k1") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."family" = r."family" AND left(l."dob", $37) = left(r."dob", $38) AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_sx" AS "k0", f."family_sx" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $39) k ON f."given_sx" = k."k0" AND f."family_sx" = k."k1") r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_sx" AS "k0", f."family_sx" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $40) k ON f."given_sx" = k."k0" AND f."family_sx" = k."k1") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."email" = r."email" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."email" = r."email" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 17 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 17 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 18 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 18 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."phone" = r."phone" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
)
GROUP BY rid_l, rid_r
-- args:
-- $1 = 30
-- $2 = 30
-- $3 = 2
-- $4 = 2
-- $5 = 4
-- $6 = 30
-- $7 = 2
-- $8 = 2
-- $9 = 4
-- $10 = 2
-- $11 = 2
-- $12 = 2
-- $13 = 2
-- $14 = 4
-- $15 = 4
-- $16 = 2
-- $17 = 2
-- $18 = 4
-- $19 = 30
-- $20 = 2
-- $21 = 2
-- $22 = 4
-- $23 = 2
-- $24 = 2
-- $25 = 2
-- $26 = 2
-- $27 = 4
-- $28 = 4
-- $29 = 4
-- $30 = 30
-- $31 = 4
-- $32 = 4
-- $33 = 4
-- $34 = 4
-- $35 = 30
-- $36 = 4
-- $37 = 4
-- $38 = 4
-- $39 = 30
-- $40 = 30
-- $41 = "nhs"
-- $42 = "ni"
-- $43 = "given_dm+family_dm"
-- $44 = "dob+family_sx"
-- $45 = "dob+given_sx"
-- $46 = "dob+names_sx"
-- $47 = "dob+pc"
-- $48 = "dob+house"
-- $49 = "names_sx+house"
-- $50 = "given_dm+pc"
-- $51 = "family_dm+pc"
-- $52 = "pc+house"
-- $53 = "house+street"
-- $54 = "left(given, 2)+left(family, 2)+left(dob, 4)"
-- $55 = "family+left(dob, 4)"
-- $56 = "given_sx+family_sx"
-- $57 = "email"
-- $58 = "email_user"
-- $59 = "phone"
