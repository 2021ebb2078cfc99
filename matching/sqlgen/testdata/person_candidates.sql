CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CASE min(i) WHEN 0 THEN $21 WHEN 1 THEN $22 WHEN 2 THEN $23 WHEN 3 THEN $24 WHEN 4 THEN $25 WHEN 5 THEN $26 WHEN 6 THEN $27 WHEN 7 THEN $28 WHEN 8 THEN $29 WHEN 9 THEN $30 WHEN 10 THEN $31 WHEN 11 THEN $32 WHEN 12 THEN $33 WHEN 13 THEN $34 WHEN 14 THEN $35 WHEN 15 THEN $36 WHEN 16 THEN $37 WHEN 17 THEN $38 WHEN 18 THEN $39 END AS rule,
       CAST(bit_or(CASE WHEN i < 63 THEN CAST(1 AS BIGINT) << i ELSE 0 END) AS BIGINT) AS rules
FROM (
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 0 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."nhs" = r."nhs" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 1 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."ni" = r."ni" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 2 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_dm" AS "k0", f."family_dm" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $1) k ON f."given_dm" = k."k0" AND f."family_dm" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_dm" AS "k0", f."family_dm" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $1) k ON f."given_dm" = k."k0" AND f."family_dm" = k."k1") r ON l."given_dm" = r."given_dm" AND l."family_dm" = r."family_dm" AND l."rid" < r."rid"
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
FROM "_m_base" l JOIN "_m_base" r ON l."given_dm" = r."given_dm" AND l."pc" = r."pc" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 10 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."family_dm" = r."family_dm" AND l."pc" = r."pc" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 11 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."given", $2) AS "k0", left(f."family", $3) AS "k1", left(f."dob", $4) AS "k2" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $5) k ON left(f."given", $6) = k."k0" AND left(f."family", $7) = k."k1" AND left(f."dob", $8) = k."k2") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."given", $2) AS "k0", left(f."family", $3) AS "k1", left(f."dob", $4) AS "k2" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $5) k ON left(f."given", $6) = k."k0" AND left(f."family", $7) = k."k1" AND left(f."dob", $8) = k."k2") r ON left(l."given", $9) = left(r."given", $10) AND left(l."family", $11) = left(r."family", $12) AND left(l."dob", $13) = left(r."dob", $14) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."family" AS "k0", left(f."dob", $15) AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $16) k ON f."family" = k."k0" AND left(f."dob", $17) = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."family" AS "k0", left(f."dob", $15) AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $16) k ON f."family" = k."k0" AND left(f."dob", $17) = k."k1") r ON l."family" = r."family" AND left(l."dob", $18) = left(r."dob", $19) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_sx" AS "k0", f."family_sx" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $20) k ON f."given_sx" = k."k0" AND f."family_sx" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_sx" AS "k0", f."family_sx" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $20) k ON f."given_sx" = k."k0" AND f."family_sx" = k."k1") r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."email" = r."email" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 17 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 18 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
)
GROUP BY rid_l, rid_r
-- args:
-- $1 = 30
-- $2 = 2
-- $3 = 2
-- $4 = 4
-- $5 = 30
-- $6 = 2
-- $7 = 2
-- $8 = 4
-- $9 = 2
-- $10 = 2
-- $11 = 2
-- $12 = 2
-- $13 = 4
-- $14 = 4
-- $15 = 4
-- $16 = 30
-- $17 = 4
-- $18 = 4
-- $19 = 4
-- $20 = 30
-- $21 = "nhs"
-- $22 = "ni"
-- $23 = "given_dm+family_dm"
-- $24 = "dob+family_sx"
-- $25 = "dob+given_sx"
-- $26 = "dob+names_sx"
-- $27 = "dob+pc"
-- $28 = "dob+house"
-- $29 = "names_sx+house"
-- $30 = "given_dm+pc"
-- $31 = "family_dm+pc"
-- $32 = "pc+house"
-- $33 = "house+street"
-- $34 = "left(given, 2)+left(family, 2)+left(dob, 4)"
-- $35 = "family+left(dob, 4)"
-- $36 = "given_sx+family_sx"
-- $37 = "email"
-- $38 = "email_user"
-- $39 = "phone"
