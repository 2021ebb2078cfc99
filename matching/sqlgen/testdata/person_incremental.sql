CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CAST(min(i) AS INTEGER) AS rule,
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
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."dob" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $3) k ON f."dob" = k."k0" AND f."house" = k."k1") r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 7 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."dob" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $4) k ON f."dob" = k."k0" AND f."house" = k."k1") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 8 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."names_sx" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $5) k ON f."names_sx" = k."k0" AND f."house" = k."k1") r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 8 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."names_sx" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $6) k ON f."names_sx" = k."k0" AND f."house" = k."k1") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
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
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 11 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."given", $7) AS "k0", left(f."family", $8) AS "k1", left(f."dob", $9) AS "k2" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $10) k ON left(f."given", $11) = k."k0" AND left(f."family", $12) = k."k1" AND left(f."dob", $13) = k."k2") r ON left(l."given", $14) = left(r."given", $15) AND left(l."family", $16) = left(r."family", $17) AND left(l."dob", $18) = left(r."dob", $19) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."given", $20) AS "k0", left(f."family", $21) AS "k1", left(f."dob", $22) AS "k2" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $23) k ON left(f."given", $24) = k."k0" AND left(f."family", $25) = k."k1" AND left(f."dob", $26) = k."k2") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON left(l."given", $27) = left(r."given", $28) AND left(l."family", $29) = left(r."family", $30) AND left(l."dob", $31) = left(r."dob", $32) AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."family" AS "k0", left(f."dob", $33) AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $34) k ON f."family" = k."k0" AND left(f."dob", $35) = k."k1") r ON l."family" = r."family" AND left(l."dob", $36) = left(r."dob", $37) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."family" AS "k0", left(f."dob", $38) AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $39) k ON f."family" = k."k0" AND left(f."dob", $40) = k."k1") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."family" = r."family" AND left(l."dob", $41) = left(r."dob", $42) AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_sx" AS "k0", f."family_sx" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $43) k ON f."given_sx" = k."k0" AND f."family_sx" = k."k1") r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_sx" AS "k0", f."family_sx" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $44) k ON f."given_sx" = k."k0" AND f."family_sx" = k."k1") l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."email" = r."email" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."email" = r."email" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 17 AS i
FROM (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 17 AS i
FROM "_m_base" l JOIN (SELECT * FROM "_m_base" WHERE "rid" IN (SELECT "rid" FROM "_m_delta")) r ON l."phone" = r."phone" AND l."rid" < r."rid"
WHERE l."rid" NOT IN (SELECT "rid" FROM "_m_delta")
)
GROUP BY rid_l, rid_r
-- args:
-- $1 = 30
-- $2 = 30
-- $3 = 10
-- $4 = 10
-- $5 = 10
-- $6 = 10
-- $7 = 2
-- $8 = 2
-- $9 = 4
-- $10 = 10
-- $11 = 2
-- $12 = 2
-- $13 = 4
-- $14 = 2
-- $15 = 2
-- $16 = 2
-- $17 = 2
-- $18 = 4
-- $19 = 4
-- $20 = 2
-- $21 = 2
-- $22 = 4
-- $23 = 10
-- $24 = 2
-- $25 = 2
-- $26 = 4
-- $27 = 2
-- $28 = 2
-- $29 = 2
-- $30 = 2
-- $31 = 4
-- $32 = 4
-- $33 = 4
-- $34 = 10
-- $35 = 4
-- $36 = 4
-- $37 = 4
-- $38 = 4
-- $39 = 10
-- $40 = 4
-- $41 = 4
-- $42 = 4
-- $43 = 30
-- $44 = 30
