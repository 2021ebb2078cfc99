CREATE OR REPLACE TEMP TABLE "_m_cand" AS
SELECT rid_l, rid_r, CAST(min(i) AS INTEGER) AS rule,
       CAST(bit_or(CASE WHEN i < 63 THEN CAST(1 AS BIGINT) << i ELSE 0 END) AS BIGINT) AS rules
FROM (
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 0 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."company_no" = r."company_no" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 1 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."biz_key" = r."biz_key" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 2 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."biz_dm" AS "k0", f."pc_out" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $1) k ON f."biz_dm" = k."k0" AND f."pc_out" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."biz_dm" AS "k0", f."pc_out" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $1) k ON f."biz_dm" = k."k0" AND f."pc_out" = k."k1") r ON l."biz_dm" = r."biz_dm" AND l."pc_out" = r."pc_out" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 3 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."biz_first" AS "k0", f."town" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $2) k ON f."biz_first" = k."k0" AND f."town" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."biz_first" AS "k0", f."town" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $2) k ON f."biz_first" = k."k0" AND f."town" = k."k1") r ON l."biz_first" = r."biz_first" AND l."town" = r."town" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 4 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."pc" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $3) k ON f."pc" = k."k0" AND f."house" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."pc" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $3) k ON f."pc" = k."k0" AND f."house" = k."k1") r ON l."pc" = r."pc" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 5 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."biz_first" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $4) k ON f."biz_first" = k."k0" AND f."house" = k."k1") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT f."biz_first" AS "k0", f."house" AS "k1" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $4) k ON f."biz_first" = k."k0" AND f."house" = k."k1") r ON l."biz_first" = r."biz_first" AND l."house" = r."house" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 6 AS i
FROM "_m_base" l JOIN "_m_base" r ON l."phone" = r."phone" AND l."rid" < r."rid"
UNION ALL
SELECT l."rid" AS rid_l, r."rid" AS rid_r, 7 AS i
FROM (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."biz_name", $5) AS "k0" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $6) k ON left(f."biz_name", $7) = k."k0") l JOIN (SELECT f.* FROM "_m_base" f SEMI JOIN (SELECT left(f."biz_name", $5) AS "k0" FROM "_m_base" f GROUP BY ALL HAVING count(*) <= $6) k ON left(f."biz_name", $7) = k."k0") r ON left(l."biz_name", $8) = left(r."biz_name", $9) AND l."rid" < r."rid"
)
GROUP BY rid_l, rid_r
-- args:
-- $1 = 20
-- $2 = 20
-- $3 = 50
-- $4 = 20
-- $5 = 6
-- $6 = 100
-- $7 = 6
-- $8 = 6
-- $9 = 6
