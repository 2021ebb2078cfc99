CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CAST(min(i) AS INTEGER) AS rule,
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
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."dob" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $2) k ON f."dob" = k."k0" AND f."house" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."dob" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $2) k ON f."dob" = k."k0" AND f."house" = k."k1") r ON l."dob" = r."dob" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 8 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."names_sx" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $3) k ON f."names_sx" = k."k0" AND f."house" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."names_sx" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $3) k ON f."names_sx" = k."k0" AND f."house" = k."k1") r ON l."names_sx" = r."names_sx" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 9 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."given_dm" = r."given_dm" AND l."pc" = r."pc" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 10 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."family_dm" = r."family_dm" AND l."pc" = r."pc" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 11 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."house" = r."house" AND l."street" = r."street" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 12 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."given", $4) AS "k0", left(f."family", $5) AS "k1", left(f."dob", $6) AS "k2" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $7) k ON left(f."given", $8) = k."k0" AND left(f."family", $9) = k."k1" AND left(f."dob", $10) = k."k2") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."given", $4) AS "k0", left(f."family", $5) AS "k1", left(f."dob", $6) AS "k2" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $7) k ON left(f."given", $8) = k."k0" AND left(f."family", $9) = k."k1" AND left(f."dob", $10) = k."k2") r ON left(l."given", $11) = left(r."given", $12) AND left(l."family", $13) = left(r."family", $14) AND left(l."dob", $15) = left(r."dob", $16) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 13 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."family" AS "k0", left(f."dob", $17) AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $18) k ON f."family" = k."k0" AND left(f."dob", $19) = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."family" AS "k0", left(f."dob", $17) AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $18) k ON f."family" = k."k0" AND left(f."dob", $19) = k."k1") r ON l."family" = r."family" AND left(l."dob", $20) = left(r."dob", $21) AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 14 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_sx" AS "k0", f."family_sx" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $22) k ON f."given_sx" = k."k0" AND f."family_sx" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."given_sx" AS "k0", f."family_sx" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $22) k ON f."given_sx" = k."k0" AND f."family_sx" = k."k1") r ON l."given_sx" = r."given_sx" AND l."family_sx" = r."family_sx" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 15 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."email" = r."email" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 16 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."email_user" = r."email_user" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 17 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
)
GROUP BY rid_l, rid_r
-- args:
-- $1 = 30
-- $2 = 10
-- $3 = 10
-- $4 = 2
-- $5 = 2
-- $6 = 4
-- $7 = 10
-- $8 = 2
-- $9 = 2
-- $10 = 4
-- $11 = 2
-- $12 = 2
-- $13 = 2
-- $14 = 2
-- $15 = 4
-- $16 = 4
-- $17 = 4
-- $18 = 10
-- $19 = 4
-- $20 = 4
-- $21 = 4
-- $22 = 30
